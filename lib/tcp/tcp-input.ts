/**
 * Segment arrival: demultiplexing and the per-state receive logic.
 * Follows net/ipv4/tcp_ipv4.c (tcp_v4_rcv), tcp_input.c (tcp_conn_request,
 * tcp_rcv_synsent_state_process, tcp_rcv_state_process, tcp_data_queue, tcp_fin) and
 * tcp_minisocks.c (tcp_check_req, tcp_timewait_state_process); RFC 9293 §3.10.7.
 */
import type { NoteCode } from "./types";
import type { Host, Seg, Sock, Waiter, World } from "./internal";
import { F_ACK, F_FIN, F_RST, F_SYN, NONE, after, before, seqAdd } from "./internal";
import { fnv1a, fnv1aUint, fnvBasis } from "./prng";
import { endpoint, isV6 } from "./addr";
import {
  cancelTimer,
  markDropped,
  note,
  sendResetFor,
  setState,
  setTimer,
  wake,
  xmit,
} from "./world";
import { completeAccept, feedReaders, flushPendingSends, hasWaiter, nextWaiter } from "./wakeups";
import {
  enterTimeWait,
  hashConn,
  lookupEstablished,
  newSock,
  rttSample,
  sampleForAck,
  sendAck,
  sendOowAck,
  sendSynAck,
  setTimeWaitTimer,
  setXmitTimer,
  syncMss,
  tcpDone,
  tcpPush,
  trimSndQ,
} from "./tcp-output";

/** Receive window we assume is always open (no flow-control modelling). */
const RCV_WND = 65535 << 7;
/** TCP_MAX_QUICKACKS (include/net/tcp.h). */
const MAX_QUICKACKS = 16;
/** TCP_ATO_MIN = HZ/25 = 40 ms; TCP_DELACK_MAX = HZ/5 = 200 ms. */
const DELACK_MAX_US = 200_000;
/** SYN cookies stay valid for about two minutes (MAX_SYNCOOKIE_AGE, net/ipv4/syncookies.c). */
const COOKIE_MAX_AGE_US = 120_000_000;

/**
 * The listener for a segment to ip:port (__inet_lookup_listener, net/ipv4/inet_hashtables.c;
 * inet6_lookup_listener, net/ipv6/inet6_hashtables.c): the bound address first, then the
 * wildcard. An IPv6 segment finds AF_INET6 listeners only. An IPv4 segment also finds AF_INET6
 * ones bound to `::` or to its v4-mapped address unless IPV6_V6ONLY (kernel fact 12: a V6ONLY
 * `[::]` listener refuses an IPv4 client); compute_score() ranks AF_INET above them.
 */
export function findListener(host: Host, ip: string, port: number): Sock | null {
  const v6 = isV6(ip);
  let mapped: Sock | null = null;
  let wild4: Sock | null = null;
  let wild6: Sock | null = null;
  for (const l of host.listeners) {
    if (l.state !== "LISTEN" || l.lport !== port) continue;
    if (v6) {
      if (l.family !== 6) continue;
      if (l.lip === ip) return l;
      if (l.lip === "::" && wild6 === null) wild6 = l;
      continue;
    }
    if (l.family === 6 && l.v6only) continue;
    if (l.lip === ip) {
      if (l.family !== 6) return l;
      if (mapped === null) mapped = l;
    } else if (l.lip === "0.0.0.0") {
      if (wild4 === null) wild4 = l;
    } else if (l.lip === "::" && wild6 === null) wild6 = l;
  }
  return mapped ?? wild4 ?? wild6;
}

export function acceptQueueFull(l: Sock): boolean {
  // Linux sk_acceptq_is_full(): ack_backlog > max_ack_backlog, so listen(B) holds B+1
  // (kernel facts 04a-backlog-B0/B2/B5 and 04b: Recv-Q reaches B+1).
  return l.host.p.profile === "linux" ? l.acceptQ.length > l.backlog : l.acceptQ.length >= Math.max(1, l.backlog);
}

/** Entry point: a segment reaches `host`. */
export function tcpRcv(w: World, host: Host, seg: Seg): void {
  const s = lookupEstablished(host, seg.dstIp, seg.dstPort, seg.srcIp, seg.srcPort);
  if (s) {
    if (!s.flow) s.flow = seg.flow;
    if (s.isReq) return reqRcv(w, s, seg);
    if (s.state === "TIME-WAIT") return timeWaitRcv(w, s, seg);
    if (s.state === "SYN-SENT") return synSentRcv(w, s, seg);
    return establishedRcv(w, s, seg);
  }
  const l = findListener(host, seg.dstIp, seg.dstPort);
  if (l) return listenRcv(w, l, seg, null);
  noSocket(w, host, seg);
}

