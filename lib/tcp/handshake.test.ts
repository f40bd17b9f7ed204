import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, StateEvent, Trace } from "./types";
import { listener, twoHosts } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");
const rets = (t: Trace, call: string): ReturnEvent[] => t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === call);
const states = (t: Trace, socket: string): string[] =>
  t.events.filter((e): e is StateEvent => e.kind === "state" && e.socket === socket).map((e) => e.to);

const server = [...listener("server", "10.0.0.2", 80, 128), { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" } as const];

describe("three-way handshake", () => {
  it("should exchange SYN, SYN-ACK, ACK with ISN-relative numbers (RFC 9293 §3.5)", () => {
    const t = twoHosts([...server, { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }]);
    expect(segs(t).map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`)).toEqual([
      "client [SYN] seq=x",
      "server [SYN,ACK] seq=y ack=x+1",
      "client [ACK] seq=x+1 ack=y+1",
    ]);
    const [syn, synack, ack] = segs(t);
    // The raw numbers obey the same arithmetic: ack = peer ISN + 1.
    expect(synack?.ack).toBe(((syn?.seq ?? 0) + 1) >>> 0);
    expect(ack?.ack).toBe(((synack?.seq ?? 0) + 1) >>> 0);
    expect(states(t, "c")).toEqual(["SYN-SENT", "ESTABLISHED"]);
    expect(states(t, "l#1")).toEqual(["SYN-RECEIVED", "ESTABLISHED"]);
  });

  it("should return from connect() when the SYN-ACK arrives (one RTT), before the server sees the ACK", () => {
    const t = twoHosts([...server, { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }]);
    const connect = rets(t, "connect")[0];
    const accept = rets(t, "accept")[0];
    expect(connect?.t).toBe(3); // SYN at 1 ms, 1 ms each way
    expect(connect?.blockedMs).toBe(2);
    expect(accept?.t).toBe(4); // accept() only gets an ESTABLISHED child
    expect(accept?.accepted).toBe("l#1");
  });

  it("should pick ISNs and ephemeral ports from the seed, identically on replay", () => {
    const script = [...server, { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" } as const];
    const a = twoHosts(script, { seed: 1 });
    const b = twoHosts(script, { seed: 1 });
    const c = twoHosts(script, { seed: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(segs(a)[0]?.seq).not.toBe(segs(c)[0]?.seq);
    const port = Number(segs(a)[0]?.src.split(":")[1]);
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(port).toBeLessThanOrEqual(60999);
    expect(port % 2).toBe(0); // Linux ≥ 4.2 prefers even ports for connect()
  });

  // The 1 s timer armed at 1 ms (jiffy 0) expires at jiffy 250, which the wheel rounds up to
  // the next multiple of 8 jiffies: 256 jiffies = 1024 ms (kernel facts 04a/08: 1024 ms apart).
  it("should retransmit a lost SYN after the initial RTO of 1 s, on the timer wheel's 1024 ms", () => {
    const t = twoHosts([...server, { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }], {
      faults: [{ action: "drop", match: { flags: ["SYN"], exact: true }, nth: 1 }],
    });
    const syns = segs(t).filter((s) => s.flags.join() === "SYN");
    expect(syns.map((s) => [s.t, s.fate, s.retransmission])).toEqual([
      [1, "dropped", false],
      [1024, "delivered", true],
    ]);
    expect(rets(t, "connect")[0]?.t).toBe(1026);
  });

  it("should complete the handshake from the client's data when the final ACK is lost", () => {
    const t = twoHosts(
      [
        ...server,
        { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
        { at: 50, host: "client", sock: "c", call: "send", data: "hi" },
        { after: "acc", host: "server", sock: "s", call: "recv" },
      ],
      { faults: [{ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, nth: 1 }] },
    );
    expect(states(t, "c")).toEqual(["SYN-SENT", "ESTABLISHED"]);
    expect(rets(t, "accept")[0]?.t).toBe(51);
    expect(rets(t, "recv")[0]?.data).toBe("hi");
  });

  it("should answer a retransmitted SYN in SYN-RECEIVED with the SYN-ACK again", () => {
    const t = twoHosts([...server, { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }], {
      faults: [{ action: "drop", match: { from: "server", flags: ["SYN", "ACK"], exact: true }, nth: 1 }],
    });
    const synacks = segs(t).filter((s) => s.flags.join() === "SYN,ACK");
    expect(synacks.length).toBeGreaterThanOrEqual(2);
    expect(synacks.slice(1).every((s) => s.retransmission && s.label === "seq=y ack=x+1")).toBe(true);
    expect(states(t, "c")).toEqual(["SYN-SENT", "ESTABLISHED"]);
  });

  /**
   * Observed on Linux 6.18 (netns, SYNs dropped; kernel facts 08): connect() failed with
   * ETIMEDOUT after 3.07 s (tcp_syn_retries=1), 7.13 s (2), 19.38 s (3), 133.6 s (6); the
   * linear first retransmissions (tcp_syn_linear_timeouts=4) fit more SYNs into the same time
   * budget (2^(n+1) − 1 s), checked when the timer fires. Each timer fires on the jiffies
   * timer wheel (HZ=250): 1 s = 250 jiffies rounds up to the next multiple of 8 jiffies (1024 ms
   * from a tick on the grid), 2 s to 2016 ms, 4 s (level 2, 64-jiffy buckets) to the next
   * 256-ms line, 32 s and 64 s (level 3) to the next 2.048-s line. The run starts at wheel
   * time 0, so these are exact.
   */
  it.each([
    [1, 3072, [0, 1024, 2048]],
    [2, 7136, [0, 1024, 2048, 3072, 4096, 5120]],
    [3, 19456, [0, 1024, 2048, 3072, 4096, 5120, 7136, 11264]],
    [6, 135168, [0, 1024, 2048, 3072, 4096, 5120, 7136, 11264, 19456, 35584, 69632]],
  ])("should give up after tcp_syn_retries=%i at %i ms with Linux's SYN schedule on the timer wheel", (retries, at, schedule) => {
    const t = twoHosts([{ at: 0, host: "client", sock: "c", call: "connect", to: "10.0.0.99:80" }], {
      sysctl: { tcp_syn_retries: retries },
    });
    expect(segs(t).map((s) => s.t)).toEqual(schedule);
    const r = rets(t, "connect")[0];
    expect(r?.errno).toBe("ETIMEDOUT");
    expect(r?.t).toBe(at);
    expect(segs(t).every((s) => s.fate === "dropped" && s.cause === "no-host")).toBe(true);
  });

  it("should not block a non-blocking connect(): EINPROGRESS, then SO_ERROR 0 once connected", () => {
    const t = twoHosts([
      ...server,
      { at: 1, host: "client", sock: "c", call: "connect", to: "server:80", nonblocking: true },
      { at: 10, host: "client", sock: "c", call: "getsockopt", opt: "SO_ERROR" },
      { at: 11, host: "client", sock: "c", call: "connect", to: "server:80", nonblocking: true },
      { at: 12, host: "client", sock: "c", call: "connect", to: "server:80", nonblocking: true },
    ]);
    const r = rets(t, "connect");
    // Observed on 6.18: EINPROGRESS, then a second connect() returns 0, a third EISCONN.
    expect(r.map((x) => x.errno ?? x.value)).toEqual(["EINPROGRESS", 0, "EISCONN"]);
    expect(rets(t, "getsockopt")[0]?.soError).toBeNull();
  });
});
