import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import { parseScenario } from "./scenario";
import { formatTraceText } from "./format";
import { find, listener, loopback, twoHosts } from "./test-support";

const rets = (t: Trace, call: string): ReturnEvent[] => t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === call);
const syns = (t: Trace): number[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.flags.join() === "SYN").map((e) => e.t);

describe("sysctl changed during a run ({ call: 'sysctl' })", () => {
  // tcp_write_timeout() reads sysctl_tcp_syn_retries at every SYN timeout, so lowering it while
  // a connect() waits makes the next timeout give up: budget (2^(1+1) − 1) s = 3 s is spent by
  // the timer at 3072 ms (SYNs at 0, 1024, 2048 ms on the HZ=250 wheel, kernel facts 08).
  it("should apply tcp_syn_retries to a connect() already waiting", () => {
    const script = [{ at: 0, host: "client", sock: "c", call: "connect" as const, to: "10.0.0.99:80" }];
    const changed = twoHosts([...script, { at: 2500, host: "client", call: "sysctl", key: "tcp_syn_retries", value: 1 }]);
    expect(syns(changed)).toEqual([0, 1024, 2048]);
    expect(rets(changed, "connect")[0]).toMatchObject({ errno: "ETIMEDOUT", t: 3072 });
    const other = twoHosts([...script, { at: 2500, host: "server", call: "sysctl", key: "tcp_syn_retries", value: 1 }], { untilMs: 10_000 });
    expect(rets(other, "connect")).toEqual([]); // another host's knob changes nothing here
  });

  it("should use the new somaxconn for the next listen() only, and show the step in the trace", () => {
    const t = loopback([
      ...listener("lo", "127.0.0.1", 80, 100, "a"),
      { at: 1, host: "lo", call: "sysctl", key: "somaxconn", value: 8 },
      ...listener("lo", "127.0.0.1", 81, 100, "b").map((s) => ({ ...s, at: 2 })),
    ]);
    expect(find(t.final, "lo", "a")?.sendQ).toBe(100);
    expect(find(t.final, "lo", "b")?.sendQ).toBe(8);
    expect(rets(t, "sysctl")[0]).toMatchObject({ value: 0, errno: null, t: 1 });
    expect(formatTraceText(t)).toContain("sysctl(key=\"somaxconn\", value=8)");
  });

  it("should take ip_local_port_range as [low, high] and pick the next ephemeral port from it", () => {
    const t = loopback([
      ...listener("lo", "127.0.0.1", 80, 10),
      { at: 1, host: "lo", call: "sysctl", key: "ip_local_port_range", value: [40000, 40001] },
      { at: 2, host: "lo", sock: "c", call: "connect", to: "127.0.0.1:80" },
    ]);
    const port = Number(find(t.final, "lo", "c")?.local.split(":")[1]);
    expect(port).toBeGreaterThanOrEqual(40000);
    expect(port).toBeLessThanOrEqual(40001);
  });

  it("should reject an unknown key or a value outside the knob's bounds, with the step's path", () => {
    const hosts = [{ name: "a", ip: "10.0.0.1" }];
    const bad = (step: Record<string, unknown>) => parseScenario({ hosts, script: [{ at: 0, host: "a", call: "sysctl", ...step }] });
    const unknown = bad({ key: "tcp_nope", value: 1 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues.map((i) => i.path)).toContain("script.0.key");
    for (const [key, value] of [["tcp_tw_reuse", 3], ["somaxconn", -1], ["ip_local_port_range", [5000, 4000]], ["tcp_syn_retries", [1, 2]]] as const) {
      const r = bad({ key, value });
      expect(r.ok, `${key}=${JSON.stringify(value)}`).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.path)).toContain("script.0.value");
    }
    expect(bad({ key: "tcp_tw_reuse", value: 1 }).ok).toBe(true);
  });
});
