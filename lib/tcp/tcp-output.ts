/**
 * Socket creation, segment output (SYN, SYN-ACK, ACK, data, FIN, RST), RTT/RTO bookkeeping
 * and tearing a socket down. Mirrors net/ipv4/tcp_output.c and parts of tcp.c / tcp_input.c.
 */
import type { StateCause, TcpState } from "./types";
import type { DataChunk, Host, Seg, Sock, Waiter, World } from "./internal";
import { F_ACK, F_FIN, F_PSH, F_RST, F_SYN, NONE, after, removeAt, seqAdd } from "./internal";
import { advMss, cancelAllTimers, cancelTimer, LOOPBACK_LINK_MSS, setState, setTimer, TS_BYTES, wake, xmit } from "./world";
import { JIFFY_US, usToJiffies } from "./jiffies";
import { endpoint, isV6 } from "./addr";

/**
 * A socket id not used before on this host for a socket the script names: `base`, else
 * `base~2`, `base~3`, … Children of a listener are `<listener id>#<n>` (childSocket in
 * tcp-input.ts), unique by construction — a handle cannot contain `#` or `~` (the scenario's
 * name pattern) — so only script-named sockets are listed, in an array scanned: a Set per host
 * and run cost more than the few names a script has (at most one per step), and a flood's
 * thousands of request sockets are not in it.
 */
export function uniqueId(host: Host, base: string): string {
  let id = base;
  for (let n = 2; host.usedIds.includes(id); n++) id = `${base}~${n}`;
  host.usedIds.push(id);
  return id;
}

export function newSock(host: Host, id: string, handle: string | null): Sock {
  const p = host.p;
  const s: Sock = {
    host,
    id,
    handle,
    state: "CLOSED",
    isReq: false,
    reqAcked: false,
    listener: null,
    inAcceptQueue: false,
    family: 0,
    v6only: false,
    lip: "0.0.0.0",
    lport: 0,
    rip: "0.0.0.0",
    rport: 0,
    bound: false,
    portLocked: false,
    byBind: false,
    hashed: false,
    ehNext: null,
    peerHost: undefined,
    srcEp: "",
    dstEp: "",
    flow: null,
    mss: host.linkMss,
    reuse: false,
    lingerOn: false,
    lingerSec: 0,
    nodelay: false,
    sockState: 0,
    backlog: 0,
    acceptQ: NONE,
    synQLen: 0,
    synQYoung: 0,
    childCounter: 0,
    cookies: null,
    // Optional fields too, so every socket has one hidden class (monomorphic property access).
    floodNoted: undefined,
    iss: 0,
    irs: 0,
    sndUna: 0,
    sndNxt: 0,
    writeSeq: 0,
    finQueued: false,
    finSeq: 0,
    sndQ: [],
    sndSml: 0,
    rcvNxt: 0,
    rcvQ: [],
    rcvQBytes: 0,
    ofo: NONE,
    rcvUnacked: 0,
    rcvShutdown: false,
    finReceived: false,
    sndShutdown: false,
    orphan: false,
    err: null,
    cwnd: 10,
    srtt: 0,
    rttvar: 0,
    srttK: 0,
    mdevK: 0,
    mdevMaxK: 0,
    rttvarK: 0,
    rttSeq: 0,
    rto: p.rtoInitUs,
    pending: "rto",
    tlpHighSeq: -1,
    caLoss: false,
    lossHigh: 0,
    totalRetrans: 0,
    retransOut: 0,
    tsOk: false,
    sackOk: false,
    wscaleOk: false,
    rcvWndInit: 65535,
    tsOffOut: -1,
    tsOffIn: -1,
    tsRecent: 0,
    rcvWup: 0,
    backoff: 0,
    retransmits: 0,
    totalRto: 0,
    retransStamp: 0,
    rtxArmedAt: 0,
    txLog: [],
    quick: 0,
    pingpong: false,
    ato: 0,
    lrcvtime: 0,
    ackScheduled: false,
    rcvMss: 536,
    lastOowAck: -1e12,
    numTimeout: 0,
    lastSynAckAt: 0,
    rtxAt: -1,
    rtxDue: -1,
    rtxGen: 0,
    delackAt: -1,
    delackDue: -1,
    delackGen: 0,
    waitAt: -1,
    waitDue: -1,
    waitGen: 0,
    waitKind: null,
    waitTotalUs: 0,
    twSince: undefined,
    waiters: [],
    freed: false,
  };
  host.socks.push(s);
  return s;
}

