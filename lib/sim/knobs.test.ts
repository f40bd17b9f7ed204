import { describe, expect, it } from "vitest";
import { knob, KNOBS, portRange, SCENARIO_DEFAULTS } from "./knobs";

describe("KNOBS (the playground's sysctl fields, read off the scenario schema)", () => {
  it("should offer every sysctl the schema accepts, once", () => {
    const keys = KNOBS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    // The #17 knobs the JSON editor alone used to reach.
    expect(keys).toEqual(expect.arrayContaining(["tcp_timestamps", "tcp_sack", "tcp_window_scaling", "tcp_tw_reuse", "tcp_tw_reuse_delay_ms", "ip_local_port_range", "tcp_syn_linear_timeouts"]));
  });

  it("should make the enumerated knobs choices with the kernel's values and defaults", () => {
    expect(knob("tcp_syncookies")).toEqual({ key: "tcp_syncookies", kind: "choice", values: [0, 1, 2], default: 1 });
    expect(knob("tcp_tw_reuse")).toEqual({ key: "tcp_tw_reuse", kind: "choice", values: [0, 1, 2], default: 2 });
    expect(knob("tcp_timestamps")).toEqual({ key: "tcp_timestamps", kind: "choice", values: [0, 1], default: 1 });
  });

  it("should give numeric knobs the schema's bounds and whether they are whole numbers", () => {
    expect(knob("tcp_syn_retries")).toEqual({ key: "tcp_syn_retries", kind: "number", min: 1, max: 127, integer: true, default: 6 });
    expect(knob("tcp_rto_min_ms")).toMatchObject({ kind: "number", min: 1, integer: false, default: 200 });
  });

  it("should make ip_local_port_range a pair with Linux's default range", () => {
    expect(knob("ip_local_port_range")).toEqual({ key: "ip_local_port_range", kind: "range", default: [32768, 60999] });
    expect(knob("no_such_knob")).toBeUndefined();
  });
});

describe("portRange", () => {
  it("should fill an empty end from the default and drop the override when both are empty", () => {
    expect(portRange(40000, undefined, [32768, 60999])).toEqual([40000, 60999]);
    expect(portRange(undefined, 40001, [32768, 60999])).toEqual([32768, 40001]);
    expect(portRange(undefined, undefined, [32768, 60999])).toBeUndefined();
  });
});

describe("SCENARIO_DEFAULTS", () => {
  it("should be the values a scenario without seed or link runs with", () => {
    // As lib/tcp/scenario.ts documents them: seed 1, loopback latency 0.01 ms, loopback MSS 65483.
    expect(SCENARIO_DEFAULTS).toEqual({ seed: 1, latencyMs: 0.01, mss: 65483 });
  });
});
