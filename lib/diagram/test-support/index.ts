/**
 * Hand-written traces for the layout tests, transcribed from kernel fact 01-handshake-ipv4
 * (C->S [SYN] seq=x → S->C [SYN,ACK] seq=y ack=x+1 → C->S [ACK] seq=x+1 ack=y+1, loopback
 * ≈ 0.01 ms per hop) so the tests do not depend on the engine's progress.
 */
import type { Scenario, SegmentEvent, TcpFlag, Trace, TraceEvent } from "@/lib/tcp";

const ISN_C = 1000;
const ISN_S = 5000;

/** An event before it gets its position (distributes over the union). */
type Draft = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, "seqNo"> : never) : never;

function seg(t: number, id: number, from: "client" | "server", flags: TcpFlag[], rel: { seq: number; ack: number | null }, label: string, extra: Partial<SegmentEvent> = {}): Draft {
  const c = from === "client";
  return {
    kind: "segment",
    t,
    id,
    from,
    to: c ? "server" : "client",
    src: c ? "10.0.0.1:40000" : "10.0.0.2:80",
    dst: c ? "10.0.0.2:80" : "10.0.0.1:40000",
    socket: c ? "c" : "l#1",
    flags,
    seq: (c ? ISN_C : ISN_S) + rel.seq,
    ack: rel.ack === null ? null : (c ? ISN_S : ISN_C) + rel.ack,
    len: 0,
    rel,
    label,
    fate: "delivered",
    arriveAt: Math.round((t + 0.01) * 1000) / 1000,
    retransmission: false,
    ...extra,
  } as Draft;
}

export const fixtureScenario = {
  profile: "linux",
  seed: 1,
  hosts: [
    { name: "client", ip: "10.0.0.1" },
    { name: "server", ip: "10.0.0.2" },
  ],
  link: { latencyMs: 0.01, mss: 1460 },
  faults: [],
  script: [],
  maxEvents: 50_000,
} as unknown as Scenario;

function trace(drafts: Draft[], endedAt: number): Trace {
  return {
    scenario: fixtureScenario,
    events: drafts.map((d, seqNo) => ({ ...d, seqNo }) as TraceEvent),
    final: [],
    counters: {},
    endedAt,
    truncated: false,
  };
}

/** The three-way handshake of kernel fact 01, with the calls and state changes around it. */
export function handshakeTrace(): Trace {
  return trace(
    [
      { kind: "call", t: 0, host: "server", sock: "l", socket: "l", call: "listen", step: 1, args: { backlog: 128 } },
      { kind: "state", t: 0, host: "server", socket: "l", from: "CLOSED", to: "LISTEN", cause: "listen" },
      { kind: "return", t: 0, host: "server", sock: "l", socket: "l", call: "listen", step: 1, value: 0, errno: null, blockedMs: 0 },
      { kind: "call", t: 5, host: "client", sock: "c", socket: "c", call: "connect", step: 2, args: { to: "server:80" } },
      { kind: "state", t: 5, host: "client", socket: "c", from: "CLOSED", to: "SYN-SENT", cause: "connect" },
      seg(5, 1, "client", ["SYN"], { seq: 0, ack: null }, "seq=x"),
      { kind: "state", t: 5.01, host: "server", socket: "l#1", from: "LISTEN", to: "SYN-RECEIVED", cause: "rcv-syn" },
      seg(5.01, 2, "server", ["SYN", "ACK"], { seq: 0, ack: 1 }, "seq=y ack=x+1"),
      { kind: "state", t: 5.02, host: "client", socket: "c", from: "SYN-SENT", to: "ESTABLISHED", cause: "rcv-synack" },
      seg(5.02, 3, "client", ["ACK"], { seq: 1, ack: 1 }, "seq=x+1 ack=y+1"),
      { kind: "return", t: 5.02, host: "client", sock: "c", socket: "c", call: "connect", step: 2, value: 0, errno: null, blockedMs: 0.02 },
      { kind: "state", t: 5.03, host: "server", socket: "l#1", from: "SYN-RECEIVED", to: "ESTABLISHED", cause: "rcv-ack" },
    ],
    5.03,
  );
}

/**
 * A lost SYN: the first SYN is dropped by a fault, the SYN timer fires after the initial RTO of
 * 1 s (RFC 6298 §2.1; kernel fact 04a shows the retransmission 1.03 s later) and the retransmitted
 * SYN completes the handshake.
 */
export function lostSynTrace(): Trace {
  return trace(
    [
      { kind: "state", t: 0, host: "client", socket: "c", from: "CLOSED", to: "SYN-SENT", cause: "connect" },
      seg(0, 1, "client", ["SYN"], { seq: 0, ack: null }, "seq=x", { fate: "dropped", cause: "fault", arriveAt: null }),
      { kind: "timer", t: 0, host: "client", socket: "c", timer: "syn", action: "set", at: 1000 },
      { kind: "timer", t: 1000, host: "client", socket: "c", timer: "syn", action: "fire", retries: 1 },
      seg(1000, 2, "client", ["SYN"], { seq: 0, ack: null }, "seq=x", { retransmission: true }),
      seg(1000.01, 3, "server", ["SYN", "ACK"], { seq: 0, ack: 1 }, "seq=y ack=x+1"),
      { kind: "state", t: 1000.02, host: "client", socket: "c", from: "SYN-SENT", to: "ESTABLISHED", cause: "rcv-synack" },
    ],
    1000.02,
  );
}

/** Active close ending in TIME-WAIT and its expiry 60 s later (kernel fact 03a: Linux's fixed TCP_TIMEWAIT_LEN). */
export function timeWaitTrace(): Trace {
  return trace(
    [
      { kind: "state", t: 0, host: "client", socket: "c", from: "FIN-WAIT-2", to: "TIME-WAIT", cause: "rcv-fin" },
      { kind: "timer", t: 0, host: "client", socket: "c", timer: "time-wait", action: "set", at: 60_000 },
      { kind: "timer", t: 60_000, host: "client", socket: "c", timer: "time-wait", action: "fire" },
      { kind: "state", t: 60_000, host: "client", socket: "c", from: "TIME-WAIT", to: "CLOSED", cause: "time-wait-expired" },
    ],
    60_000,
  );
}