/** The socket `handle` names on `host`, or null. */
export function sockOfHandle(host: Host, handle: string): Sock | null {
  const i = handleIndex(host, handle);
  return i < 0 ? null : (host.handleSocks[i] as Sock);
}

/** Where `handle` is in host.handleNames, or -1: a loop, inlined, where indexOf() was a call per step. */
function handleIndex(host: Host, handle: string): number {
  const names = host.handleNames;
  for (let i = 0; i < names.length; i++) if (names[i] === handle) return i;
  return -1;
}

/** `handle` names `s` from now on (socket(), accept(): fd_install). */
export function setHandle(host: Host, handle: string, s: Sock): void {
  const i = handleIndex(host, handle);
  if (i >= 0) host.handleSocks[i] = s;
  else {
    host.handleNames.push(handle);
    host.handleSocks.push(s);
  }
}

/** close(): `handle` names nothing any more, if it still named `s` (close_fd). */
export function dropHandle(host: Host, handle: string, s: Sock): void {
  const i = handleIndex(host, handle);
  if (i < 0 || host.handleSocks[i] !== s) return;
  removeAt(host.handleNames, i);
  removeAt(host.handleSocks, i);
}

/**
 * A host's first ehash: 8 buckets, as one array literal (cheaper to make than 8 pushes; most
 * scenarios never hash more than a few connections on a host).
 */
const firstBuckets = (): (Sock | null)[] => [null, null, null, null, null, null, null, null];

/**
 * The chain a 4-tuple hashes to (inet_ehashfn, net/ipv4/inet_hashtables.c, without its
 * per-boot secret): the two ports through a multiplicative (Fibonacci) hash, the top bits
 * picking the bucket. The addresses are compared along the chain; spoofed flood SYNs differ
 * in their source port, so chains stay short.
 */
function ehashBucket(buckets: number, lport: number, rport: number): number {
  // `buckets` is 2^k: keep the top k bits (32 − k = clz32(2^k) + 1).
  return Math.imul((lport << 16) | rport, 0x9e3779b1) >>> (Math.clz32(buckets) + 1);
}

/** The connection with this 4-tuple on `host`, or null (__inet_lookup_established). */
export function lookupEstablished(host: Host, lip: string, lport: number, rip: string, rport: number): Sock | null {
  const table = host.ehash;
  if (host.ehashCount === 0) return null;
  for (let s = table[ehashBucket(table.length, lport, rport)] as Sock | null; s !== null; s = s.ehNext) {
    if (s.lport === lport && s.rport === rport && s.rip === rip && s.lip === lip) return s;
  }
  return null;
}

/** A host's table at twice the size, every chain rehashed (order within a chain is immaterial: a 4-tuple is in it once). */
function growEhash(host: Host): void {
  const old = host.ehash;
  if (old.length === 0) {
    host.ehash = firstBuckets();
    return;
  }
  const size = old.length * 2;
  const table: (Sock | null)[] = [];
  for (let i = 0; i < size; i++) table.push(null);
  for (let head of old) {
    while (head !== null) {
      const next: Sock | null = head.ehNext;
      const b = ehashBucket(size, head.lport, head.rport);
      head.ehNext = table[b] as Sock | null;
      table[b] = head;
      head = next;
    }
  }
  host.ehash = table;
}

/**
 * Hash the socket into its host's 4-tuple table (inet_ehash_insert). A socket already there
 * with the same 4-tuple is displaced, as a Map.set() of the same key would: it keeps `hashed`
 * (ss shows it connected) but is no longer found, and unhashing it later leaves the table alone.
 * `from`: the segment a passive socket was made from, whose endpoints are this socket's read
 * the other way round.
 */