function noSocket(w: World, host: Host, seg: Seg): void {
  if (seg.flags & F_RST) return;
  const dst = endpoint(seg.dstIp, seg.dstPort);
  if (seg.flags & F_SYN && !(seg.flags & F_ACK)) note(w, host, null, "rst-refused", { dst });
  else note(w, host, null, "rst-no-socket", { dst, src: endpoint(seg.srcIp, seg.srcPort) });
  sendResetFor(w, host, seg);
}

// ---------------------------------------------------------------------------------------------
// LISTEN

/**
 * Notes about a listener's queues are written for every segment, except that for spoofed
 * flood SYNs only the first of each kind per listener is, to keep traces readable. Asked
 * before the note's parameters are built, so a suppressed note costs nothing.
 */
function listenerNoteDue(l: Sock, seg: Seg, code: NoteCode): boolean {
  if (seg.ev?.from !== "flood") return true;
  if (!l.floodNoted) l.floodNoted = new Set();
  if (l.floodNoted.has(code)) return false;
  l.floodNoted.add(code);
  return true;
}

/**
 * A segment for a listening socket. `twIsn` is set when a SYN recycled a TIME-WAIT socket
 * (tcp_timewait_state_process → TCP_TW_SYN): such SYNs skip the queue checks ("TW buckets are
 * converted to open requests without limitations").
 * @see net/ipv4/tcp_input.c tcp_conn_request()
 */
export function listenRcv(w: World, l: Sock, seg: Seg, twIsn: number | null): void {
  const host = l.host;
  const p = host.p;
  const c = host.counters;
  const linux = p.profile === "linux";
  if (seg.flags & F_RST) return;
  if (seg.flags & F_ACK) {
    if (!(seg.flags & F_SYN) && cookieCheck(w, l, seg)) return;
    // tcp_rcv_state_process, case TCP_LISTEN: "if (th->ack) return 1" ⇒ RST.
    noSocket(w, host, seg);
    return;
  }
  if (!(seg.flags & F_SYN)) return;

  const syncookies = linux ? p.sys.tcp_syncookies : 0;
  // inet_csk_reqsk_queue_is_full(): qlen > max_ack_backlog on 6.18 — observed here on loopback:
  // listen(8) kept 9 SYN-RECV requests under a spoofed flood, listen(0) kept 1.
  const reqFull = linux ? l.synQLen > l.backlog : l.synQLen >= p.sys.tcp_max_syn_backlog;
  let wantCookie = false;
  if (twIsn === null && (syncookies === 2 || reqFull)) {
    if (syncookies) {
      wantCookie = true;
      c.TcpExtTCPReqQFullDoCookies++;
    } else {
      c.TcpExtTCPReqQFullDrop++;
      c.TcpExtListenDrops++;
      markDropped(seg, "syn-queue-full");
      if (listenerNoteDue(l, seg, "syn-dropped-syn-queue-full")) note(w, host, l, "syn-dropped-syn-queue-full", { listener: l.id, len: l.synQLen });
      return;
    }
  }
  if (acceptQueueFull(l)) {
    c.TcpExtListenOverflows++;
    c.TcpExtListenDrops++;
    markDropped(seg, "accept-queue-full");
    if (listenerNoteDue(l, seg, "syn-dropped-accept-queue-full"))
      note(w, host, l, "syn-dropped-accept-queue-full", { listener: l.id, len: l.acceptQ.length, backlog: l.backlog });
    return;
  }
  if (!wantCookie && twIsn === null && linux) {
    const max = p.sys.tcp_max_syn_backlog;
    // "Without syncookies last quarter of backlog is filled with destinations proven to be
    // alive" — observed: tcp_max_syn_backlog=16, listen(100), syncookies=0 ⇒ 13 SYN-RECV.
    if (!syncookies && max - l.synQLen < max >> 2 && !host.provenPeers.includes(seg.srcIp)) {
      c.TcpExtListenDrops++;
      markDropped(seg, "syn-backlog-quarter");
      if (listenerNoteDue(l, seg, "syn-dropped-backlog-quarter")) note(w, host, l, "syn-dropped-backlog-quarter", { max, len: l.synQLen });
      return;
    }
  }
  if (wantCookie) {
    // hash32(`${srcIp}:${srcPort}>${dstIp}:${dstPort}`, seed ^ seq), hashed part by part
    // instead of building the string for every SYN of a flood.
    let h = fnv1a(fnvBasis(w.sc.seed ^ seg.seq), seg.srcIp);
    h = fnv1aUint(fnv1a(h, ":"), seg.srcPort);
    h = fnv1a(fnv1a(h, ">"), seg.dstIp);
    const iss = fnv1aUint(fnv1a(h, ":"), seg.dstPort);
    // Keyed by the peer's "ip:port" (the segment's source endpoint, already built for the trace).
    if (!l.cookies) l.cookies = { slot: new Map(), iss: [], irs: [], at: [] };
    const jar = l.cookies;
    const i = jar.slot.get(seg.srcEp);
    if (i === undefined) {
      jar.slot.set(seg.srcEp, jar.iss.length);
      jar.iss.push(iss);
      jar.irs.push(seg.seq);
      jar.at.push(w.now);
    } else {
      jar.iss[i] = iss;
      jar.irs[i] = seg.seq;
      jar.at[i] = w.now;
    }
    c.TcpExtSyncookiesSent++;
    if (listenerNoteDue(l, seg, "syncookie-sent")) note(w, host, l, "syncookie-sent", { listener: l.id, reason: syncookies === 2 ? "always" : "full" });
    xmit(w, host, null, seg.dstIp, seg.dstPort, seg.srcIp, seg.srcPort, F_SYN | F_ACK, iss, seqAdd(seg.seq, 1), 0, null, false, undefined, seg);
    return;
  }

  const r = childSocket(l, seg);
  r.isReq = true;
  r.lingerOn = l.lingerOn;
  r.lingerSec = l.lingerSec;
  r.iss = twIsn ?? w.rng.next();
  r.irs = seg.seq;
  // Timestamps are used when both ends offer them (tcp_openreq_init: tstamp_ok).
  r.tsOk = linux && p.sys.tcp_timestamps === 1 && seg.tsval >= 0;
  r.sackOk = linux && p.sys.tcp_sack === 1 && seg.sackOk;
  r.wscaleOk = linux && p.sys.tcp_window_scaling === 1 && seg.wscaleOk;
  if (r.tsOk) r.tsRecent = seg.tsval;
  r.rcvNxt = seqAdd(seg.seq, 1);
  r.sndUna = r.iss;
  r.sndSml = r.iss;
  r.sndNxt = seqAdd(r.iss, 1);
  r.writeSeq = r.sndNxt;
  setState(w, r, "SYN-RECEIVED", "rcv-syn");
  hashConn(r, seg);
  l.synQLen++;
  l.synQYoung++;
  sendSynAck(w, r, false);
  // reqsk timer: TCP_TIMEOUT_INIT << num_timeout (inet_connection_sock.c reqsk_timer_handler).
  setTimer(w, r, "rtx", p.rtoInitUs, 0);
}

