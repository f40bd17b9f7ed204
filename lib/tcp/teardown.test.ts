import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, StateEvent, Trace } from "./types";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { listener, twoHosts } from "./test-support";

const segs = (t: Trace, from = 0): SegmentEvent[] =>
  t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.t >= from && e.copyOf === undefined);
const line = (s: SegmentEvent): string => `${s.from} [${s.flags.join(",")}] ${s.label}${s.len ? ` len=${s.len}` : ""}`;
const states = (t: Trace, socket: string): string[] =>
  t.events.filter((e): e is StateEvent => e.kind === "state" && e.socket === socket).map((e) => e.to);
const stateAt = (t: Trace, socket: string, to: string): number | undefined =>
  t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === socket && e.to === to)?.t;

describe("connection teardown", () => {
  it("should take three segments when the server closes before its delayed ACK fires (kernel fact 02a)", () => {
    const t = simulate(PRESETS["three-segment-teardown"].scenario);
    expect(segs(t, 300).map(line)).toEqual([
      "client [FIN,ACK] seq=x+1 ack=y+1",
      "server [FIN,ACK] seq=y+1 ack=x+2",
      "client [ACK] seq=x+2 ack=y+2",
    ]);
    expect(states(t, "c")).toEqual(["SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]);
    expect(states(t, "l#1")).toEqual(["SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"]);
  });

  it("should take four segments when the server closes later, the lone ACK on the next tick (kernel fact 02b)", () => {
    const t = simulate(PRESETS["four-segment-teardown"].scenario);
    const s = segs(t, 300);
    expect(s.map(line)).toEqual([
      "client [FIN,ACK] seq=x+1 ack=y+1",
      "server [ACK] seq=y+1 ack=x+2",
      "server [FIN,ACK] seq=y+1 ack=x+2",
      "client [ACK] seq=x+2 ack=y+2",
    ]);
    // No data was received, so ato = 0: the delayed ACK leaves on the next jiffy, not 40 ms later.
    const finArrives = s[0]?.arriveAt ?? 0;
    expect((s[1]?.t ?? 0) - finArrives).toBeLessThan(5);
  });

  // TCP_TIMEWAIT_LEN = 60 s = 15000 jiffies sits on level 3 of the timer wheel (512-jiffy =
  // 2.048 s buckets): it ends on the next 2.048-s line after 60 s (kernel facts 03a, 09).
  it("should leave only the active closer in TIME-WAIT, for 60 s rounded up to the wheel's 2.048 s grid", () => {
    const t = simulate(PRESETS["four-segment-teardown"].scenario);
    expect(states(t, "l#1")).not.toContain("TIME-WAIT");
    const tw = stateAt(t, "c", "TIME-WAIT") ?? 0;
    const end = stateAt(t, "c", "CLOSED") ?? 0;
    expect(end - tw).toBeGreaterThanOrEqual(60_000);
    expect(end - tw).toBeLessThan(62_048);
    expect(end % 2048).toBe(0);
  });

  it("should retransmit a lost FIN with a tail loss probe at PTO = 2·SRTT + 200 ms on Linux", () => {
    const t = twoHosts(
      [
        ...listener("server", "10.0.0.2", 80, 16),
        { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
        { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
        { id: "eof", after: "acc", host: "server", sock: "s", call: "recv" },
        { after: "eof", host: "server", sock: "s", call: "close" },
        { at: 300, host: "client", sock: "c", call: "close" },
      ],
      { faults: [{ action: "drop", match: { flags: ["FIN"] }, nth: 1 }] },
    );
    const fins = segs(t).filter((s) => s.from === "client" && s.flags.includes("FIN"));
    // Handshake RTT 2 ms ⇒ SRTT 2 ms; one segment out ⇒ PTO = 2·2 + 200 = 204 ms = 51 jiffies
    // (tcp_schedule_loss_probe), armed at jiffy 75 (300 ms) and run by the wheel at jiffy
    // 75 + 51 + 1 = 127 = 508 ms. A probe, not a timeout: no backoff.
    expect(fins.map((s) => [s.t, s.fate, s.retransmission])).toEqual([
      [300, "dropped", false],
      [508, "delivered", true],
    ]);
    expect(t.counters.client?.TcpExtTCPLossProbes).toBe(1);
    expect(t.counters.client?.TcpExtTCPTimeouts).toBe(0);
  });

  it("should re-acknowledge a retransmitted FIN in TIME-WAIT and restart the 60 s", () => {
    const t = simulate(PRESETS["teardown-lost-last-ack"].scenario);
    const acks = segs(t).filter((s) => s.from === "client" && s.flags.join() === "ACK" && s.label === "seq=x+2 ack=y+2");
    expect(acks.map((s) => s.fate)).toEqual(["dropped", "delivered"]);
    // Restarted in full by the second ACK, then rounded up to the 2.048 s grid (level 3).
    const end = stateAt(t, "c", "CLOSED") ?? 0;
    expect(end - (acks[1]?.t ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect(end - (acks[1]?.t ?? 0)).toBeLessThan(62_048);
    expect(end % 2048).toBe(0);
    expect(states(t, "l#1").slice(-2)).toEqual(["LAST-ACK", "CLOSED"]);
  });

  it("should keep the server in LAST-ACK and retransmit its FIN when the second FIN is lost", () => {
    const t = simulate(PRESETS["teardown-lost-second-fin"].scenario);
    const fins = segs(t).filter((s) => s.from === "server" && s.flags.includes("FIN"));
    expect(fins.map((s) => s.fate)).toEqual(["dropped", "delivered"]);
    expect(fins[1]?.retransmission).toBe(true);
    expect(stateAt(t, "c", "TIME-WAIT")).toBe(fins[1]?.arriveAt);
  });

  it("should let an orphaned FIN-WAIT-2 expire after tcp_fin_timeout, then answer the late FIN with RST", () => {
    const t = simulate(PRESETS["fin-wait-2-timeout"].scenario);
    const fw2 = stateAt(t, "c", "FIN-WAIT-2") ?? 0;
    const closed = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "c" && e.to === "CLOSED");
    expect(closed?.cause).toBe("fin-wait-2-timeout");
    // client tcp_fin_timeout=30: 7500 jiffies, level 3 of the wheel ⇒ the next 2.048 s line.
    expect((closed?.t ?? 0) - fw2).toBeGreaterThanOrEqual(30_000);
    expect((closed?.t ?? 0) - fw2).toBeLessThan(32_048);
    expect((closed?.t ?? 0) % 2048).toBe(0);
    const late = segs(t, 40_000);
    expect(late.map((s) => `${s.from} [${s.flags.join(",")}]`)).toEqual(["server [FIN,ACK]", "client [RST]"]);
  });

  it("should leak a CLOSE-WAIT socket forever while the peer's FIN-WAIT-2 times out", () => {
    const t = simulate(PRESETS["close-wait-leak"].scenario);
    expect(t.final.find((s) => s.socket === "l#1")?.state).toBe("CLOSE-WAIT");
    expect(t.final.find((s) => s.host === "client")).toBeUndefined();
    expect(t.counters.server?.TcpOutRsts).toBe(0);
  });

  it("should put the FIN on a data segment that Nagle was still holding (tcp_send_fin)", () => {
    const t = twoHosts([
      ...listener("server", "10.0.0.2", 80, 16),
      { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
      { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
      { id: "a", after: "conn", host: "client", sock: "c", call: "send", data: "a" },
      { id: "b", after: "a", host: "client", sock: "c", call: "send", data: "b" },
      { after: "b", host: "client", sock: "c", call: "close" },
    ]);
    expect(segs(t).filter((s) => s.from === "client" && s.len > 0).map(line)).toEqual([
      "client [PSH,ACK] seq=x+1 ack=y+1 len=1",
      "client [FIN,PSH,ACK] seq=x+2 ack=y+1 len=1",
    ]);
  });

  it("should return 0 from recv() at EOF and keep returning 0", () => {
    const t = simulate(PRESETS["normal-lifecycle"].scenario);
    const eof = t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === "recv" && e.sock === "s");
    expect(eof.at(-1)?.value).toBe(0);
    expect(eof.at(-1)?.errno).toBeNull();
  });
});
