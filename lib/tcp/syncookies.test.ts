import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { find, listener, loopback } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");

/** Spoofed SYNs at a listener on 10.1.0.1 — the loopback experiment we ran on 6.18 with raw sockets. */
function flood(backlog: number, count: number, syncookies: 0 | 1 | 2): Trace {
  return loopback(listener("lo", "10.1.0.1", 80, backlog), {
    hosts: [{ name: "lo", ip: "10.1.0.1" }],
    sysctl: { tcp_syncookies: syncookies },
    flood: { target: "lo", port: 80, count, ratePerSec: 100_000, startMs: 1 },
    untilMs: 200,
  });
}

describe("SYN queue and SYN cookies", () => {
  it("should keep backlog + 1 request sockets (observed: listen(8) ⇒ 9 SYN-RECV, listen(0) ⇒ 1)", () => {
    expect(flood(8, 20, 0).final.filter((s) => s.state === "SYN-RECEIVED")).toHaveLength(9);
    expect(flood(0, 5, 1).final.filter((s) => s.state === "SYN-RECEIVED")).toHaveLength(1);
  });

  it("should drop SYNs beyond the SYN queue without cookies (TCPReqQFullDrop 11 of 20 observed)", () => {
    const t = flood(8, 20, 0);
    expect(t.counters.lo?.TcpExtTCPReqQFullDrop).toBe(11);
    expect(t.counters.lo?.TcpExtListenDrops).toBe(11);
    expect(t.counters.lo?.TcpExtSyncookiesSent).toBe(0);
  });

  it("should answer with stateless SYN cookies once the SYN queue is full (SyncookiesSent 11 of 20 observed)", () => {
    const t = flood(8, 20, 1);
    expect(t.counters.lo?.TcpExtSyncookiesSent).toBe(11);
    expect(t.counters.lo?.TcpExtTCPReqQFullDoCookies).toBe(11);
    expect(t.final.filter((s) => s.state === "SYN-RECEIVED")).toHaveLength(9);
    const synacks = segs(t).filter((s) => s.flags.join() === "SYN,ACK");
    expect(synacks.filter((s) => s.socket === null)).toHaveLength(11); // cookies: no socket behind them
  });

  it("should always use cookies with tcp_syncookies=2 (observed: 5 of 5, no SYN-RECV)", () => {
    const t = flood(8, 5, 2);
    expect(t.counters.lo?.TcpExtSyncookiesSent).toBe(5);
    expect(t.final.filter((s) => s.state === "SYN-RECEIVED")).toHaveLength(0);
  });

  it("should build the connection from a valid cookie ACK", () => {
    const t = loopback(
      [
        ...listener("lo", "127.0.0.1", 80, 8),
        { id: "acc", at: 0, host: "lo", sock: "l", call: "accept", as: "s" },
        { at: 1, host: "lo", sock: "c", call: "connect", to: "127.0.0.1:80" },
        { after: "acc", host: "lo", sock: "s", call: "recv" },
        { at: 5, host: "lo", sock: "c", call: "send", data: "via cookie" },
      ],
      { sysctl: { tcp_syncookies: 2 } },
    );
    expect(t.counters.lo?.TcpExtSyncookiesRecv).toBe(1);
    expect(t.events.find((e): e is ReturnEvent => e.kind === "return" && e.call === "recv")?.data).toBe("via cookie");
    expect(find(t.final, "lo", "s")?.state).toBe("ESTABLISHED");
  });

  it("should drop a cookie ACK silently when the accept queue is full, even with abort_on_overflow=1", () => {
    // Observed on 6.18: listen(0), two simultaneous connects; the second got a cookie SYN-ACK,
    // its ACK vanished (no RST), and its later data created the connection after accept().
    const t = loopback(
      [
        ...listener("lo", "127.0.0.1", 80, 0),
        { at: 1, host: "lo", sock: "c1", call: "connect", to: "127.0.0.1:80", nonblocking: true },
        { at: 1, host: "lo", sock: "c2", call: "connect", to: "127.0.0.1:80", nonblocking: true },
        { at: 100, host: "lo", sock: "l", call: "accept", as: "s1" },
        { at: 200, host: "lo", sock: "c2", call: "send", data: "hi" },
      ],
      { sysctl: { tcp_abort_on_overflow: 1 }, untilMs: 1000 },
    );
    expect(segs(t).some((s) => s.flags.includes("RST"))).toBe(false);
    expect(t.counters.lo?.TcpExtSyncookiesSent).toBe(1);
    const l = find(t.final, "lo", "l");
    expect(l?.recvQ).toBe(1);
    expect(t.final.find((s) => s.inAcceptQueue)?.recvQ).toBe(2);
  });

  it("should let a legitimate client through a flood with cookies but not without", () => {
    const withCookies = simulate(PRESETS["syn-flood-cookies"].scenario);
    expect(find(withCookies.final, "client", "c")?.state).toBe("ESTABLISHED");
    const without = simulate(PRESETS["syn-flood-no-cookies"].scenario);
    const clientSyns = segs(without).filter((s) => s.from === "client" && s.flags.join() === "SYN");
    expect(clientSyns[0]?.cause).toBe("syn-queue-full");
    expect(clientSyns.length).toBeGreaterThan(1);
  });
});
