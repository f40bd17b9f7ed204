import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import type { StepInput } from "./scenario";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { find, listener, loopback } from "./test-support";

const IP = "127.0.0.1";
const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.copyOf === undefined);
const ret = (t: Trace, call: string, sock: string): ReturnEvent[] =>
  t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === call && e.sock === sock);

/**
 * listen(1) with one connection queued, then two clients whose SYNs arrive together: both get
 * request sockets, but when the second final ACK arrives the accept queue (2 > 1) is full.
 * Reproduces our loopback observation on 6.18 (tbf valve holding the two SYNs).
 */
function overflowAtAck(abort: 0 | 1, extra: StepInput[] = []): Trace {
  return loopback(
    [
      ...listener("lo", IP, 7720, 1),
      { at: 1, host: "lo", sock: "c0", call: "connect", to: `${IP}:7720` },
      { at: 50, host: "lo", sock: "c1", call: "connect", to: `${IP}:7720`, nonblocking: true },
      { at: 50, host: "lo", sock: "c2", call: "connect", to: `${IP}:7720`, nonblocking: true },
      ...extra,
    ],
    { sysctl: { tcp_abort_on_overflow: abort, tcp_syncookies: 0 }, untilMs: 20_000 },
  );
}

describe("listen backlog (Linux)", () => {
  it("should hold backlog + 1 established connections and drop further SYNs (kernel facts 04a/04b)", () => {
    const t = simulate(PRESETS["backlog-overflow"].scenario);
    const at2s = t.events.filter((e) => e.kind === "segment" && e.t < 2000 && e.cause === "accept-queue-full");
    expect(at2s.length).toBeGreaterThan(0);
    expect(at2s.every((e) => e.kind === "segment" && e.flags.join() === "SYN")).toBe(true);
    // After the server starts accepting at 3 s, every client gets in.
    expect(t.final.filter((s) => s.host === "client" && s.state === "ESTABLISHED")).toHaveLength(4);
  });

  it("should clamp the backlog to somaxconn, treating -1 as unsigned (kernel fact 04b)", () => {
    for (const [backlog, somaxconn, want] of [
      [5, 3, 3],
      [100000, 4096, 4096],
      [-1, 4096, 4096],
      [0, 4096, 0],
    ] as const) {
      const t = loopback(listener("lo", IP, 80, backlog), { sysctl: { somaxconn } });
      expect(find(t.final, "lo", "l")?.sendQ).toBe(want);
    }
  });

  it("should drop the final ACK when the accept queue is full and keep retransmitting SYN-ACK (abort_on_overflow=0)", () => {
    const t = overflowAtAck(0);
    const c2 = segs(t).find((s) => s.socket === "c2")?.src;
    const toC2 = segs(t).filter((s) => s.dst === c2 && s.flags.join() === "SYN,ACK");
    // Observed: SYN-ACK retransmissions 1.02, 2.02, 4.16 s apart while the client is ESTABLISHED:
    // 1, 2, 4 s rounded up by the timer wheel (8-jiffy = 32 ms buckets below 2 s, 256 ms at 4 s).
    const gaps = toC2.slice(1).map((s, i) => s.t - (toC2[i]?.t ?? 0));
    expect(gaps).toHaveLength(4);
    [1020, 2020, 4160].forEach((observed, i) => expect(Math.abs((gaps[i] as number) - observed), `gap ${i}`).toBeLessThanOrEqual(i < 2 ? 32 : 256));
    expect(gaps[3]).toBeGreaterThanOrEqual(8000);
    expect(gaps[3]).toBeLessThanOrEqual(8256);
    expect(find(t.final, "lo", "c2")?.state).toBe("ESTABLISHED");
    const req = t.final.find((s) => s.state === "SYN-RECEIVED");
    expect(req?.timer?.kind).toBe("on");
    expect(t.counters.lo?.TcpExtListenOverflows).toBeGreaterThanOrEqual(1);
    expect(segs(t).some((s) => s.flags.includes("RST"))).toBe(false);
  });

  it("should complete that connection once accept() makes room and the client's data arrives", () => {
    const t = overflowAtAck(0, [
      { at: 8000, host: "lo", sock: "l", call: "accept", as: "a0" },
      { at: 12_000, host: "lo", sock: "c2", call: "send", data: "hi" },
      { at: 12_100, host: "lo", sock: "l", call: "accept", as: "a1" },
      { at: 12_100, host: "lo", sock: "l", call: "accept", as: "a2" },
      { id: "r", at: 12_200, host: "lo", sock: "a2", call: "recv" },
    ]);
    expect(ret(t, "recv", "a2")[0]?.data).toBe("hi");
  });

  /**
   * The client believes it is connected and sends; the server still holds a request. Both
   * retransmit on their own schedules, so the wire interleaves them (derived from tcp_output.c /
   * tcp_timer.c and the HZ=250 wheel): the client's data at 100 ms (jiffy 25), its loss probe
   * after 51 + 1 jiffies (308 ms), RTOs at jiffies 129, 232, 440, 856, 1728 (516, 928, 1760,
   * 3424, 6912 ms: 51 jiffies doubling, rounded up per wheel level); the server's SYN-ACK at
   * 50 ms (jiffy 12) + 250 ⇒ 1056 ms, + 500 ⇒ 3072 ms, each drawing a challenge ACK that the
   * full queue drops too. accept() at 3.5 s makes room; the RTO at 6912 ms completes the
   * handshake. Its ACK echoes the TSval of the first SYN-ACK (50 ms), so the server's first RTT
   * sample is 6862 ms and its RTO 3 × that (tcp_synack_rtt_meas, tcp_rtt_estimator).
   */
  it("should interleave the client's data retransmissions with the server's SYN-ACK retransmissions", () => {
    const t = overflowAtAck(0, [
      { at: 100, host: "lo", sock: "c2", call: "send", data: "hi" },
      { at: 3500, host: "lo", sock: "l", call: "accept", as: "a0" },
    ]);
    const c2 = segs(t).find((s) => s.socket === "c2")?.src;
    const wire = segs(t)
      .filter((s) => (s.src === c2 || s.dst === c2) && s.t >= 100)
      .map((s) => `${s.t} ${s.src === c2 ? "C" : "S"} ${s.flags.join(",")}${s.len ? ` len=${s.len}` : ""}`);
    expect(wire).toEqual([
      "100 C PSH,ACK len=2",
      "308 C PSH,ACK len=2",
      "516 C PSH,ACK len=2",
      "928 C PSH,ACK len=2",
      "1056 S SYN,ACK",
      "1056.01 C ACK",
      "1760 C PSH,ACK len=2",
      "3072 S SYN,ACK",
      "3072.01 C ACK",
      "3424 C PSH,ACK len=2",
      "6912 C PSH,ACK len=2",
      "6912.01 S ACK",
    ]);
    expect(t.counters.lo?.TcpExtTCPLossProbes).toBe(1);
    const child = t.final.find((s) => s.remote === c2);
    expect(child?.state).toBe("ESTABLISHED");
    expect(child?.info).toMatchObject({ rtt: 6862, rto: 20588 });
  });

  it("should answer the overflowing final ACK with RST seq=its ack when abort_on_overflow=1", () => {
    const t = overflowAtAck(1, [{ at: 6000, host: "lo", sock: "c2", call: "send", data: "hi" }]);
    const rst = segs(t).filter((s) => s.flags.includes("RST"));
    // Observed: "[R], seq <y+1>", then the client's send() fails with ECONNRESET.
    expect(rst.map((s) => `[${s.flags.join(",")}] ${s.label}`)).toEqual(["[RST] seq=y+1"]);
    expect(ret(t, "send", "c2")[0]?.errno).toBe("ECONNRESET");
    expect(simulate(PRESETS["backlog-overflow-abort"].scenario).events.some((e) => e.kind === "note" && e.code === "abort-on-overflow-rst")).toBe(true);
  });

  it("should reserve the last quarter of tcp_max_syn_backlog without cookies (observed: 13 of 40 SYNs kept)", () => {
    const t = loopback(listener("lo", "10.1.0.1", 80, 100), {
      hosts: [{ name: "lo", ip: "10.1.0.1" }],
      sysctl: { tcp_syncookies: 0, tcp_max_syn_backlog: 16 },
      flood: { target: "lo", port: 80, count: 40, ratePerSec: 100_000, startMs: 1 },
      untilMs: 100,
    });
    expect(t.final.filter((s) => s.state === "SYN-RECEIVED")).toHaveLength(13);
    expect(t.counters.lo?.TcpExtListenDrops).toBe(27);
  });
});