export function hashConn(s: Sock, from: Seg | null = null): void {
  s.tsOffOut = -1;
  s.peerHost = undefined;
  // The trace's "ip:port" (`[::1]:5002` for IPv6), built once per connection — or taken from
  // the segment that made it: then both ends of a connection share the two strings, and the
  // flow's `initiator === src` checks on every segment (number() in world.ts) compare
  // pointers instead of text (issue #16).
  if (from !== null && from.dstIp === s.lip && from.dstPort === s.lport && from.srcIp === s.rip && from.srcPort === s.rport) {
    s.srcEp = from.dstEp;
    s.dstEp = from.srcEp;
  } else {
    s.srcEp = endpoint(s.lip, s.lport);
    s.dstEp = endpoint(s.rip, s.rport);
  }
  syncMss(s);
  s.hashed = true;
  const host = s.host;
  if (host.ehashCount >= host.ehash.length) growEhash(host);
  const table = host.ehash;
  const b = ehashBucket(table.length, s.lport, s.rport);
  let prev: Sock | null = null;
  for (let o = table[b] as Sock | null; o !== null; prev = o, o = o.ehNext) {
    if (o.lport !== s.lport || o.rport !== s.rport || o.rip !== s.rip || o.lip !== s.lip) continue;
    if (o === s) return;
    s.ehNext = o.ehNext;
    o.ehNext = null;
    if (prev === null) table[b] = s;
    else prev.ehNext = s;
    return;
  }
  s.ehNext = table[b] as Sock | null;
  table[b] = s;
  host.ehashCount++;
}

/**
 * Data bytes per full segment (tp->mss_cache, tcp_sync_mss → tcp_mtu_to_mss − the options of
 * tcp_established_options): on loopback the announced MSS less TCPOLEN_TSTAMP_ALIGNED (12) when
 * timestamps were agreed — 65483 on IPv4, 65464 on IPv6 (kernel fact 12, `ss -ti` mss:65464,
 * advmss:65464). Other links keep `link.mss` as the data size, as before IPv6 was modelled.
 */
export function syncMss(s: Sock): void {
  const linkMss = s.host.linkMss;
  const adv = advMss(linkMss, isV6(s.rip));
  s.mss = linkMss === LOOPBACK_LINK_MSS && s.tsOk ? adv - TS_BYTES : adv;
}

/** Take the socket out of its host's 4-tuple table (inet_unhash), if it is (still) there. */
export function unhashConn(s: Sock): void {
  if (!s.hashed) return;
  s.hashed = false;
  const host = s.host;
  const table = host.ehash;
  const b = ehashBucket(table.length, s.lport, s.rport);
  let prev: Sock | null = null;
  for (let o = table[b] as Sock | null; o !== null; prev = o, o = o.ehNext) {
    if (o !== s) continue;
    if (prev === null) table[b] = s.ehNext;
    else prev.ehNext = s.ehNext;
    s.ehNext = null;
    host.ehashCount--;
    return;
  }
}

/** Take a socket off the host's tables once neither the kernel nor the app refers to it. */
export function maybeFree(s: Sock): void {
  if (s.freed || s.state !== "CLOSED" || s.handle !== null || s.inAcceptQueue) return;
  s.freed = true;
  s.bound = false;
  const socks = s.host.socks;
  const i = socks.indexOf(s);
  // splice() where many follow: a flood keeps thousands of sockets here, which one memmove
  // shifts more cheaply than a loop of stores (each with its write barrier). removeAt() for the
  // few of an ordinary run, without the array of removed elements splice() allocates.
  if (i >= 0) {
    if (socks.length - i > 16) socks.splice(i, 1);
    else removeAt(socks, i);
  }
}

/**
 * The socket reaches CLOSED (kernel tcp_done / tcp_set_state(TCP_CLOSE)): unhash, stop timers,
 * release an automatically chosen port, wake anything blocked on it.
 * @see net/ipv4/tcp.c tcp_set_state(), tcp_done()
 */
