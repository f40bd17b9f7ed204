/**
 * Socket creation, segment output (SYN, SYN-ACK, ACK, data, FIN, RST), RTT/RTO bookkeeping
 * and tearing a socket down. Mirrors net/ipv4/tcp_output.c and parts of tcp.c / tcp_input.c.
 */
import type { StateCause, TcpState } from "./types";
import type { DataChunk, Host, Sock, World } from "./internal";
import { F_ACK, F_FIN, F_PSH, F_RST, F_SYN, after, seqAdd } from "./internal";
import { cancelAllTimers, cancelTimer, setState, setTimer, wake, xmit } from "./world";

/** A socket id not used before on this host: `base`, else `base~2`, `base~3`, … */
export function uniqueId(host: Host, base: string): string {
  let id = base;
  for (let n = 2; host.usedIds.has(id); n++) id = `${base}~${n}`;
  host.usedIds.add(id);
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
    lip: "0.0.0.0",
    lport: 0,
    rip: "0.0.0.0",
    rport: 0,
    bound: false,
    portLocked: false,
    connKey: null,
    peerKey: null,
    srcEp: "",
    dstEp: "",
    flow: null,
    reuse: false,
    lingerOn: false,
    lingerSec: 0,
    nodelay: false,
    sockState: 0,
    backlog: 0,
    acceptQ: [],
    synQLen: 0,
    synQYoung: 0,
    childCounter: 0,
    cookies: null,
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
    ofo: [],
    rcvUnacked: 0,
    rcvShutdown: false,
    finReceived: false,
    sndShutdown: false,
    orphan: false,
    err: null,
    cwnd: 10,
    srtt: 0,
    rttvar: 0,
    rto: p.rtoInitUs,
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
    tRtx: { at: -1, gen: 0 },
    tDelack: { at: -1, gen: 0 },
    tWait: { at: -1, gen: 0 },
    waitKind: null,
    waitTotalUs: 0,
    waiters: [],
    freed: false,
  };
  host.socks.push(s);
  return s;
}

export const connKeyOf = (lip: string, lport: number, rip: string, rport: number): string =>
  `${lip}:${lport}>${rip}:${rport}`;

export function hashConn(s: Sock): void {
  s.connKey = connKeyOf(s.lip, s.lport, s.rip, s.rport);
  s.peerKey = connKeyOf(s.rip, s.rport, s.lip, s.lport);
  s.srcEp = `${s.lip}:${s.lport}`;
  s.dstEp = `${s.rip}:${s.rport}`;
  s.host.conns.set(s.connKey, s);
}

export function unhashConn(s: Sock): void {
  if (s.connKey !== null && s.host.conns.get(s.connKey) === s) s.host.conns.delete(s.connKey);
  s.connKey = null;
}

/** Take a socket off the host's tables once neither the kernel nor the app refers to it. */
export function maybeFree(s: Sock): void {
  if (s.freed || s.state !== "CLOSED" || s.handle !== null || s.inAcceptQueue) return;
  s.freed = true;
  s.bound = false;
  const i = s.host.socks.indexOf(s);
  if (i >= 0) s.host.socks.splice(i, 1);
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
  for (const wt of [...s.waiters]) {
    if (wt.kind === "recv") {
      if (s.rcvQBytes > 0) continue;
      const e = s.finReceived ? null : s.err;
      if (e) s.err = null;
      wake(w, s, wt, e ? null : 0, e);
    } else if (wt.kind === "connect" || wt.kind === "send") {
      const e = s.err ?? (wt.kind === "send" ? "EPIPE" : "ECONNABORTED");
      if (wt.kind === "connect") s.err = null;
      wake(w, s, wt, null, e);
    }
  }
  maybeFree(s);
}

// ---------------------------------------------------------------------------------------------
// RTT estimation (RFC 6298; Linux tcp_rtt_estimator keeps RTTVAR ≥ rto_min so that on a LAN
// RTO ≈ SRTT + 200 ms — kernel fact 02c shows "timer:on,144ms" shortly after sending a FIN).

export function rttSample(s: Sock, mUs: number): void {
  const m = Math.max(1, Math.round(mUs));
  const p = s.host.p;
  if (s.srtt === 0) {
    s.srtt = m;
    s.rttvar = m >> 1;
  } else {
    const err = Math.abs(s.srtt - m);
    s.rttvar = Math.round((3 * s.rttvar + err) / 4);
    s.srtt = Math.round((7 * s.srtt + m) / 8);
  }
  const rto = s.srtt + Math.max(4 * s.rttvar, p.profile === "linux" ? p.rtoMinUs : 0);
  s.rto = Math.min(Math.max(rto, p.rtoMinUs), p.rtoMaxUs);
}

