import { describe, expect, it } from "vitest";
import type { ScenarioInput } from "./scenario";
import type { ReturnEvent, SegmentEvent, StateEvent, Trace } from "./types";
import { simulate, simulateInput } from "./engine";
import { PRESETS } from "./presets";
import { listener } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.copyOf === undefined);
const textbook = (s: Omit<ScenarioInput, "profile">): Trace => simulateInput({ ...s, profile: "rfc9293" });
const hosts = [
  { name: "client", ip: "10.0.0.1" },
  { name: "server", ip: "10.0.0.2" },
];

describe("rfc9293 (textbook) profile", () => {
  it("should hold TIME-WAIT for 2×MSL = 4 minutes (RFC 9293 §3.4.2, MSL = 2 min)", () => {
    const t = simulate(PRESETS["time-wait-rfc9293-2msl"].scenario);
    const tw = t.events.filter((e): e is StateEvent => e.kind === "state" && e.socket === "c");
    const enter = tw.find((e) => e.to === "TIME-WAIT")?.t ?? 0;
    expect((tw.find((e) => e.from === "TIME-WAIT")?.t ?? 0) - enter).toBe(240_000);
  });

  it("should ACK every segment at once, so even an immediate close gives four segments", () => {
    const t = simulate({ ...PRESETS["three-segment-teardown"].scenario, profile: "rfc9293" });
    expect(segs(t).filter((s) => s.t >= 300).map((s) => `${s.from} [${s.flags.join(",")}]`)).toEqual([
      "client [FIN,ACK]",
      "server [ACK]",
      "server [FIN,ACK]",
      "client [ACK]",
    ]);
  });

  it("should double the SYN timeout from 1 s and give up after tcp_syn_retries retransmissions (RFC 6298 §5.5)", () => {
    const t = textbook({ hosts, script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "10.0.0.99:80" }] });
    expect(segs(t).map((s) => s.t)).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    const r = t.events.find((e): e is ReturnEvent => e.kind === "return" && e.call === "connect");
    expect([r?.errno, r?.t]).toEqual(["ETIMEDOUT", 127000]);
  });

  it("should keep RTO ≥ 1 s (RFC 6298 §2.4)", () => {
    const t = textbook({
      hosts,
      link: { latencyMs: 1 },
      faults: [{ action: "drop", match: { flags: ["FIN"] }, nth: 1 }],
      script: [...listener("server", "10.0.0.2", 80, 8), { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }, { at: 100, host: "client", sock: "c", call: "close" }],
    });
    const fins = segs(t).filter((s) => s.flags.includes("FIN"));
    expect((fins[1]?.t ?? 0) - (fins[0]?.t ?? 0)).toBe(1000);
  });

  it("should hold exactly `backlog` connections, use 49152–65535 and send no SYN cookies", () => {
    const script = [
      ...listener("server", "10.0.0.2", 80, 2),
      ...[1, 2, 3, 4].map((i) => ({ at: i, host: "client", sock: `c${i}`, call: "connect" as const, to: "server:80", nonblocking: true })),
    ];
    const t = textbook({ hosts, script, untilMs: 500 });
    expect(t.final.filter((s) => s.host === "client" && s.state === "ESTABLISHED")).toHaveLength(2);
    const port = Number(segs(t)[0]?.src.split(":")[1]);
    expect(port).toBeGreaterThanOrEqual(49152);
    const linux = simulateInput({ hosts, script, untilMs: 500 });
    expect(linux.final.filter((s) => s.host === "client" && s.state === "ESTABLISHED")).toHaveLength(3);
    expect(t.counters.server?.TcpExtSyncookiesSent).toBe(0);
  });

  it("should not time out an orphaned FIN-WAIT-2 (no tcp_fin_timeout in the RFC)", () => {
    const t = simulate({ ...PRESETS["close-wait-leak"].scenario, profile: "rfc9293" });
    expect(t.final.find((s) => s.host === "client")?.state).toBe("FIN-WAIT-2");
  });
});