export function tcpDone(w: World, s: Sock, cause: StateCause, countAttemptFail = true): void {
  const c = s.host.counters;
  const old: TcpState = s.state;
  if (countAttemptFail && !s.isReq && (old === "SYN-SENT" || old === "SYN-RECEIVED")) c.TcpAttemptFails++;
  if (old === "ESTABLISHED" || old === "CLOSE-WAIT") c.TcpEstabResets++;
  cancelAllTimers(w, s);
  if (s.isReq && s.listener) {
    s.listener.synQLen--;
    if (s.numTimeout === 0) s.listener.synQYoung--;
  }
  setState(w, s, "CLOSED", cause);
  unhashConn(s);
  s.rcvShutdown = true;
  s.sndShutdown = true;
  s.waitKind = null;
  if (!s.portLocked) s.bound = false;
  // wake() takes the woken waiter out of the list (and adds none): the walk stays at its index
  // then, instead of walking a copy.
  const waiters = s.waiters;
  for (let i = 0; i < waiters.length; ) {
    const wt = waiters[i] as Waiter;
    if (wt.kind === "recv") {
      if (s.rcvQBytes > 0) {
        i++;
        continue;
      }
      const e = s.finReceived ? null : s.err;
      if (e) s.err = null;
      wake(w, s, wt, e ? null : 0, e);
    } else if (wt.kind === "connect" || wt.kind === "send") {
      const e = s.err ?? (wt.kind === "send" ? "EPIPE" : "ECONNABORTED");
      if (wt.kind === "connect") s.err = null;
      wake(w, s, wt, null, e);
    } else i++;
  }
  maybeFree(s);
}

// ---------------------------------------------------------------------------------------------
// RTT estimation.

/**
 * One RTT sample `mUs` (µs). linux: tcp_rtt_estimator() + tcp_set_rto() (net/ipv4/tcp_input.c)
 * with the kernel's scaled integers — srtt_us is 8×SRTT, mdev_us 4×|error|, and rttvar_us never
 * drops below tcp_rto_min within a round trip (mdev_max_us starts each round at rto_min), so on
 * a LAN the RTO is SRTT + 200 ms, in jiffies rounded up: loopback's ~40 µs gives rto:204 in
 * `ss -ti` (observed, 6.18). rfc9293: RFC 6298 §2.2–2.4 (RTO = SRTT + 4·RTTVAR, at least 1 s).
 */
export function rttSample(s: Sock, mUs: number): void {
  const p = s.host.p;
  if (p.profile === "linux") {
    linuxRttEstimator(s, Math.max(1, Math.round(mUs)));
    return;
  }
  const m = Math.max(1, Math.round(mUs));
  if (s.srtt === 0) {
    s.srtt = m;
    s.rttvar = m >> 1;
  } else {
    const err = Math.abs(s.srtt - m);
    s.rttvar = Math.round((3 * s.rttvar + err) / 4);
    s.srtt = Math.round((7 * s.srtt + m) / 8);
  }
  const rto = s.srtt + 4 * s.rttvar;
  s.rto = Math.min(Math.max(rto, p.rtoMinUs), p.rtoMaxUs);
}

function linuxRttEstimator(s: Sock, mrtt: number): void {
  const p = s.host.p;
  let m = mrtt;
  let srtt = s.srttK;
  if (srtt !== 0) {
    m -= srtt >> 3; // m is now the error in the estimate
    srtt += m; // srtt = 7/8 srtt + 1/8 new
    if (m < 0) {
      m = -m;
      m -= s.mdevK >> 2;
      if (m > 0) m >>= 3; // a falling RTT moves mdev 8× more slowly
    } else {
      m -= s.mdevK >> 2;
    }
    s.mdevK += m; // mdev = 3/4 mdev + 1/4 new
    if (s.mdevK > s.mdevMaxK) {
      s.mdevMaxK = s.mdevK;
      if (s.mdevMaxK > s.rttvarK) s.rttvarK = s.mdevMaxK;
    }
    if (after(s.sndUna, s.rttSeq)) {
      // One round trip done: let rttvar decay towards the round's largest mdev.
      if (s.mdevMaxK < s.rttvarK) s.rttvarK -= (s.rttvarK - s.mdevMaxK) >> 2;
      s.rttSeq = s.sndNxt;
      s.mdevMaxK = p.rtoMinUs;
    }
  } else {
    srtt = m << 3;
    s.mdevK = m << 1; // "make sure rto = 3*rtt"
    s.rttvarK = Math.max(s.mdevK, p.rtoMinUs);
    s.mdevMaxK = s.rttvarK;
    s.rttSeq = s.sndNxt;
  }
  s.srttK = Math.max(1, srtt);
  s.srtt = s.srttK >> 3;
  s.rttvar = s.mdevK >> 2;
  // tcp_set_rto(): __tcp_set_rto() = usecs_to_jiffies(srtt + rttvar), then tcp_bound_rto().
  s.rto = Math.min(usToJiffies((s.srttK >> 3) + s.rttvarK) * JIFFY_US, p.rtoMaxUs);
  // tcp_ack_update_rtt(): a valid sample ends any backoff.
  s.backoff = 0;
}