/**
 * A new socket for a connection arriving at listener `l`, as inet_csk_clone_lock() makes it
 * (net/ipv4/inet_connection_sock.c): the segment's addresses, the listener's options, and the
 * listener's state until the caller moves it on.
 */
function childSocket(l: Sock, seg: Seg): Sock {
  l.childCounter++;
  // Unique without a check: see uniqueId() in tcp-output.ts.
  const s = newSock(l.host, `${l.id}#${l.childCounter}`, null);
  s.listener = l;
  // The child is a clone of the listener (sk_clone_lock): same family, same IPV6_V6ONLY.
  s.family = l.family;
  s.v6only = l.v6only;
  s.lip = seg.dstIp;
  s.lport = seg.dstPort;
  s.rip = seg.srcIp;
  s.rport = seg.srcPort;
  s.reuse = l.reuse;
  s.nodelay = l.nodelay;
  s.state = "LISTEN";
  s.flow = seg.flow;
  return s;
}

/** A third-handshake ACK carrying a SYN cookie (cookie_v4_check, net/ipv4/syncookies.c). */
function cookieCheck(w: World, l: Sock, seg: Seg): boolean {
  const host = l.host;
  const c = host.counters;
  const jar = l.cookies;
  if (host.p.profile !== "linux" || !host.p.sys.tcp_syncookies || !jar || jar.slot.size === 0) return false;
  const key = seg.srcEp;
  const i = jar.slot.get(key);
  const iss = i === undefined ? 0 : (jar.iss[i] as number);
  const irs = i === undefined ? 0 : (jar.irs[i] as number);
  if (i === undefined || seg.ack !== seqAdd(iss, 1) || seg.seq !== seqAdd(irs, 1) || w.now - (jar.at[i] as number) > COOKIE_MAX_AGE_US) {
    c.TcpExtSyncookiesFailed++;
    return false;
  }
  c.TcpExtSyncookiesRecv++;
  if (acceptQueueFull(l)) {
    // tcp_v4_syn_recv_sock fails the same way for cookie children: the ACK is lost, the client
    // (ESTABLISHED already) retransmits its data, and the cookie is checked again.
    c.TcpExtListenOverflows++;
    c.TcpExtListenDrops++;
    markDropped(seg, "accept-queue-full");
    note(w, host, l, "syn-dropped-accept-queue-full", { listener: l.id, len: l.acceptQ.length, backlog: l.backlog });
    return true;
  }
  jar.slot.delete(key);
  const s = childSocket(l, seg);
  s.iss = iss;
  s.irs = irs;
  s.tsOk = host.p.sys.tcp_timestamps === 1 && seg.tsval >= 0;
  s.wscaleOk = host.p.sys.tcp_window_scaling === 1 && seg.wscaleOk;
  if (s.tsOk) s.tsRecent = seg.tsval;
  s.rcvNxt = seqAdd(irs, 1);
  s.sndUna = seqAdd(iss, 1);
  s.sndSml = s.sndUna;
  s.sndNxt = s.sndUna;
  s.writeSeq = s.sndUna;
  note(w, host, s, "syncookie-accepted", { socket: s.id });
  becomeChild(w, l, s, seg);
  return true;
}

