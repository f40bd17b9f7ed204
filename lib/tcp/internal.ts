/**
 * Engine-internal data structures. Not exported from the package entry point.
 * Times here are integer microseconds (µs); the public API speaks milliseconds.
 */
import type { CallName, Counters, Errno, Profile, TcpState, TraceEvent } from "./types";
import type { Fault, Scenario, Step, Sysctl } from "./scenario";
import type { Heap } from "./heap";
import type { Prng } from "./prng";

export const F_SYN = 1;
export const F_ACK = 2;
export const F_FIN = 4;
export const F_RST = 8;
export const F_PSH = 16;

/** seq arithmetic modulo 2^32 (RFC 9293 §3.4). */
export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;
/** a < b in sequence space (kernel `before()`). */
export const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;
export const seqDiff = (a: number, b: number): number => (a - b) | 0;

/**
 * Remove the element at `i`, keeping the order: what `a.splice(i, 1)` does without the array
 * of removed elements splice() allocates and the generic builtin it runs (socket lists, waiters
 * — a few entries each; node --cpu-prof, bench:sim; issue #16).
 */
export function removeAt<T>(a: T[], i: number): void {
  for (let j = i + 1; j < a.length; j++) a[j - 1] = a[j] as T;
  a.pop();
}

/**
 * The empty list a socket or host starts with where most never hold anything (a listener's
 * accept queue, the out-of-order queue, an unused connection table): one shared and frozen
 * array instead of one per socket, replaced by its own list before the first push — a push
 * that forgot to throws rather than touch every socket (issue #16).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** A segment on the wire. `text` is the payload when the sender sent text (for recv data). */
export type Seg = {
  id: number;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  flags: number;
  seq: number;
  ack: number;
  len: number;
  text: string | null;
  /** The trace event of this segment, so the receiver can mark it dropped (e.g. accept queue full). */
  ev: import("./types").SegmentEvent | null;
  /** ISN bookkeeping of the connection (for relative labels), carried so receivers can adopt it. */
  flow: Flow | null;
  /** The endpoints as the trace prints them ("ip:port"), so a reply can reuse them. */
  srcEp: string;
  dstEp: string;
  /**
   * Timestamps option (RFC 7323 §3): TSval = the sender's ms clock (tcp_time_stamp_ts),
   * TSecr = its ts_recent; -1 when the segment carries no timestamps.
   */
  tsval: number;
  tsecr: number;
  /** A SYN's SACK-permitted and window-scale options (tcp_parse_options). */
  sackOk: boolean;
  wscaleOk: boolean;
};

/** Tunables that differ between the linux and rfc9293 profiles, resolved per host. */
export type HostParams = {
  profile: Profile;
  sys: Sysctl;
  rtoMinUs: number;
  rtoMaxUs: number;
  rtoInitUs: number;
  delackUs: number;
  /** Linux: timers run on the jiffies timer wheel (jiffies.ts); rfc9293: exact. */
  wheel: boolean;
  timeWaitUs: number;
  ephemeralLo: number;
  ephemeralHi: number;
};

/** Something blocked in a call (connect/accept/recv/send). */
export type Waiter = {
  kind: "connect" | "accept" | "recv" | "send";
  step: number;
  handle: string;
  since: number;
  /** accept: new handle; recv: max bytes; send: bytes/text to queue once connected. */
  as?: string;
  max?: number;
  bytes?: number;
  text?: string | null;
};

export type DataChunk = { seq: number; len: number; text: string | null; push: boolean };
export type RcvChunk = { len: number; text: string | null };