/** Record a transmission ending at `end` (for RTT samples: timestamps make even retransmissions measurable). */
function logTx(w: World, s: Sock, end: number): void {
  s.txLog.push(end, w.now);
  if (s.txLog.length > 64) s.txLog.splice(0, 2);
}

/**
 * RTT sample for an ACK covering up to `ack`: time since the latest transmission it
 * acknowledges. Karn (RFC 6298 §3): nothing is measured from a retransmitted segment's ACK —
 * the textbook takes no sample; Linux falls back on the timestamp echo (tcp_ack_update_rtt →
 * tcp_rtt_tsopt_us), whose clock ticks in milliseconds (a sample of at least 1 ms).
 */
export function sampleForAck(w: World, s: Sock, ack: number, retransmitted: boolean, tsecr = -1): void {
  let sentAt = -1;
  let keep = 0;
  for (let i = 0; i < s.txLog.length; i += 2) {
    const end = s.txLog[i] as number;
    if (!after(end, ack)) sentAt = Math.max(sentAt, s.txLog[i + 1] as number);
    else {
      s.txLog[keep++] = end;
      s.txLog[keep++] = s.txLog[i + 1] as number;
    }
  }
  // pop() rather than `length = keep`, which is a runtime call even when nothing changes.
  while (s.txLog.length > keep) s.txLog.pop();
  if (sentAt < 0) return;
  if (!retransmitted) {
    rttSample(s, w.now - sentAt);
    return;
  }
  if (s.host.p.profile === "rfc9293") return;
  if (s.tsOk && tsecr > 0) rttSample(s, Math.max(1, Math.floor(w.now / 1000) - tsecr) * 1000);
}

// ---------------------------------------------------------------------------------------------
// Output.

/** Any segment carrying ACK cancels a pending delayed ACK (tcp_event_ack_sent). */
function ackSent(w: World, s: Sock): void {
  s.rcvUnacked = 0;
  // tcp_dec_quickack_mode: only ACKs that acknowledge new data use up a quick ACK.
  if (s.ackScheduled && s.quick > 0) s.quick--;
  s.ackScheduled = false;
  if (s.delackAt >= 0) cancelTimer(w, s, "delack");
}

export function sendFromSock(w: World, s: Sock, flags: number, seq: number, len: number, text: string | null, retrans: boolean): void {
  if (flags & F_ACK) {
    ackSent(w, s);
    s.rcvWup = s.rcvNxt;
  }
  // tcp_event_data_sent: replying within ato of the last received segment enters pingpong
  // (interactive) mode, where ACKs are delayed to ride on the next reply (tcp_pingpong_thresh 1).
  if (len > 0 && !retrans && s.ato > 0 && s.host.p.profile === "linux" && w.now - s.lrcvtime < s.ato) s.pingpong = true;
  const end = seqAdd(seq, len + (flags & F_SYN ? 1 : 0) + (flags & F_FIN ? 1 : 0));
  if (end !== seq) logTx(w, s, end);
  if (retrans) s.host.counters.TcpRetransSegs++;
  xmit(w, s.host, s, s.lip, s.lport, s.rip, s.rport, flags, seq, flags & F_ACK ? s.rcvNxt : 0, len, text, retrans);
}

export function sendAck(w: World, s: Sock): void {
  sendFromSock(w, s, F_ACK, s.sndNxt, 0, null, false);
}