/** A request socket (SYN-RECEIVED in the SYN queue) gets a segment. @see tcp_check_req() */
function reqRcv(w: World, r: Sock, seg: Seg): void {
  const host = r.host;
  const c = host.counters;
  const l = r.listener as Sock;
  if (l.state !== "LISTEN") {
    // The listener was closed: drop the request and look the segment up again (no socket ⇒ RST).
    tcpDone(w, r, "abort");
    tcpRcv(w, host, seg);
    return;
  }
  if (seg.flags & F_RST) {
    tcpDone(w, r, "rcv-rst");
    return;
  }
  if (seg.flags & F_SYN) {
    if (!(seg.flags & F_ACK) && seg.seq === r.irs) {
      // A retransmitted SYN: answer with the SYN-ACK again (inet_rtx_syn_ack, num_retrans++);
      // tcp_check_req keeps its TSval as the request's ts_recent.
      if (r.tsOk && seg.tsval >= 0) r.tsRecent = seg.tsval;
      r.totalRetrans++;
      sendSynAck(w, r, true);
      c.TcpExtTCPSynRetrans++;
      return;
    }
    sendResetFor(w, host, seg, r);
    tcpDone(w, r, "rcv-syn");
    return;
  }
  if (!(seg.flags & F_ACK)) return;
  if (seg.ack !== seqAdd(r.iss, 1)) {
    sendResetFor(w, host, seg, r);
    return;
  }
  // tcp_check_req(): an in-sequence segment's TSval becomes the request's ts_recent.
  if (r.tsOk && seg.tsval >= 0 && !after(seg.seq, r.rcvNxt)) r.tsRecent = seg.tsval;
  if (acceptQueueFull(l)) {
    c.TcpExtListenOverflows++;
    c.TcpExtListenDrops++;
    markDropped(seg, "accept-queue-full");
    if (host.p.profile === "linux" && host.p.sys.tcp_abort_on_overflow) {
      note(w, host, r, "abort-on-overflow-rst", { socket: r.id });
      sendResetFor(w, host, seg, r);
      tcpDone(w, r, "accept-queue-overflow");
      return;
    }
    // tcp_check_req, listen_overflow: "inet_rsk(req)->acked = 1; return NULL;" — the request
    // stays, its timer keeps retransmitting SYN-ACKs, and the client's reply to one of them
    // completes the handshake once accept() has made room.
    r.reqAcked = true;
    note(w, host, r, "ack-dropped-accept-queue-full", { socket: r.id });
    return;
  }
  cancelTimer(w, r, "rtx");
  r.isReq = false;
  l.synQLen--;
  if (r.numTimeout === 0) l.synQYoung--;
  synAckRttMeas(w, r, seg);
  becomeChild(w, l, r, seg);
}

/**
 * tcp_synack_rtt_meas() (net/ipv4/tcp_input.c): the passive side's first RTT sample. A SYN-ACK
 * sent once is timed in µs; after a retransmitted SYN-ACK (Karn) the sample comes from the
 * timestamp the ACK echoes — the client's ts_recent, the TSval of the first SYN-ACK it got,
 * since a retransmitted SYN-ACK reaching an established client only draws a challenge ACK. So
 * a handshake that completed late (final ACK dropped while the accept queue was full) starts
 * the connection with SRTT = that wait and RTO = 3 × it (capped at tcp_rto_max).
 */
