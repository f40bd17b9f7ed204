import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import type { StepInput } from "./scenario";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { listener, loopback } from "./test-support";

const IP = "127.0.0.1";
const bindResult = (t: Trace, sock: string): string | number | null | undefined => {
  const r = t.events.find((e): e is ReturnEvent => e.kind === "return" && e.call === "bind" && e.sock === sock);
  return r?.errno ?? r?.value;
};
const reuse = (sock: string, at = 0): StepInput => ({ at, host: "lo", sock, call: "setsockopt", opt: "SO_REUSEADDR", value: true });

/** A connection on port P whose server side closes first, so the TIME-WAIT sits on 127.0.0.1:P. */
function serverTimeWait(port: number, listenerReuse: boolean): StepInput[] {
  return [
    ...(listenerReuse ? [reuse("l")] : []),
    ...listener("lo", IP, port, 5),
    { id: "acc", at: 0, host: "lo", sock: "l", call: "accept", as: "s" },
    { id: "conn", at: 1, host: "lo", sock: "c", call: "connect", to: `${IP}:${port}` },
    { at: 10, host: "lo", sock: "s", call: "close" },
    { id: "eof", after: "conn", host: "lo", sock: "c", call: "recv" },
    { after: "eof", host: "lo", sock: "c", call: "close" },
    { at: 50, host: "lo", sock: "l", call: "close" },
  ];
}

/**
 * Expected values observed on Linux 6.18 loopback (netns, python3): a bind conflicts unless
 * both sockets have SO_REUSEADDR and the existing one is not LISTEN; a TIME-WAIT socket keeps
 * the SO_REUSEADDR flag of the socket it came from.
 */