/** Out-of-window / challenge ACKs are rate limited per socket (tcp_invalid_ratelimit = 500 ms). */
export function sendOowAck(w: World, s: Sock): boolean {
  if (w.now - s.lastOowAck < 500_000) return false;
  s.lastOowAck = w.now;
  sendAck(w, s);
  return true;
}

export function sendSyn(w: World, s: Sock, retrans: boolean): void {
  sendFromSock(w, s, F_SYN, s.iss, 0, null, retrans);
}

export function sendSynAck(w: World, s: Sock, retrans: boolean): void {
  s.lastSynAckAt = w.now;
  sendFromSock(w, s, F_SYN | F_ACK, s.iss, 0, null, retrans);
}

/** tcp_send_active_reset: RST,ACK at SND.NXT. */
export function sendActiveReset(w: World, s: Sock): void {
  s.host.counters.TcpOutRsts++;
  xmit(w, s.host, s, s.lip, s.lport, s.rip, s.rport, F_RST | F_ACK, s.sndNxt, s.rcvNxt, 0, null, false);
}

/** End of queued application data (the FIN, if queued, sits right after it). */
export function dataEnd(s: Sock): number {
  return s.finQueued ? s.finSeq : s.writeSeq;
}

/** Bytes [from, from+len) of the send queue: their text (if all text) and whether a write ends there. */
function slice(s: Sock, from: number, len: number): { text: string | null; push: boolean } {
  let text: string | null = "";
  let push = false;
  const end = seqAdd(from, len);
  for (const c of s.sndQ) {
    const cEnd = seqAdd(c.seq, c.len);
    if (!after(cEnd, from)) continue;
    if (!after(end, c.seq)) break;
    const a = after(from, c.seq) ? from - c.seq : 0;
    const b = after(cEnd, end) ? (end - c.seq) >>> 0 : c.len;
    if (text !== null) text = c.text === null ? null : text + c.text.slice(a, b);
    if (cEnd === end && c.push) push = true;
  }
  return { text, push };
}

export function queueData(s: Sock, len: number, text: string | null): void {
  const chunk: DataChunk = { seq: s.writeSeq, len, text, push: true };
  s.sndQ.push(chunk);
  s.writeSeq = seqAdd(s.writeSeq, len);
}

/** Queue our FIN after any data (tcp_send_fin). */
export function queueFin(s: Sock): void {
  if (s.finQueued) return;
  s.finQueued = true;
  s.finSeq = s.writeSeq;
  s.writeSeq = seqAdd(s.writeSeq, 1);
}

/**
 * tcp_rearm_rto(): (re)start the retransmission timer, or stop it when nothing is in flight.
 * Replacing a pending loss probe keeps the RTO where it was due (tcp_rto_delta_us: the RTO
 * counted from the head segment's last transmission).
 */
export function rearmRto(w: World, s: Sock): void {
  if (s.sndNxt === s.sndUna) {
    cancelTimer(w, s, "rtx");
    return;
  }
  let rto = s.rto;
  if (s.pending === "tlp" && s.rtxAt >= 0) rto = Math.max(1, s.rto - (w.now - s.rtxArmedAt));
  s.pending = "rto";
  setTimer(w, s, "rtx", rto, s.retransmits);
}

/** Segments in flight (packets_out): full-sized ones, the tail, and a FIN travelling alone. */
function packetsOut(s: Sock): number {
  const finOut = s.finQueued && after(s.sndNxt, s.finSeq) ? 1 : 0;
  const bytes = ((s.sndNxt - s.sndUna) | 0) - finOut;
  return bytes > 0 ? Math.ceil(bytes / s.mss) : finOut;
}

/**
 * tcp_schedule_loss_probe() (net/ipv4/tcp_output.c; RFC 8985 §7.2, tcp_early_retrans = 3):
 * instead of the RTO, arm a probe timeout PTO = 2·SRTT + (one segment out ? tcp_rto_min :
 * 2 ms), never later than the RTO would fire. Not in loss recovery, not before the handshake
 * is done, linux profile only (the textbook has no TLP).
 */
