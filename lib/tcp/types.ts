/**
 * Public types of the tcplab TCP simulator (trace side).
 *
 * Units: every time in the public API (scenario `at`, `untilMs`, trace `t`, `arriveAt`,
 * `endedAt`, timer `at`) is in **milliseconds of simulated time** since the start of the
 * scenario. Internally the engine counts integer microseconds, so every time it emits is a
 * multiple of 0.001 ms and replays byte-identically.
 *
 * Sequence numbers are unsigned 32-bit integers. `rel` gives them relative to the two ISNs of
 * the connection, the way the kernel facts (and `tcpdump` without `-S`) show them: the
 * initiator's ISN is `x`, the responder's is `y`.
 */
import type { Localized } from "@/lib/core/locale";

/** The eleven states of RFC 9293 §3.3.2, spelled as the RFC spells them. */
export const TCP_STATES = [
  "CLOSED",
  "LISTEN",
  "SYN-SENT",
  "SYN-RECEIVED",
  "ESTABLISHED",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "CLOSE-WAIT",
  "CLOSING",
  "LAST-ACK",
  "TIME-WAIT",
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** How `ss -tan` prints each state (iproute2 `sstate_name`). */
export const SS_STATE_NAMES: Record<TcpState, string> = {
  CLOSED: "CLOSE",
  LISTEN: "LISTEN",
  "SYN-SENT": "SYN-SENT",
  "SYN-RECEIVED": "SYN-RECV",
  ESTABLISHED: "ESTAB",
  "FIN-WAIT-1": "FIN-WAIT-1",
  "FIN-WAIT-2": "FIN-WAIT-2",
  "CLOSE-WAIT": "CLOSE-WAIT",
  CLOSING: "CLOSING",
  "LAST-ACK": "LAST-ACK",
  "TIME-WAIT": "TIME-WAIT",
};

export const TCP_FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH"] as const;
export type TcpFlag = (typeof TCP_FLAGS)[number];

/** errno names a real Linux program can get from the modelled calls. */
export const ERRNOS = [
  "EADDRINUSE",
  "EADDRNOTAVAIL",
  "EAFNOSUPPORT",
  "EAGAIN",
  "EALREADY",
  "EBADF",
  "ECONNABORTED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EINPROGRESS",
  "EINVAL",
  "EISCONN",
  "ENETUNREACH",
  "ENOPROTOOPT",
  "ENOTCONN",
  "EOPNOTSUPP",
  "EPIPE",
  "ETIMEDOUT",
] as const;
export type Errno = (typeof ERRNOS)[number];

export type Profile = "linux" | "rfc9293";

/** A host's name as given in `scenario.hosts[].name`. */
export type HostName = string;
/**
 * A socket's stable id, unique within its host. Script sockets use their script handle
 * (e.g. `"c1"`, `"l"`); connections born on a listener are `"<listener>#<n>"` (e.g. `"l#1"`,
 * numbered in order of their SYN) and keep that id after `accept` gives them a handle.
 */
export type SocketId = string;
/**
 * `"ip:port"`, e.g. `"10.0.0.2:80"`, `"[::1]:5002"` (IPv6 in brackets, as `ss` prints it);
 * `"0.0.0.0:*"` / `"*:*"` like `ss` for unset parts.
 */
export type Endpoint = string;

/** Why a segment did (not) arrive. */
export type SegmentFate = "delivered" | "dropped" | "duplicated" | "delayed";

export type SegmentCause =
  | "fault" // a scenario fault matched it
  | "accept-queue-full" // listener dropped a SYN or final ACK (ListenOverflows)
  | "syn-queue-full" // SYN dropped: SYN queue full and no cookies
  | "syn-backlog-quarter" // syncookies=0 and the last quarter of tcp_max_syn_backlog is reserved
  | "no-host" // sent to an address no host owns (black hole; spoofed flood sources)
  | "listener-closed" // reached a request socket whose listener was closed
  | "duplicate"; // the extra copy made by a "duplicate" fault

/** Bilingual text: the one `Localized` of lib/core/locale.ts. */
export type BilingualText = Localized;

type EventBase = {
  /** Simulated time in ms (multiple of 0.001). */
  t: number;
  /** Position of the event in `trace.events` (0-based), handy as a React key. */
  seqNo: number;
};

export type SegmentEvent = EventBase & {
  kind: "segment";
  /** 1-based index of the segment among all segments sent (faults' `nth` counts these). */
  id: number;
  from: HostName;
  /** Receiving host, or `null` when no host owns the destination address. */
  to: HostName | null;
  src: Endpoint;
  dst: Endpoint;
  /** Sending socket id, or `null` for segments sent without a socket (RST to a closed port, SYN cookies, flood SYNs). */
  socket: SocketId | null;
  /** Shared between events with the same flags, and frozen: read it, never change it. */
  flags: readonly TcpFlag[];
  seq: number;
  /** Acknowledgment number, `null` when the ACK flag is not set. */
  ack: number | null;
  len: number;
  /**
   * seq/ack relative to the connection's ISNs (x for the initiator, y for the responder).
   * Small offsets are one frozen object shared by every event that has them, like `flags`.
   */
  rel: Readonly<{ seq: number; ack: number | null }>;
  /** Symbolic label like the kernel facts: `"seq=x+1 ack=y+1"`, `"seq=0 ack=x+1"`. */
  label: string;
  fate: SegmentFate;
  cause?: SegmentCause;
  /** Time it reaches `to` (ms), `null` if dropped. For `duplicated`, the first copy's arrival. */
  arriveAt: number | null;
  /** True when this segment repeats bytes/flags already sent (timer or duplicate-ACK driven). */
  retransmission: boolean;
  /** For the extra copy a "duplicate" fault makes: the `id` of the original. */
  copyOf?: number;
  /** The window field as sent (unscaled in SYNs, then divided by 2^wscale on linux); 0 in a RST. */
  win: number;
  /** A SYN's TCP options as tcpdump prints them inside `options [...]`, e.g. `mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10`. */
  options?: string;
  /** Timestamps option of any segment that carries one (raw TSval / TSecr, as tcpdump prints them). */
  tsval?: number;
  tsecr?: number;
};

export type StateEvent = EventBase & {
  kind: "state";
  host: HostName;
  socket: SocketId;
  from: TcpState;
  to: TcpState;
  cause: StateCause;
};

export type StateCause =
  | "socket" // socket() created it (CLOSED)
  | "listen"
  | "connect" // SYN sent
  | "rcv-syn" // SYN received (listener child, or crossing SYNs in SYN-SENT)
  | "rcv-synack"
  | "rcv-ack"
  | "rcv-fin"
  | "rcv-rst"
  | "close"
  | "shutdown"
  | "abort" // close() with unread data, SO_LINGER {on,0}, listener closed with unaccepted children
  | "timeout" // retransmission limit reached
  | "fin-wait-2-timeout"
  | "time-wait-expired"
  | "synack-timeout"
  | "accept-queue-overflow"; // tcp_abort_on_overflow=1 reset

export type CallName =
  | "socket"
  | "setsockopt"
  | "getsockopt"
  | "bind"
  | "listen"
  | "connect"
  | "accept"
  | "send"
  | "recv"
  | "shutdown"
  | "close"
  | "sysctl";

export type CallEvent = EventBase & {
  kind: "call";
  host: HostName;
  call: CallName;
  /** The script handle the call used. */
  sock: string;
  /** Socket id the handle referred to (absent when the handle was unknown/closed). */
  socket?: SocketId;
  /** Index of the step in `scenario.script`. */
  step: number;
  args: Record<string, string | number | boolean | null>;
};

export type ReturnEvent = EventBase & {
  kind: "return";
  host: HostName;
  call: CallName;
  sock: string;
  socket?: SocketId;
  step: number;
  /** Return value (0, a byte count, a new handle's fd-like number) or `null` on error. */
  value: number | null;
  errno: Errno | null;
  /** recv(): the bytes read, when the sender sent text (`send` with `data`). */
  data?: string;
  /** accept(): the handle now naming the accepted socket, and its id. */
  as?: string;
  accepted?: SocketId;
  /**
   * accept(): the peer address it returned, in the listener's family — an IPv4 client of an
   * AF_INET6 listener is `[::ffff:127.0.0.1]:40003` (kernel fact 12).
   */
  peer?: Endpoint;
  /** getsockopt(SO_ERROR): the pending error it returned and cleared (`null` = 0). */
  soError?: Errno | null;
  /** How long the call blocked (ms). 0 for calls that returned at once. */
  blockedMs: number;
};

export type TimerName =
  | "syn" // SYN retransmission (SYN-SENT)
  | "synack" // SYN-ACK retransmission of a request socket
  | "retransmit" // data/FIN retransmission (RTO)
  | "loss-probe" // tail loss probe (RFC 8985 §7), the same kernel timer holding ICSK_TIME_LOSS_PROBE
  | "delack" // delayed ACK
  | "fin-wait-2" // orphaned FIN-WAIT-2 (tcp_fin_timeout)
  | "time-wait"; // TIME-WAIT (Linux 60 s, rfc9293 2×MSL)

export type TimerEvent = EventBase & {
  kind: "timer";
  host: HostName;
  socket: SocketId;
  timer: TimerName;
  action: "set" | "fire" | "cancel";
  /** For `set`: when it will fire (ms). */
  at?: number;
  /**
   * For `set`, linux profile, when the timer wheel runs the timer later than it was armed for:
   * `timer->expires` (ms), what `ss -o` counts down to (`at` is the wheel bucket, jiffies.ts).
   */
  due?: number;
  /** Retransmission count so far for retransmission timers. */
  retries?: number;
};

export type NoteCode =
  | "syn-dropped-accept-queue-full"
  | "ack-dropped-accept-queue-full"
  | "syn-dropped-syn-queue-full"
  | "syn-dropped-backlog-quarter"
  | "syncookie-sent"
  | "syncookie-accepted"
  | "abort-on-overflow-rst"
  | "rst-refused"
  | "rst-unread-data"
  | "rst-linger-zero"
  | "rst-data-after-close"
  | "rst-listener-closed"
  | "rst-no-socket"
  | "challenge-ack"
  | "time-wait-assassinated"
  | "duplicate-ignored"
  | "connect-timeout"
  | "orphan-retries-exhausted"
  | "synack-retries-exhausted"
  | "flood-started"
  | "truncated";

export type NoteEvent = EventBase & {
  kind: "note";
  host: HostName | null;
  socket: SocketId | null;
  code: NoteCode;
  message: BilingualText;
};

export type TraceEvent =
  | SegmentEvent
  | StateEvent
  | CallEvent
  | ReturnEvent
  | TimerEvent
  | NoteEvent;

export type TraceEventKind = TraceEvent["kind"];

/** An `ss`-like row. Listeners: recvQ = accept-queue length now, sendQ = effective backlog. */
export type SocketSnapshot = {
  host: HostName;
  socket: SocketId;
  /** Script handle naming it now, if any (absent for orphans and unaccepted children). */
  handle?: string;
  state: TcpState;
  local: Endpoint;
  remote: Endpoint;
  recvQ: number;
  sendQ: number;
  /** Pending timer like `ss -o`: kind, ms left, retransmissions so far. */
  timer?: { kind: "on" | "timewait" | "keepalive"; leftMs: number; retrans: number };
  /** Closed by the application (no handle) but still alive in the kernel. */
  orphan: boolean;
  /** Listener-side child not yet taken by accept(). */
  inAcceptQueue: boolean;
  /**
   * `ss -ti` fields of a connection (struct tcp_info), absent for listeners, request sockets
   * and TIME-WAIT: rto and rtt/rttvar in ms (rto as the kernel keeps it, whole jiffies on
   * linux), backoff (icsk_backoff), retrans = retransmitted segments still unacknowledged /
   * all retransmissions (`retrans:0/3`).
   */
  info?: { rto: number; rtt: number; rttvar: number; backoff: number; retrans: number; totalRetrans: number };
};

/** Per-host counters named like /proc/net/netstat and /proc/net/snmp (subset). */
export const COUNTER_NAMES = [
  "TcpActiveOpens",
  "TcpPassiveOpens",
  "TcpAttemptFails",
  "TcpEstabResets",
  "TcpOutRsts",
  "TcpRetransSegs",
  "TcpExtListenOverflows",
  "TcpExtListenDrops",
  "TcpExtTCPSynRetrans",
  "TcpExtTCPTimeouts",
  "TcpExtTCPLossProbes",
  "TcpExtSyncookiesSent",
  "TcpExtSyncookiesRecv",
  "TcpExtSyncookiesFailed",
  "TcpExtTCPReqQFullDoCookies",
  "TcpExtTCPReqQFullDrop",
  "TcpExtTCPAbortOnData",
  "TcpExtTCPAbortOnClose",
  "TcpExtTCPAbortOnTimeout",
  "TcpExtTW",
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];
export type Counters = Record<CounterName, number>;

export type Trace = {
  /** The scenario as simulated: validated, defaults filled. */
  scenario: import("./scenario").Scenario;
  events: TraceEvent[];
  /** Every socket alive at `endedAt`, plus CLOSED ones the application still holds a handle to. */
  final: SocketSnapshot[];
  /** Per-host kernel counters at the end. */
  counters: Record<HostName, Counters>;
  /** Time (ms) the simulation stopped: `untilMs`, the last event, or the time bound. */
  endedAt: number;
  /** True when the event cap or time bound stopped the run before it went quiet. */
  truncated: boolean;
};