export type Sock = {
  host: Host;
  id: string;
  handle: string | null;
  state: TcpState;
  /** Request socket (SYN queue entry) not yet a full socket. */
  isReq: boolean;
  /** accept-queue full when the final ACK came (tcp_check_req sets inet_rsk(req)->acked). */
  reqAcked: boolean;
  /** For request sockets and children: the listener they came from. */
  listener: Sock | null;
  inAcceptQueue: boolean;
  // addressing
  /**
   * Address family: 4 = AF_INET, 6 = AF_INET6, 0 = not decided yet (a socket created implicitly
   * by a call that names no address; the first call that needs one decides).
   */
  family: 0 | 4 | 6;
  /** IPV6_V6ONLY (sk_ipv6only): starts as net.ipv6.bindv6only, set by a bind to a specific IPv6 address. */
  v6only: boolean;
  /**
   * Local and remote address as on the wire: dotted quad for IPv4 packets (also for an AF_INET6
   * socket bound or connected through a v4-mapped address), RFC 5952 text for IPv6; "0.0.0.0" /
   * "::" = the wildcard. ss.ts shows them in the socket's family.
   */
  lip: string;
  lport: number;
  rip: string;
  rport: number;
  bound: boolean;
  /** bind() chose the port explicitly (SOCK_BINDPORT_LOCK): it stays bound after CLOSED. */
  portLocked: boolean;
  /** The port came from bind() or listen(), not connect(): its bind bucket keeps connect() off it. */
  byBind: boolean;
  /**
   * Hashed under its 4-tuple (hashConn): a connection, not a bare or listening socket. Stays
   * true for a socket another one displaced from the table (tcp-output.ts hashConn) until it is
   * unhashed.
   */
  hashed: boolean;
  /** The next socket in its host's ehash chain (Host.ehash). */
  ehNext: Sock | null;
  /**
   * The host `rip` reaches from this one (world.ts peerHost), worked out at the first segment
   * sent to it; undefined until then and whenever the socket is hashed under a new 4-tuple.
   */
  peerHost: Host | null | undefined;
  /** Our endpoints as "ip:port". */
  srcEp: string;
  dstEp: string;
  flow: Flow | null;
  /** Data bytes per full segment (mss_cache): the path's MSS less 12 with timestamps (hashConn, syncMss). */
  mss: number;
  reuse: boolean;
  lingerOn: boolean;
  lingerSec: number;
  nodelay: boolean;
  /** struct socket state: 0 SS_UNCONNECTED, 1 SS_CONNECTING, 2 SS_CONNECTED (af_inet.c). */
  sockState: 0 | 1 | 2;
  // listener
  backlog: number;
  acceptQ: Sock[];
  synQLen: number;
  synQYoung: number;
  childCounter: number;
  cookies: CookieJar | null;
  /** Note codes already emitted for spoofed flood SYNs on this listener. */
  floodNoted?: Set<string>;
  // TCB (RFC 9293 §3.3.1)
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  /** Sequence number after the last byte queued by the app (FIN included once queued). */
  writeSeq: number;
  finQueued: boolean;
  finSeq: number;
  /** Data from sndUna on (sent and unsent), in order. */
  sndQ: DataChunk[];
  /** seq end of the last sub-MSS segment sent (Nagle/Minshall). */
  sndSml: number;
  rcvNxt: number;
  rcvQ: RcvChunk[];
  rcvQBytes: number;
  ofo: Seg[];
  /** Bytes received since the last ACK we sent (for the every-second-segment ACK rule). */
  rcvUnacked: number;
  rcvShutdown: boolean;
  /** The peer's FIN was received (SOCK_DONE): recv() returns 0 before any pending error. */
  finReceived: boolean;
  sndShutdown: boolean;
  /** The application closed it (Linux SOCK_DEAD): an orphan. */
  orphan: boolean;
  err: Errno | null;
  cwnd: number;
  // RTT / RTO (RFC 6298, Linux tcp_rtt_estimator)
  /** Smoothed RTT and its variation in µs, as `ss -ti` shows them (rtt:srtt/rttvar). */
  srtt: number;
  rttvar: number;
  /** Linux's scaled state: srtt_us (8×), mdev_us (4×), mdev_max_us, rttvar_us, rtt_seq. */
  srttK: number;
  mdevK: number;
  mdevMaxK: number;
  rttvarK: number;
  rttSeq: number;
  rto: number;
  /** What the retransmission slot holds (icsk_pending): an RTO or a tail loss probe. */
  pending: "rto" | "tlp";
  /** snd_nxt when the last loss probe went out (tlp_high_seq), or -1. */
  tlpHighSeq: number;
  /** TCP_CA_Loss after an RTO, until everything sent before it is acknowledged (lossHigh). */
  caLoss: boolean;
  lossHigh: number;
  /** tcpi_total_retrans and retrans_out (retransmitted segments not yet acknowledged). */
  totalRetrans: number;
  retransOut: number;
  // Timestamps (RFC 7323): negotiated in the handshake, ts_recent, rcv_wup (rcv_nxt at our last ACK)
  tsOk: boolean;
  /** SACK-permitted and window scaling, offered in our SYN / agreed in the handshake. */
  sackOk: boolean;
  wscaleOk: boolean;
  /** TSval offsets of this connection's two directions (secure_tcp_ts_off), -1 until first needed. */
  tsOffOut: number;
  tsOffIn: number;
  /** The receive window announced in our SYN or SYN-ACK (tcp_select_initial_window). */
  rcvWndInit: number;
  tsRecent: number;
  rcvWup: number;
  backoff: number;
  retransmits: number;
  totalRto: number;
  retransStamp: number;
  /** When the retransmission timer was last armed from idle (≈ head segment's send time). */
  rtxArmedAt: number;
  /** Flat pairs [endSeq, sentAt, ...] of recent transmissions, for RTT samples. */
  txLog: number[];
  // delayed ACK (tcp_input.c tcp_event_data_recv / __tcp_ack_snd_check)
  quick: number;
  pingpong: boolean;
  ato: number;
  lrcvtime: number;
  /** Received data/FIN not yet acknowledged (inet_csk_ack_scheduled). */
  ackScheduled: boolean;
  /** Largest segment seen (icsk_ack.rcv_mss), starts at 536 (tcp_initialize_rcv_mss). */
  rcvMss: number;
  lastOowAck: number;
  // SYN-ACK retransmissions of a request socket
  numTimeout: number;
  lastSynAckAt: number;
  /**
   * Timers, one per purpose like Linux's icsk timers (world.ts setTimer): the retransmission
   * (or SYN-ACK, or loss probe) timer, the delayed ACK, and the TIME-WAIT or orphaned
   * FIN-WAIT-2 timer. For each, `…At` = when it fires (µs; -1 = not armed), `…Due` = the
   * expiry it was armed for (timer->expires, what `ss -o` counts down: the wheel may run it
   * later, never earlier), `…Gen` = how often it was armed or cancelled (a queued expiry of
   * another generation is stale). Fields of the socket rather than three objects each: a
   * socket is made per connection and per request, and its sub-objects (these three, its
   * lists) were about a quarter of what making one cost (a micro-benchmark of newSock();
   * issue #16).
   */
  rtxAt: number;
  rtxDue: number;
  rtxGen: number;
  delackAt: number;
  delackDue: number;
  delackGen: number;
  waitAt: number;
  waitDue: number;
  waitGen: number;
  waitKind: "time-wait" | "fin-wait-2" | null;
  waitTotalUs: number;
  twSince?: number;
  waiters: Waiter[];
  /** For ss: freed sockets are dropped from host.socks. */
  freed: boolean;
};