function scheduleLossProbe(w: World, s: Sock, advancingRto: boolean): boolean {
  const p = s.host.p;
  if (p.profile !== "linux" || !p.sys.tcp_sack || s.caLoss || s.sndNxt === s.sndUna) return false;
  if (s.state === "SYN-SENT" || s.state === "SYN-RECEIVED") return false;
  let timeout: number;
  if (s.srttK) timeout = usToJiffies((s.srttK >> 2) + (packetsOut(s) === 1 ? p.rtoMinUs : TIMEOUT_MIN_US));
  else timeout = usToJiffies(p.rtoInitUs);
  const rtoDelta = advancingRto ? s.rto : s.rto - (w.now - s.rtxArmedAt);
  if (rtoDelta > 0) timeout = Math.min(timeout, usToJiffies(rtoDelta));
  s.pending = "tlp";
  setTimer(w, s, "rtx", timeout * JIFFY_US, s.retransmits);
  return true;
}

/** TCP_TIMEOUT_MIN_US (include/net/tcp.h): 2 ms. */
const TIMEOUT_MIN_US = 2000;

/** tcp_set_xmit_timer(): after an ACK of new data, a loss probe if allowed, else the RTO. */
export function setXmitTimer(w: World, s: Sock): void {
  if (!scheduleLossProbe(w, s, true)) rearmRto(w, s);
}

/**
 * One new segment from SND.NXT, if the window, the congestion window and Nagle allow it
 * (`force`: a loss probe sends regardless, like tcp_write_xmit(push_one = 2, TCP_NAGLE_OFF)).
 * A FIN rides on the last data segment when both are pending (tcp_send_fin).
 */
function sendNewSegment(w: World, s: Sock, force: boolean): boolean {
  const mss = s.mss;
  const end = dataEnd(s);
  const avail = (end - s.sndNxt) | 0;
  if (avail > 0) {
    const inflight = (s.sndNxt - s.sndUna) | 0;
    if (!force && inflight >= s.cwnd * mss) return false;
    const len = Math.min(mss, avail);
    const withFin = s.finQueued && seqAdd(s.sndNxt, len) === s.finSeq;
    // Nagle with Minshall's variant (tcp_nagle_check): hold a small segment while an earlier
    // small one is unacknowledged. A segment carrying FIN is never held.
    if (!force && !s.nodelay && len < mss && !withFin && after(s.sndSml, s.sndUna)) return false;
    const { text, push } = slice(s, s.sndNxt, len);
    let flags = F_ACK;
    if (push || withFin) flags |= F_PSH;
    if (withFin) flags |= F_FIN;
    const seq = s.sndNxt;
    if (s.sndNxt === s.sndUna) s.rtxArmedAt = w.now;
    s.sndNxt = seqAdd(s.sndNxt, len + (withFin ? 1 : 0));
    if (len < mss) s.sndSml = seqAdd(seq, len);
    sendFromSock(w, s, flags, seq, len, text, false);
    return true;
  }
  if (s.finQueued && s.sndNxt === s.finSeq) {
    // Linux marks PSH only on data segments; a bare FIN rides without it.
    const seq = s.sndNxt;
    if (s.sndNxt === s.sndUna) s.rtxArmedAt = w.now;
    s.sndNxt = seqAdd(s.sndNxt, 1);
    sendFromSock(w, s, F_FIN | F_ACK, seq, 0, null, false);
    return true;
  }
  return false;
}

/**
 * Send what the window, Nagle and the congestion window allow (tcp_write_xmit), then arm the
 * timers: the RTO if nothing was in flight (tcp_event_new_data_sent), and one loss probe per
 * tail (tcp_schedule_loss_probe from tcp_write_xmit).
 */
export function tcpPush(w: World, s: Sock): void {
  const idle = s.sndNxt === s.sndUna;
  let sent = false;
  while (sendNewSegment(w, s, false)) sent = true;
  if (!sent) {
    if (s.sndNxt !== s.sndUna && s.rtxAt < 0) rearmRto(w, s);
    return;
  }
  if (idle || s.pending === "tlp" || s.rtxAt < 0) rearmRto(w, s);
  scheduleLossProbe(w, s, false);
}

