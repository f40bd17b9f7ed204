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

  it("should leave only the active closer in TIME-WAIT, for 60 s", () => {
    const t = simulate(PRESETS["four-segment-teardown"].scenario);
    expect(states(t, "l#1")).not.toContain("TIME-WAIT");
    const tw = stateAt(t, "c", "TIME-WAIT") ?? 0;
    expect((stateAt(t, "c", "CLOSED") ?? 0) - tw).toBe(60_000);
  });

  it("should retransmit a lost FIN after RTO = SRTT + 200 ms on Linux", () => {
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
    // Handshake RTT 2 ms ⇒ SRTT 2, RTTVAR 1 ⇒ RTO = 2 + max(4·1, 200) = 202 ms (tcp_rtt_estimator).
    expect(fins.map((s) => [s.t, s.fate, s.retransmission])).toEqual([
      [300, "dropped", false],
      [502, "delivered", true],
    ]);
  });

  it("should re-acknowledge a retransmitted FIN in TIME-WAIT and restart the 60 s", () => {
    const t = simulate(PRESETS["teardown-lost-last-ack"].scenario);
    const acks = segs(t).filter((s) => s.from === "client" && s.flags.join() === "ACK" && s.label === "seq=x+2 ack=y+2");
    expect(acks.map((s) => s.fate)).toEqual(["dropped", "delivered"]);
    expect(stateAt(t, "c", "CLOSED")).toBe((acks[1]?.t ?? 0) + 60_000);
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
    expect((closed?.t ?? 0) - fw2).toBe(30_000); // client tcp_fin_timeout=30
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