export type Host = {
  name: string;
  ip: string;
  /** The host's own IPv6 address (RFC 5952 text), or null; `::1` is always local as 127/8 is. */
  ip6: string | null;
  /** scenario.link.mss (the IPv4 data MSS of every link); see tcp-output.ts advMss(). */
  linkMss: number;
  p: HostParams;
  socks: Sock[];
  /**
   * The script's handles (a process's descriptor table): handleNames[i] names handleSocks[i],
   * the socket that handle last got (createSocket, accept). Parallel lists, not a Map: a script
   * names a few sockets per host, and a Map per host and run cost more than their lookups
   * (node --cpu-prof, bench:sim; issue #16).
   */
  handleNames: string[];
  handleSocks: Sock[];
  /**
   * The host's connections by 4-tuple (the kernel's established hash, inet_ehash_bucket): a
   * power-of-two array of chains linked through Sock.ehNext, indexed by the two ports
   * (ehashBucket in tcp-output.ts); empty until the first connection, doubled once it holds
   * as many sockets as buckets. Numbers instead of a Map keyed by "ip:port>ip:port" strings:
   * building, flattening and hashing those strings was ~8 % of a lifecycle (node --cpu-prof,
   * bench:sim; issue #16).
   */
  ehash: (Sock | null)[];
  /** Sockets in `ehash`. */
  ehashCount: number;
  listeners: Sock[];
  fdCounter: number;
  /** Ids of the sockets the script named on this host, ever (uniqueId in tcp-output.ts). */
  usedIds: string[];
  counters: Counters;
  /** Peers that completed a handshake with us (tcp_peer_is_proven), each once: a few real hosts. */
  provenPeers: string[];
};

/** Q_STEP: a script step is due; Q_SEG: a segment reaches `host`; Q_TIMER: a socket timer expires; Q_FLOOD: the next spoofed SYN. */
export const Q_STEP = 0;
export const Q_SEG = 1;
export const Q_TIMER = 2;
export const Q_FLOOD = 3;