describe("bind() vs TIME-WAIT and SO_REUSEADDR (Linux 6.18 observations)", () => {
  it.each([
    [false, false, "EADDRINUSE"],
    [false, true, "EADDRINUSE"],
    [true, false, "EADDRINUSE"],
    [true, true, 0],
  ] as const)("listener reuse=%s, new socket reuse=%s ⇒ %s", (oldReuse, newReuse, want) => {
    const t = loopback([
      ...serverTimeWait(7000, oldReuse),
      ...(newReuse ? [reuse("n", 100)] : []),
      { at: 100, host: "lo", sock: "n", call: "bind", ip: IP, port: 7000 },
    ], { untilMs: 1000 });
    expect(t.final.some((s) => s.state === "TIME-WAIT" && s.local === `${IP}:7000`)).toBe(true);
    expect(bindResult(t, "n")).toBe(want);
  });

  it("should refuse the port while a listener holds it, even when both set SO_REUSEADDR", () => {
    const t = loopback([reuse("l"), ...listener("lo", IP, 7300, 5), reuse("n", 1), { at: 1, host: "lo", sock: "n", call: "bind", ip: IP, port: 7300 }]);
    expect(bindResult(t, "n")).toBe("EADDRINUSE");
  });

  it("should let two bound-only sockets share a port only when both set SO_REUSEADDR", () => {
    const both = loopback([reuse("a"), { at: 0, host: "lo", sock: "a", call: "bind", ip: IP, port: 7310 }, reuse("b"), { at: 0, host: "lo", sock: "b", call: "bind", ip: IP, port: 7310 }]);
    expect(bindResult(both, "b")).toBe(0);
    const one = loopback([{ at: 0, host: "lo", sock: "a", call: "bind", ip: IP, port: 7310 }, reuse("b"), { at: 0, host: "lo", sock: "b", call: "bind", ip: IP, port: 7310 }]);
    expect(bindResult(one, "b")).toBe("EADDRINUSE");
  });

  it("should treat 0.0.0.0 as overlapping a specific address", () => {
    const t = loopback([
      { at: 0, host: "lo", sock: "a", call: "bind", ip: "0.0.0.0", port: 7500 },
      { at: 0, host: "lo", sock: "a", call: "listen", backlog: 5 },
      reuse("b"),
      { at: 1, host: "lo", sock: "b", call: "bind", ip: IP, port: 7500 },
    ]);
    expect(bindResult(t, "b")).toBe("EADDRINUSE");
  });

  it("should give EADDRNOTAVAIL for an address the host does not own, EINVAL for a second bind", () => {
    const t = loopback([
      { at: 0, host: "lo", sock: "a", call: "bind", ip: "10.9.9.9", port: 7600 },
      { at: 0, host: "lo", sock: "b", call: "bind", ip: IP, port: 0 },
      { at: 1, host: "lo", sock: "b", call: "bind", ip: IP, port: 0 },
    ]);
    expect(bindResult(t, "a")).toBe("EADDRNOTAVAIL");
    const b = t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.sock === "b").map((r) => r.errno ?? r.value);
    expect(b).toEqual([0, "EINVAL"]);
  });

  it("should run the presets the lessons use: restart fails without, succeeds with SO_REUSEADDR", () => {
    expect(bindResult(simulate(PRESETS["time-wait-rebind-eaddrinuse"].scenario), "l2")).toBe("EADDRINUSE");
    const ok = simulate(PRESETS["time-wait-rebind-reuseaddr"].scenario);
    expect(bindResult(ok, "l2")).toBe(0);
    expect(ok.final.find((s) => s.socket === "l2")?.state).toBe("LISTEN");
  });

  // TIME-WAIT began within the first few ms; 60 s rounded up to the wheel's 2.048 s grid ends
  // it at 61.44 s (kernel facts 09: gone 60.2–61.6 s after close()).
  it("should free the port when TIME-WAIT ends, on the timer wheel's grid", () => {
    const at = (ms: number): Trace =>
      loopback([...serverTimeWait(7001, false), { at: ms, host: "lo", sock: "n", call: "bind", ip: IP, port: 7001 }]);
    expect(bindResult(at(61_430), "n")).toBe("EADDRINUSE");
    expect(bindResult(at(61_450), "n")).toBe(0);
  });

  // tcp_twsk_unique() with no twp (the port was bound): timestamps are all it takes, whatever
  // tcp_tw_reuse says — kernel fact 11 (connected with tcp_tw_reuse=0; EADDRNOTAVAIL without
  // timestamps). The new ISN is the TIME-WAIT's snd_nxt + 65537.
  it("should let a bound SO_REUSEADDR socket take over its own TIME-WAIT when timestamps were on", () => {
    const script = (twReuse: 0 | 1 | 2, timestamps: 0 | 1): Trace =>
      loopback(
        [
          ...listener("lo", IP, 80, 5),
          { id: "acc", at: 0, host: "lo", sock: "l", call: "accept", as: "s" },
          reuse("c"),
          { at: 0, host: "lo", sock: "c", call: "bind", ip: IP, port: 5555 },
          { at: 1, host: "lo", sock: "c", call: "connect", to: `${IP}:80` },
          { id: "eof", after: "acc", host: "lo", sock: "s", call: "recv" },
          { after: "eof", host: "lo", sock: "s", call: "close" },
          { at: 10, host: "lo", sock: "c", call: "close" },
          reuse("d", 200),
          { at: 200, host: "lo", sock: "d", call: "bind", ip: IP, port: 5555 },
          { at: 200, host: "lo", sock: "d", call: "connect", to: `${IP}:80` },
        ],
        { sysctl: { tcp_tw_reuse: twReuse, tcp_timestamps: timestamps } },
      );
    const connectOf = (t: Trace): string | number | null | undefined => {
      const r = t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === "connect" && e.sock === "d")[0];
      return r?.errno ?? r?.value;
    };
    expect(connectOf(script(0, 1))).toBe(0);
    expect(connectOf(script(2, 1))).toBe(0);
    expect(connectOf(script(0, 0))).toBe("EADDRNOTAVAIL");
    const t = script(0, 1);
    const syns = t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.flags.join() === "SYN");
    const oldFin = t.events.find((e): e is SegmentEvent => e.kind === "segment" && e.socket === "c" && e.flags.includes("FIN"));
    expect(syns[1]?.seq).toBe(((oldFin?.seq ?? 0) + 1 + 65537) >>> 0);
  });
});