/** Retransmit one segment from `from` (≤ one MSS of what was sent, with the FIN if it ends there). */
function retransmitFrom(w: World, s: Sock, from: number): void {
  const end = dataEnd(s);
  const sentDataEnd = after(s.sndNxt, end) ? end : s.sndNxt;
  const len = Math.max(0, Math.min(s.mss, (sentDataEnd - from) | 0));
  const finSent = s.finQueued && after(s.sndNxt, s.finSeq);
  const withFin = finSent && seqAdd(from, len) === s.finSeq;
  if (len === 0 && !withFin) return;
  const { text, push } = slice(s, from, len);
  let flags = F_ACK;
  if (len > 0 && (push || withFin)) flags |= F_PSH;
  if (withFin) flags |= F_FIN;
  // retrans_stamp: the first (attempted) retransmission remembers when the data first left.
  if (s.retransStamp === 0) s.retransStamp = s.rtxArmedAt;
  if (from === s.sndUna) s.rtxArmedAt = w.now;
  s.retransOut++;
  s.totalRetrans++;
  sendFromSock(w, s, flags, from, len, text, true);
}

/** Retransmit the head of the queue after an RTO (tcp_retransmit_skb on the first skb). */
export function retransmitHead(w: World, s: Sock): void {
  retransmitFrom(w, s, s.sndUna);
}

/**
 * The loss probe fires (tcp_send_loss_probe): new data if some is waiting, otherwise the last
 * segment sent again — the tail, not the head. It does not back the RTO off: the RTO is
 * re-armed in full from now, and only it starts exponential backoff. One probe per tail
 * (tlp_high_seq) until an ACK or an RTO ends the episode.
 */
export function sendLossProbe(w: World, s: Sock): void {
  if (s.tlpHighSeq < 0) {
    if (!sendNewSegment(w, s, true)) {
      const end = dataEnd(s);
      const sentDataEnd = after(s.sndNxt, end) ? end : s.sndNxt;
      const dataOut = (sentDataEnd - s.sndUna) | 0;
      const tail = dataOut > 0 ? dataOut % s.mss || Math.min(s.mss, dataOut) : 0;
      retransmitFrom(w, s, seqAdd(sentDataEnd, -tail));
    }
    s.tlpHighSeq = s.sndNxt;
    s.host.counters.TcpExtTCPLossProbes++;
    s.pending = "rto";
    s.rtxAt = -1;
  }
  rearmRto(w, s);
}

/** Drop acknowledged bytes from the send queue. */
export function trimSndQ(s: Sock): void {
  const q = s.sndQ;
  let i = 0;
  while (i < q.length) {
    const c = q[i] as DataChunk;
    const cEnd = seqAdd(c.seq, c.len);
    if (!after(cEnd, s.sndUna)) {
      i++;
      continue;
    }
    if (after(s.sndUna, c.seq)) {
      const cut = (s.sndUna - c.seq) >>> 0;
      q[i] = { seq: s.sndUna, len: c.len - cut, text: c.text === null ? null : c.text.slice(cut), push: c.push };
    }
    break;
  }
  // Shifted down in place: splice() would allocate the array of what it removes.
  if (i > 0) {
    for (let j = i; j < q.length; j++) q[j - i] = q[j] as DataChunk;
    for (let j = 0; j < i; j++) q.pop();
  }
}

export function setTimeWaitTimer(w: World, s: Sock, kind: "time-wait" | "fin-wait-2", us: number): void {
  s.waitKind = kind;
  s.waitTotalUs = us;
  setTimer(w, s, "wait", us);
}

/**
 * Enter TIME-WAIT: Linux keeps it TCP_TIMEWAIT_LEN = 60 s whatever tcp_fin_timeout says
 * (include/net/tcp.h; kernel fact 03a: gone after 61.2 s); RFC 9293 §3.6.1: 2×MSL.
 */
export function enterTimeWait(w: World, s: Sock, cause: StateCause): void {
  cancelTimer(w, s, "rtx");
  cancelTimer(w, s, "delack");
  if (s.waitAt >= 0) cancelTimer(w, s, "wait");
  setState(w, s, "TIME-WAIT", cause);
  s.sndQ = [];
  s.twSince = w.now;
  setTimeWaitTimer(w, s, "time-wait", s.host.p.timeWaitUs);
}

export { F_ACK, F_FIN, F_PSH, F_RST, F_SYN };
