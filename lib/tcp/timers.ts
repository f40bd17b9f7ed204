/**
 * Timer expiry: SYN / SYN-ACK / data+FIN retransmission, delayed ACK, TIME-WAIT and orphaned
 * FIN-WAIT-2. @see net/ipv4/tcp_timer.c, net/ipv4/inet_connection_sock.c (reqsk_timer_handler)
 */
import type { Sock, World } from "./internal";
import type { SlotName } from "./world";
import { emit, hostWithIp, note, setTimer, timerIsLive, timerName } from "./world";
import { retransmitHead, sendAck, sendLossProbe, sendSyn, sendSynAck, tcpDone } from "./tcp-output";

/**
 * How long Linux keeps retransmitting before giving up, modelled on exponential backoff from
 * `rtoBase` (tcp_model_timeout in tcp_timer.c). The give-up check is time based
 * (retransmits_timed_out), so tcp_syn_linear_timeouts packs more SYNs into the same budget:
 * observed here on 6.18 loopback, tcp_syn_retries 1 ⇒ ETIMEDOUT at 3.07 s after SYNs at
 * 0, 1, 2 s; 2 ⇒ 7.1 s (SYNs at 0…5 s); 3 ⇒ 19.5 s (SYNs at 0…5, 7, 11 s); default 6 ⇒ 131 s.
 */
export function modelTimeoutUs(boundary: number, rtoBaseUs: number, rtoMaxUs: number): number {
  const thresh = Math.floor(Math.log2(rtoMaxUs / rtoBaseUs));
  if (boundary <= thresh) return ((2 << boundary) - 1) * rtoBaseUs;
  return ((2 << thresh) - 1) * rtoBaseUs + (boundary - thresh) * rtoMaxUs;
}

export function onTimer(w: World, s: Sock, slot: SlotName, gen: number): void {
  if (!timerIsLive(s, slot, gen)) return;
  const t = w.nowMs;
  const seqNo = w.events.length;
  const timer = timerName(s, slot);
  const retries = s.isReq ? s.numTimeout : slot === "rtx" ? s.retransmits : -1;
  emit(
    w,
    retries < 0
      ? { kind: "timer", t, seqNo, host: s.host.name, socket: s.id, timer, action: "fire" }
      : { kind: "timer", t, seqNo, host: s.host.name, socket: s.id, timer, action: "fire", retries },
  );
  if (slot === "rtx") {
    if (s.isReq) synAckTimer(w, s);
    else if (s.state === "SYN-SENT" || s.state === "SYN-RECEIVED") synTimer(w, s);
    else if (s.pending === "tlp") sendLossProbe(w, s);
    else dataTimer(w, s);
  } else if (slot === "delack") delackTimer(w, s);
  else waitTimer(w, s);
}

/**
 * reqsk_timer_handler: SYN-ACK at 0, then nominally 1, 3, 7, 15, 31 s; dropped after 5 retries,
 * nominally at 63 s, at 65.536 s once the timer wheel rounds each wait up (lib/tcp/jiffies.ts).
 */
function synAckTimer(w: World, r: Sock): void {
  const l = r.listener as Sock;
  const p = r.host.p;
  if (l.state !== "LISTEN") {
    tcpDone(w, r, "abort");
    return;
  }
  let max = p.sys.tcp_synack_retries;
  if (p.profile === "linux") {
    // "we reserve half of room for young embrions; and abort old ones without pity"
    const qlen = l.synQLen;
    if (qlen << 1 > Math.max(8, l.backlog)) {
      let young = l.synQYoung << 1;
      while (max > 2) {
        if (qlen < young) break;
        max--;
        young <<= 1;
      }
    }
  }
  if (r.numTimeout >= max) {
    // One note per listener for requests from spoofed flood sources, every one otherwise.
    const flood = hostWithIp(w, r.rip) === null;
    if (!flood || !l.floodNoted?.has("synack-retries-exhausted")) {
      if (flood) (l.floodNoted ??= new Set()).add("synack-retries-exhausted");
      note(w, r.host, r, "synack-retries-exhausted", { socket: r.id, retries: r.numTimeout });
    }
    tcpDone(w, r, "synack-timeout");
    return;
  }
  sendSynAck(w, r, true);
  r.totalRetrans++;
  r.host.counters.TcpExtTCPSynRetrans++;
  if (r.numTimeout++ === 0) l.synQYoung--;
  setTimer(w, r, "rtx", Math.min(p.rtoInitUs * 2 ** r.numTimeout, p.rtoMaxUs), r.numTimeout);
}