function synAckRttMeas(w: World, r: Sock, seg: Seg): void {
  if (r.totalRetrans === 0) rttSample(r, w.now - r.lastSynAckAt);
  else if (r.host.p.profile === "linux" && r.tsOk && seg.tsecr > 0) rttSample(r, Math.max(1, Math.floor(w.now / 1000) - seg.tsecr) * 1000);
  r.totalRetrans = 0;
}

/** The handshake completed on the passive side: the child joins the accept queue. */
function becomeChild(w: World, l: Sock, s: Sock, seg: Seg): void {
  const host = l.host;
  s.sndUna = seg.ack;
  s.bound = true;
  s.sockState = 2;
  setState(w, s, "ESTABLISHED", "rcv-ack");
  host.counters.TcpPassiveOpens++;
  if (!host.provenPeers.includes(s.rip)) host.provenPeers.push(s.rip);
  s.inAcceptQueue = true;
  if (l.acceptQ === NONE) l.acceptQ = [];
  l.acceptQ.push(s);
  // A request socket is already hashed under this 4-tuple (listenRcv), with the same
  // endpoints and MSS; a cookie child (cookieCheck) is new and not hashed yet.
  if (!s.hashed) hashConn(s, seg);
  if (seg.len > 0 || seg.flags & F_FIN) dataQueue(w, s, seg);
  // The first blocked accept(), found with a loop rather than find() and a closure per child.
  for (const waiter of l.waiters) {
    if (waiter.kind === "accept") {
      completeAccept(w, l, waiter);
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SYN-SENT

/**
 * A blocking connect() returns 0 and marks the socket SS_CONNECTED; after a non-blocking one
 * the socket stays SS_CONNECTING until connect() is called again (which then returns 0 —
 * observed on 6.18: EINPROGRESS, 0, EISCONN).
 */
function wakeConnect(w: World, s: Sock): void {
  for (let i = nextWaiter(s, "connect", 0); i >= 0; i = nextWaiter(s, "connect", i)) {
    s.sockState = 2;
    wake(w, s, s.waiters[i] as Waiter, 0, null);
  }
}

/** @see tcp_rcv_synsent_state_process(); RFC 9293 §3.10.7.3 */
function synSentRcv(w: World, s: Sock, seg: Seg): void {
  const host = s.host;
  if (seg.flags & F_ACK) {
    if (!after(seg.ack, s.iss) || after(seg.ack, s.sndNxt)) {
      sendResetFor(w, host, seg, s);
      return;
    }
    if (seg.flags & F_RST) {
      // Connection refused (kernel fact 05): tcp_reset sets ECONNREFUSED in SYN-SENT.
      s.err = "ECONNREFUSED";
      tcpDone(w, s, "rcv-rst");
      return;
    }
    if (!(seg.flags & F_SYN)) return;
    s.irs = seg.seq;
    s.rcvNxt = seqAdd(seg.seq, 1);
    cancelTimer(w, s, "rtx");
    // Timestamps only if the SYN-ACK carries them too (tcp_rcv_synsent_state_process).
    s.tsOk = s.tsOk && seg.tsval >= 0;
    s.sackOk = s.sackOk && seg.sackOk;
    s.wscaleOk = s.wscaleOk && seg.wscaleOk;
    if (s.tsOk) s.tsRecent = seg.tsval;
    syncMss(s);
    sampleForAck(w, s, seg.ack, s.totalRetrans > 0, seg.tsecr);
    s.totalRetrans = 0;
    s.sndUna = seg.ack;
    s.retransmits = 0;
    s.backoff = 0;
    s.retransStamp = 0;
    setState(w, s, "ESTABLISHED", "rcv-synack");
    // A sender blocked waiting for the connection (sk_write_pending) gets its data out with the
    // ACK; otherwise the third segment is a pure ACK sent at once.
    wakeConnect(w, s);
    const sent = w.segCount;
    if (hasWaiter(s, "send")) flushPendingSends(w, s);
    if (w.segCount === sent) sendAck(w, s);
    return;
  }
  if (seg.flags & F_RST) return;
  if (seg.flags & F_SYN) {
    // Crossing SYNs (simultaneous open, RFC 9293 §3.5 figure 8; also self-connect, fact 07a).
    s.irs = seg.seq;
    s.rcvNxt = seqAdd(seg.seq, 1);
    setState(w, s, "SYN-RECEIVED", "rcv-syn");
    sendSynAck(w, s, false);
  }
}

// ---------------------------------------------------------------------------------------------
// Synchronized states (and SYN-RECEIVED of a simultaneous open)

/** A valid RST (tcp_reset): the error a program sees depends on the state. */
export function tcpReset(w: World, s: Sock): void {
  if (!s.orphan) s.err = s.state === "SYN-SENT" ? "ECONNREFUSED" : s.state === "CLOSE-WAIT" ? "EPIPE" : "ECONNRESET";
  s.sndQ = [];
  tcpDone(w, s, "rcv-rst");
}

function orphanFinTimeoutUs(s: Sock): number {
  // tcp_fin_time(): max(tcp_fin_timeout, 3.5 × RTO)
  const p = s.host.p;
  const rto = s.rto;
  return Math.max(p.sys.tcp_fin_timeout * 1_000_000, 4 * rto - (rto >> 1));
}

function establishedRcv(w: World, s: Sock, seg: Seg): void {
  const host = s.host;
  const flags = seg.flags;
  const fin = flags & F_FIN ? 1 : 0;
  const endSeq = seqAdd(seg.seq, seg.len + fin + (flags & F_SYN ? 1 : 0));
  // 1. Acceptability (tcp_sequence): anything ending before RCV.NXT or starting past the window.
  if (before(endSeq, s.rcvNxt) || after(seg.seq, seqAdd(s.rcvNxt, RCV_WND))) {
    if (!(flags & F_RST)) sendOowAck(w, s);
    return;
  }
  // 2. RST: only an exact RCV.NXT match resets; others get a challenge ACK (RFC 5961 §3.2).
  if (flags & F_RST) {
    if (seg.seq === s.rcvNxt) tcpReset(w, s);
    else sendOowAck(w, s);
    return;
  }
  // 3. SYN in a synchronized state: challenge ACK (RFC 5961 §4). The exception is the peer's
  // SYN-ACK reaching our SYN-RECEIVED in a simultaneous open.
  if (flags & F_SYN) {
    const pass = s.state === "SYN-RECEIVED" && flags & F_ACK && seqAdd(seg.seq, 1) === s.rcvNxt && seg.ack === s.sndNxt;
    if (!pass) {
      note(w, host, s, "challenge-ack", { socket: s.id });
      sendOowAck(w, s);
      return;
    }
  }
  // tcp_replace_ts_recent(): remember the peer's TSval from segments at or before rcv_wup.
  if (s.tsOk && seg.tsval >= 0 && !after(seg.seq, s.rcvWup)) s.tsRecent = seg.tsval;
  // 4. ACK
  if (!(flags & F_ACK)) return;
  if (s.state === "SYN-RECEIVED") {
    if (!after(seg.ack, s.sndUna) || after(seg.ack, s.sndNxt)) {
      sendResetFor(w, host, seg, s);
      return;
    }
    cancelTimer(w, s, "rtx");
    sampleForAck(w, s, seg.ack, s.totalRetrans > 0, seg.tsecr);
    s.totalRetrans = 0;
    s.sndUna = seg.ack;
    s.retransmits = 0;
    s.backoff = 0;
    setState(w, s, "ESTABLISHED", flags & F_SYN ? "rcv-synack" : "rcv-ack");
    wakeConnect(w, s);
    if (flags & F_SYN) {
      // The SYN-ACK's sequence number is already acknowledged, so tcp_data_queue treats it as
      // a retransmission and ACKs at once — observed on 6.18 loopback with crossing SYNs:
      // SYN, SYN, SYN-ACK, SYN-ACK, ACK, ACK.
      sendAck(w, s);
      flushPendingSends(w, s);
      return;
    }
    flushPendingSends(w, s);
  } else {
    if (after(seg.ack, s.sndNxt)) {
      sendOowAck(w, s);
      return;
    }
    if (after(seg.ack, s.sndUna)) ackAdvance(w, s, seg.ack, seg.tsecr);
  }
  const finAcked = s.finQueued && after(s.sndUna, s.finSeq);
  if (finAcked) {
    if (s.state === "FIN-WAIT-1") {
      setState(w, s, "FIN-WAIT-2", "rcv-ack");
      cancelTimer(w, s, "rtx");
      if (s.orphan && host.p.profile === "linux") {
        if (seg.len > 0 && after(seqAdd(seg.seq, seg.len), s.rcvNxt)) {
          dataAfterClose(w, s, seg);
          return;
        }
        // Orphaned FIN-WAIT-2 lives tcp_fin_timeout (tcp_rcv_state_process, TCP_FIN_WAIT1);
        // `ss` shows "FIN-WAIT-2 timer:(timewait,59sec,0)" (kernel fact 02b).
        if (!fin) setTimeWaitTimer(w, s, "fin-wait-2", orphanFinTimeoutUs(s));
      }
    } else if (s.state === "CLOSING") {
      enterTimeWait(w, s, "rcv-ack");
      return;
    } else if (s.state === "LAST-ACK") {
      tcpDone(w, s, "rcv-ack");
      return;
    }
  }
  // 5. Segment text and FIN
  switch (s.state) {
    case "CLOSE-WAIT":
    case "CLOSING":
    case "LAST-ACK":
      if (!before(seg.seq, s.rcvNxt)) return;
      break;
    case "FIN-WAIT-1":
    case "FIN-WAIT-2":
      // RFC 1122 §4.2.2.13: data after the application closed ⇒ RST (tcp_rcv_state_process).
      if (s.rcvShutdown && seg.len > 0 && after(seqAdd(seg.seq, seg.len), s.rcvNxt)) {
        dataAfterClose(w, s, seg);
        return;
      }
      break;
    default:
      break;
  }
  if (seg.len > 0 || fin) dataQueue(w, s, seg);
}

function dataAfterClose(w: World, s: Sock, seg: Seg): void {
  s.host.counters.TcpExtTCPAbortOnData++;
  note(w, s.host, s, "rst-data-after-close", { socket: s.id });
  tcpReset(w, s);
  sendResetFor(w, s.host, seg, s);
}

/** New data acknowledged (tcp_ack + tcp_clean_rtx_queue). */
function ackAdvance(w: World, s: Sock, ack: number, tsecr: number): void {
  const acked = (ack - s.sndUna) >>> 0;
  sampleForAck(w, s, ack, s.retransOut > 0, tsecr);
  s.sndUna = ack;
  trimSndQ(s);
  s.retransmits = 0;
  s.backoff = 0;
  s.retransStamp = 0;
  s.retransOut = 0;
  s.cwnd = Math.min(s.cwnd + Math.ceil(acked / s.mss), 1000);
  // tcp_process_tlp_ack(): the probe episode ends once its snd_nxt is acknowledged; loss
  // recovery ends once everything outstanding at the RTO is (tcp_fastretrans_alert → Open).
  if (s.tlpHighSeq >= 0 && !before(ack, s.tlpHighSeq)) s.tlpHighSeq = -1;
  if (s.caLoss && !before(ack, s.lossHigh)) s.caLoss = false;
  // The head's last transmission, for the RTO left when a probe is replaced (tcp_rto_delta_us).
  if (s.txLog.length > 0) s.rtxArmedAt = s.txLog[1] as number;
  if (s.sndUna === s.sndNxt) cancelTimer(w, s, "rtx");
  else setXmitTimer(w, s);
  tcpPush(w, s);
}

/** tcp_event_data_recv: adapt the delayed-ACK timeout (ato) to the arrival pattern. */
function eventDataRecv(w: World, s: Sock): void {
  const atoMin = s.host.p.delackUs;
  if (s.ato === 0) {
    s.quick = MAX_QUICKACKS;
    s.ato = atoMin;
  } else {
    const m = w.now - s.lrcvtime;
    if (m <= atoMin / 2) s.ato = (s.ato >> 1) + atoMin / 2;
    else if (m < s.ato) s.ato = Math.min((s.ato >> 1) + m, s.rto);
    else if (m > s.rto) s.quick = MAX_QUICKACKS;
  }
  s.lrcvtime = w.now;
}

function deliver(w: World, s: Sock, len: number, text: string | null): void {
  s.rcvQ.push({ len, text });
  s.rcvQBytes += len;
  s.rcvNxt = seqAdd(s.rcvNxt, len);
  s.rcvUnacked += len;
  if (len > s.rcvMss) s.rcvMss = Math.min(len, s.mss);
  eventDataRecv(w, s);
}

/** tcp_data_queue + tcp_fin + __tcp_ack_snd_check. */
function dataQueue(w: World, s: Sock, seg: Seg): void {
  const fin = seg.flags & F_FIN ? 1 : 0;
  const endSeq = seqAdd(seg.seq, seg.len + fin);
  if (!after(endSeq, s.rcvNxt)) {
    // A retransmission of something we have: ACK at once (tcp_enter_quickack_mode).
    note(w, s.host, s, "duplicate-ignored", { socket: s.id });
    sendAck(w, s);
    return;
  }
  if (after(seg.seq, s.rcvNxt)) {
    // Out of order: keep it and send a duplicate ACK immediately.
    if (!s.ofo.some((o) => o.seq === seg.seq && o.len === seg.len)) {
      if (s.ofo === NONE) s.ofo = [];
      s.ofo.push(seg);
    }
    s.ackScheduled = true;
    sendAck(w, s);
    return;
  }
  let gotData = false;
  let gotFin = false;
  const take = (x: Seg): void => {
    const cut = (s.rcvNxt - x.seq) >>> 0;
    const len = x.len - cut;
    if (len > 0) {
      deliver(w, s, len, x.text === null ? null : x.text.slice(cut));
      gotData = true;
    }
    if (x.flags & F_FIN) {
      s.rcvNxt = seqAdd(s.rcvNxt, 1);
      gotFin = true;
    }
  };
  take(seg);
  while (!gotFin && s.ofo.length > 0) {
    const i = s.ofo.findIndex((o) => !after(o.seq, s.rcvNxt));
    if (i < 0) break;
    const o = s.ofo.splice(i, 1)[0] as Seg;
    if (after(seqAdd(o.seq, o.len + (o.flags & F_FIN ? 1 : 0)), s.rcvNxt)) take(o);
  }
  s.ackScheduled = true;
  if (gotData) feedReaders(w, s);
  let acked = false;
  if (gotFin) acked = tcpFin(w, s);
  if (!acked && s.ackScheduled && s.state !== "CLOSED" && s.state !== "TIME-WAIT") ackSndCheck(w, s);
}

/** tcp_fin(): returns true when it already sent the ACK. */
function tcpFin(w: World, s: Sock): boolean {
  s.rcvShutdown = true;
  s.finReceived = true;
  let acked = false;
  switch (s.state) {
    case "SYN-RECEIVED":
    case "ESTABLISHED":
      setState(w, s, "CLOSE-WAIT", "rcv-fin");
      // inet_csk_enter_pingpong_mode: the ACK of a FIN is delayed, hoping to ride on our FIN.
      if (s.host.p.profile === "linux") s.pingpong = true;
      break;
    case "FIN-WAIT-1":
      sendAck(w, s);
      acked = true;
      setState(w, s, "CLOSING", "rcv-fin");
      break;
    case "FIN-WAIT-2":
      sendAck(w, s);
      acked = true;
      enterTimeWait(w, s, "rcv-fin");
      break;
    default:
      break;
  }
  feedReaders(w, s);
  return acked;
}

/** Send the ACK now or arm the delayed-ACK timer (__tcp_ack_snd_check, tcp_send_delayed_ack). */
function ackSndCheck(w: World, s: Sock): void {
  const p = s.host.p;
  if (p.profile === "rfc9293" || s.rcvUnacked > s.rcvMss || (s.quick > 0 && !s.pingpong) || s.ofo.length > 0) {
    sendAck(w, s);
    return;
  }
  if (s.delackAt >= 0) return;
  // ato = 0 (no data received yet, e.g. a bare FIN) fires on the next jiffy: kernel facts 02b
  // and 02c show the FIN's ACK 1.8 ms and 3.0 ms later; once data has flowed, ato ≥ 40 ms
  // (fact 06: 41.7 ms).
  const timeout = s.ato === 0 ? 0 : Math.min(s.ato, DELACK_MAX_US);
  setTimer(w, s, "delack", timeout);
}

// ---------------------------------------------------------------------------------------------
// TIME-WAIT

/** @see tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c) */
function timeWaitRcv(w: World, s: Sock, seg: Seg): void {
  const host = s.host;
  const p = host.p;
  const flags = seg.flags;
  const bare = seg.len === 0 && !(flags & (F_SYN | F_FIN));
  if (seg.seq === s.rcvNxt && (bare || flags & F_RST)) {
    if (flags & F_RST) {
      if (p.profile === "rfc9293" || !p.sys.tcp_rfc1337) {
        note(w, host, s, "time-wait-assassinated", { socket: s.id });
        tcpDone(w, s, "rcv-rst");
      }
      return;
    }
    restartTimeWait(w, s);
    return;
  }
  if (flags & F_SYN && !(flags & (F_RST | F_ACK))) {
    // A new SYN for this 4-tuple (with timestamps it is always newer): the TIME-WAIT socket is
    // recycled into a new request whose ISN is tw_snd_nxt + 65535 + 2.
    const l = findListener(host, seg.dstIp, seg.dstPort);
    if (l) {
      tcpDone(w, s, "rcv-syn");
      listenRcv(w, l, seg, seqAdd(s.sndNxt, 65537));
      return;
    }
  }
  if (!(flags & F_RST)) {
    if (flags & F_ACK) restartTimeWait(w, s);
    sendOowAck(w, s);
  }
}

/** A retransmitted FIN (our last ACK was lost) restarts TIME-WAIT (RFC 9293 §3.10.7.4). */
function restartTimeWait(w: World, s: Sock): void {
  setTimeWaitTimer(w, s, "time-wait", s.host.p.timeWaitUs);
}

