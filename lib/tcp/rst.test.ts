import { describe, expect, it } from "vitest";
import type { NoteEvent, ReturnEvent, SegmentEvent, StateEvent, Trace } from "./types";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { listener, twoHosts } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");
const rsts = (t: Trace): SegmentEvent[] => segs(t).filter((s) => s.flags.includes("RST"));
const ret = (t: Trace, call: string, sock: string): ReturnEvent[] =>
  t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === call && e.sock === sock);
const notes = (t: Trace): string[] => t.events.filter((e): e is NoteEvent => e.kind === "note").map((n) => n.code);
const everState = (t: Trace, to: string): boolean => t.events.some((e) => e.kind === "state" && (e as StateEvent).to === to);

describe("RST", () => {
  it("should refuse a SYN to a closed port with RST,ACK seq=0 ack=x+1 and ECONNREFUSED (kernel fact 05)", () => {
    const t = simulate(PRESETS["connect-refused"].scenario);
    expect(rsts(t).map((s) => `[${s.flags.join(",")}] ${s.label}`)).toEqual(["[RST,ACK] seq=0 ack=x+1"]);
    expect(ret(t, "connect", "c")[0]?.errno).toBe("ECONNREFUSED");
    expect(t.counters.client?.TcpAttemptFails).toBe(1);
    expect(t.counters.server?.TcpOutRsts).toBe(1);
  });

  it("should reset instead of FIN when closing with unread data; the peer's recv() gets ECONNRESET", () => {
    const t = simulate(PRESETS["rst-unread-data"].scenario);
    // Observed on 6.18 loopback: "[R.] seq <next> ack <all data>", client recv ⇒ ECONNRESET.
    expect(rsts(t).map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`)).toEqual(["server [RST,ACK] seq=y+1 ack=x+15"]);
    expect(segs(t).some((s) => s.flags.includes("FIN"))).toBe(false);
    expect(ret(t, "recv", "c")[0]?.errno).toBe("ECONNRESET");
    expect(notes(t)).toContain("rst-unread-data");
    expect(t.counters.server?.TcpExtTCPAbortOnClose).toBe(1);
  });

  it("should abort with RST and skip TIME-WAIT for SO_LINGER {on, 0}", () => {
    const t = simulate(PRESETS["rst-linger-zero"].scenario);
    expect(rsts(t).map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`)).toEqual(["client [RST,ACK] seq=x+1 ack=y+1"]);
    expect(everState(t, "TIME-WAIT")).toBe(false);
    expect(ret(t, "recv", "s")[0]?.errno).toBe("ECONNRESET");
  });

  it("should reset data that arrives after close(); RST in CLOSE-WAIT leaves EPIPE for send() and EOF for recv()", () => {
    const t = simulate(PRESETS["rst-data-after-close"].scenario);
    // RST answering a segment with ACK carries seq = that ACK and no ACK flag (tcp_v4_send_reset).
    expect(rsts(t).map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`)).toEqual(["client [RST] seq=x+2"]);
    expect(ret(t, "recv", "s")[0]?.value).toBe(0);
    expect(ret(t, "send", "s").map((r) => r.errno)).toEqual([null, "EPIPE"]);
  });

  it("should reset connections still in the accept queue when the listener closes", () => {
    const t = twoHosts([
      ...listener("server", "10.0.0.2", 80, 8),
      { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
      { at: 50, host: "client", sock: "c", call: "recv" },
      { at: 100, host: "server", sock: "l", call: "close" },
    ]);
    expect(rsts(t).map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`)).toEqual(["server [RST,ACK] seq=y+1 ack=x+1"]);
    expect(ret(t, "recv", "c")[0]?.errno).toBe("ECONNRESET");
    expect(notes(t)).toContain("rst-listener-closed");
  });

  it("should answer a segment for an unknown connection with RST seq=its ACK", () => {
    const t = twoHosts(
      [
        ...listener("server", "10.0.0.2", 80, 8),
        { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
        { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
        // The server aborts; the client, not told (the RST is lost), sends data later.
        { at: 20, host: "server", sock: "s", call: "setsockopt", opt: "SO_LINGER", value: true, linger: 0 },
        { at: 20, host: "server", sock: "s", call: "close" },
        { at: 100, host: "client", sock: "c", call: "send", data: "anyone?" },
        { at: 150, host: "client", sock: "c", call: "recv" },
      ],
      { faults: [{ action: "drop", match: { flags: ["RST"] }, nth: 1 }] },
    );
    const r = rsts(t);
    expect(r.map((s) => `${s.from} [${s.flags.join(",")}] ${s.label} ${s.fate}`)).toEqual([
      "server [RST,ACK] seq=y+1 ack=x+1 dropped",
      "server [RST] seq=y+1 delivered",
    ]);
    expect(notes(t)).toContain("rst-no-socket");
    expect(ret(t, "recv", "c")[0]?.errno).toBe("ECONNRESET");
  });

  it.each([
    [0, true],
    [1, false],
  ] as const)("should let a RST kill TIME-WAIT only when tcp_rfc1337=%i is 0 (TIME-WAIT assassination)", (rfc1337, killed) => {
    // The server holds TIME-WAIT; the client reconnects from the same port with no listener
    // left. TIME-WAIT answers the SYN with its old ACK, the client answers that with RST
    // (seq = that ACK's ack = RCV.NXT of the TIME-WAIT): tcp_timewait_state_process.
    const t = twoHosts(
      [
        ...listener("server", "10.0.0.2", 80, 8),
        { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
        { at: 0, host: "client", sock: "c", call: "bind", port: 40000 },
        { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
        { at: 10, host: "server", sock: "s", call: "close" },
        { id: "eof", after: "conn", host: "client", sock: "c", call: "recv" },
        { after: "eof", host: "client", sock: "c", call: "close" },
        { at: 50, host: "server", sock: "l", call: "close" },
        { at: 100, host: "client", sock: "d", call: "bind", port: 40000 },
        { at: 100, host: "client", sock: "d", call: "connect", to: "server:80" },
      ],
      { sysctl: { tcp_rfc1337: rfc1337 }, untilMs: 5000 },
    );
    expect(notes(t).includes("time-wait-assassinated")).toBe(killed);
    const connect = ret(t, "connect", "d")[0];
    // The SYN retransmitted 1 s after 100 ms (jiffy 25 + 250, rounded up to 8 jiffies = jiffy
    // 280 = 1120 ms) meets no TIME-WAIT and no listener: RST, refused at 1122 ms.
    if (killed) expect([connect?.errno, connect?.t]).toEqual(["ECONNREFUSED", 1122]);
    else {
      expect(connect).toBeUndefined();
      expect(t.final.find((s) => s.socket === "l#1")?.state).toBe("TIME-WAIT");
    }
  });
});