/**
 * One pending event of the discrete-event loop. Every kind has the same fields (one hidden
 * class, so the heap's (t, n) compares stay monomorphic), and popped items are recycled
 * through `World.free` instead of being allocated per event — the way the kernel reuses
 * timer_list entries rather than allocating one per expiry.
 */
export class QItem {
  t = 0;
  n = 0;
  type = Q_STEP;
  /** Q_STEP: the script step's index; Q_FLOOD: the SYN's index; Q_TIMER: the timer's generation. */
  arg = 0;
  seg: Seg | null = null;
  host: Host | null = null;
  sock: Sock | null = null;
  slot: "rtx" | "delack" | "wait" = "rtx";
}

export type FaultState = { fault: Fault; seen: number };

/**
 * A script step as the loop runs it, resolved once per run (createWorld): its host, and the
 * fields every call reads, copied into one record shape. The validated steps themselves have a
 * hidden class per call type and per optional field present, so reading `step.host` or
 * `step.sock` at one site saw eight or more shapes and went through V8's megamorphic lookup —
 * ~3 % of a lifecycle (perf, bench:sim; issue #16).
 */
export type PlannedStep = {
  step: Step;
  host: Host;
  call: CallName;
  /** The socket handle ("" for sysctl, which names none). */
  sock: string;
  /** The step's id (what `after` names), or null. */
  id: string | null;
  /** The step's delayMs in µs (added after its `after` step returned, or to `at`). */
  delayUs: number;
  /**
   * The steps waiting for this one to return (`after` its id), in script order, as a list
   * threaded through the plan: the first one's index (-1: none, or already queued), each
   * one's `nextDependent`, and the last one's (for appending). Indices, not an array per step
   * with dependents (issue #16).
   */
  firstDependent: number;
  lastDependent: number;
  /** The next step waiting for the same step as this one, or -1. */
  nextDependent: number;
};

export type World = {
  sc: Scenario;
  now: number;
  /** `now` in ms (ms(now)), as every trace event states it: worked out once per instant. */
  nowMs: number;
  q: Heap<QItem>;
  qn: number;
  /** Popped queue items, for reuse. */
  free: QItem[];
  /** The `n` of flood SYN 0: SYN i is queued with n = floodN0 + i when SYN i − 1 runs. */
  floodN0: number;
  /** The flood's target "ip:port", built once for all its SYNs ("" without a flood). */
  floodDst: string;
  events: TraceEvent[];
  maxEvents: number;
  truncated: boolean;
  stopped: boolean;
  hosts: Host[];
  latencyUs: number;
  mss: number;
  rng: Prng;
  segCount: number;
  faults: FaultState[];
  /** The script, by step index, as runStep() reads it. */
  plan: PlannedStep[];
  /**
   * The address pair whose TSval offsets were hashed last (stampTs in world.ts): A → B and
   * B → A; "" until the first. Not a table: a flood's request sockets each bring a new pair.
   */
  tsPairA: string;
  tsPairB: string;
  tsPairAB: number;
  tsPairBA: number;
  /**
   * ISN bookkeeping for relative seq/ack labels, one per pair of endpoints that sent a SYN
   * (flowOf in world.ts). A list searched by the pair: a script opens at most a few hundred
   * connections, and flood SYNs never enter it.
   */
  flows: Flow[];
};

/**
 * The SYN cookies a listener has sent, by the peer's "ip:port": a slot index per peer and the
 * numbers in parallel arrays instead of an object per cookie. A flood leaves one cookie per
 * spoofed SYN, alive until the trace is returned; an object each (with its u32s boxed) was a
 * quarter of a 10,000-SYN flood's CPU in scavenges and write barriers (node --cpu-prof,
 * --trace-gc, bench:sim). A slot is reused when its peer sends another SYN.
 */
export type CookieJar = { slot: Map<string, number>; iss: number[]; irs: number[]; at: number[] };

/**
 * The ISNs of one connection for its labels: `x` the initiator's, `y` the responder's (null
 * until seen). `a`, `b`: its two endpoints ("ip:port"), the pair it is found by in World.flows
 * either way round ("" for a flow kept by no list).
 */
export type Flow = { a: string; b: string; initiator: string; x: number; y: number | null };