function synTimer(w: World, s: Sock): void {
  const host = s.host;
  const p = host.p;
  const c = host.counters;
  const expired =
    p.profile === "linux"
      ? s.retransmits > 0 && w.now - s.retransStamp >= modelTimeoutUs(p.sys.tcp_syn_retries, p.rtoInitUs, p.rtoMaxUs)
      : s.retransmits >= p.sys.tcp_syn_retries;
  if (expired) {
    note(w, host, s, "connect-timeout", { retries: s.retransmits });
    c.TcpExtTCPAbortOnTimeout++;
    s.err = "ETIMEDOUT";
    tcpDone(w, s, "timeout");
    return;
  }
  if (s.state === "SYN-SENT") sendSyn(w, s, true);
  else sendSynAck(w, s, true);
  s.totalRetrans++;
  c.TcpExtTCPSynRetrans++;
  c.TcpExtTCPTimeouts++;
  s.retransmits++;
  s.totalRto++;
  // tcp_retransmit_timer: SYN-SENT keeps the initial RTO for the first tcp_syn_linear_timeouts
  // retransmissions (kernel fact 04a-backlog-B2: SYNs at 0, 1.03, 2.05, 3.08, 4.10, 5.12,
  // 7.14, 11.27 s), then doubles; the textbook doubles from the start (RFC 6298 §5.5).
  const linear = p.profile === "linux" && s.state === "SYN-SENT" && s.totalRto <= p.sys.tcp_syn_linear_timeouts;
  if (!linear) {
    s.backoff++;
    s.rto = Math.min(s.rto * 2, p.rtoMaxUs);
  }
  setTimer(w, s, "rtx", s.rto, s.retransmits);
}

function dataTimer(w: World, s: Sock): void {
  if (s.sndUna === s.sndNxt) return;
  const host = s.host;
  const p = host.p;
  const c = host.counters;
  let retryUntil = p.sys.tcp_retries2;
  if (p.profile === "linux" && s.orphan) {
    // tcp_orphan_retries(): 0 means 8 while the RTO is below its maximum ("alive").
    const alive = s.rto < p.rtoMaxUs;
    retryUntil = p.sys.tcp_orphan_retries || (alive ? 8 : 0);
  }
  if (s.retransStamp === 0) s.retransStamp = s.rtxArmedAt;
  const expired =
    p.profile === "linux"
      ? s.retransmits > 0 && w.now - s.retransStamp >= modelTimeoutUs(retryUntil, p.rtoMinUs, p.rtoMaxUs)
      : s.retransmits >= retryUntil;
  if (expired) {
    note(w, host, s, "orphan-retries-exhausted", { socket: s.id, retries: s.retransmits });
    c.TcpExtTCPAbortOnTimeout++;
    s.err = "ETIMEDOUT";
    tcpDone(w, s, "timeout");
    return;
  }
  // tcp_retransmit_timer(): the loss probe episode ends, tcp_enter_loss() (no more probes until
  // everything sent so far is acknowledged), the head goes out again, then the RTO doubles —
  // observed on 6.18: data at 0, probe at +211 ms, RTOs +208, +428, +832, +1664, +3356 ms later.
  s.tlpHighSeq = -1;
  if (p.profile === "linux" && !s.caLoss) {
    s.caLoss = true;
    s.lossHigh = s.sndNxt;
  }
  retransmitHead(w, s);
  c.TcpExtTCPTimeouts++;
  s.retransmits++;
  s.backoff++;
  s.rto = Math.min(s.rto * 2, p.rtoMaxUs);
  s.cwnd = 1;
  s.pending = "rto";
  setTimer(w, s, "rtx", s.rto, s.retransmits);
}

/** tcp_delack_timer_handler: send the pending ACK; leave pingpong mode or inflate ato. */
function delackTimer(w: World, s: Sock): void {
  if (!s.ackScheduled || s.state === "CLOSED") return;
  if (s.pingpong) {
    s.pingpong = false;
    s.ato = s.host.p.delackUs;
  } else if (s.ato > 0) {
    s.ato = Math.min(s.ato * 2, s.rto);
  }
  sendAck(w, s);
}

function waitTimer(w: World, s: Sock): void {
  s.host.counters.TcpExtTW++;
  tcpDone(w, s, s.waitKind === "fin-wait-2" ? "fin-wait-2-timeout" : "time-wait-expired");
}