/** Record a transmission ending at `end` (for RTT samples: timestamps make even retransmissions measurable). */
function logTx(w: World, s: Sock, end: number): void {
  s.txLog.push(end, w.now);
  if (s.txLog.length > 64) s.txLog.splice(0, 2);
}

/** RTT sample for an ACK covering up to `ack`: time since the latest transmission it acknowledges. */
export function sampleForAck(w: World, s: Sock, ack: number): void {
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
  s.txLog.length = keep;
  if (sentAt >= 0) {
    const retrans = s.retransmits > 0;
    // RFC 6298 §3 (Karn): the textbook profile takes no sample from retransmitted segments.
    if (!(retrans && s.host.p.profile === "rfc9293")) rttSample(s, w.now - sentAt);
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

/** Any segment carrying ACK cancels a pending delayed ACK (tcp_event_ack_sent). */
function ackSent(w: World, s: Sock): void {
  s.rcvUnacked = 0;
  // tcp_dec_quickack_mode: only ACKs that acknowledge new data use up a quick ACK.
  if (s.ackScheduled && s.quick > 0) s.quick--;
  s.ackScheduled = false;
  if (s.tDelack.at >= 0) cancelTimer(w, s, "delack");
}

export function sendFromSock(w: World, s: Sock, flags: number, seq: number, len: number, text: string | null, retrans: boolean): void {
  if (flags & F_ACK) ackSent(w, s);
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

export function armRtxIfNeeded(w: World, s: Sock): void {
  if (s.sndNxt !== s.sndUna && s.tRtx.at < 0) {
    s.rtxArmedAt = w.now;
    setTimer(w, s, "rtx", s.rto);
  }
}

/**
 * Send what the window, Nagle and the congestion window allow (tcp_write_xmit). A FIN rides on
 * the last data segment when both are pending (tcp_send_fin appends it to the tail skb).
 */
export function tcpPush(w: World, s: Sock): void {
  const mss = w.mss;
  for (;;) {
    const end = dataEnd(s);
    const avail = (end - s.sndNxt) | 0;
    if (avail > 0) {
      const inflight = (s.sndNxt - s.sndUna) | 0;
      if (inflight >= s.cwnd * mss) break;
      const len = Math.min(mss, avail);
      const withFin = s.finQueued && seqAdd(s.sndNxt, len) === s.finSeq;
      // Nagle with Minshall's variant (tcp_nagle_check): hold a small segment while an earlier
      // small one is unacknowledged. A segment carrying FIN is never held.
      if (!s.nodelay && len < mss && !withFin && after(s.sndSml, s.sndUna)) break;
      const { text, push } = slice(s, s.sndNxt, len);
      let flags = F_ACK;
      if (push || withFin) flags |= F_PSH;
      if (withFin) flags |= F_FIN;
      const seq = s.sndNxt;
      s.sndNxt = seqAdd(s.sndNxt, len + (withFin ? 1 : 0));
      if (len < mss) s.sndSml = seqAdd(seq, len);
      // Linux marks PSH only on data segments; a bare FIN rides without it.
      sendFromSock(w, s, flags, seq, len, text, false);
      continue;
    }
    if (s.finQueued && s.sndNxt === s.finSeq) {
      const seq = s.sndNxt;
      s.sndNxt = seqAdd(s.sndNxt, 1);
      sendFromSock(w, s, F_FIN | F_ACK, seq, 0, null, false);
      continue;
    }
    break;
  }
  armRtxIfNeeded(w, s);
}

/** Retransmit the head of the queue after an RTO (tcp_retransmit_skb on the first skb). */
export function retransmitHead(w: World, s: Sock): void {
  const mss = w.mss;
  const end = dataEnd(s);
  const sentDataEnd = after(s.sndNxt, end) ? end : s.sndNxt;
  const len = Math.max(0, Math.min(mss, (sentDataEnd - s.sndUna) | 0));
  const finSent = s.finQueued && after(s.sndNxt, s.finSeq);
  const withFin = finSent && seqAdd(s.sndUna, len) === s.finSeq;
  if (len === 0 && !withFin) return;
  const { text, push } = slice(s, s.sndUna, len);
  let flags = F_ACK;
  if (len > 0 && (push || withFin)) flags |= F_PSH;
  if (withFin) flags |= F_FIN;
  sendFromSock(w, s, flags, s.sndUna, len, text, true);
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
  if (i > 0) q.splice(0, i);
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
  if (s.tWait.at >= 0) cancelTimer(w, s, "wait");
  setState(w, s, "TIME-WAIT", cause);
  s.sndQ = [];
  s.twSince = w.now;
  setTimeWaitTimer(w, s, "time-wait", s.host.p.timeWaitUs);
}

export { F_ACK, F_FIN, F_PSH, F_RST, F_SYN };
