/**
 * `ss -tan`-like snapshots of the simulated kernels' socket tables.
 */
import type { SocketSnapshot } from "./types";
import type { Sock, World } from "./internal";
import { isV6 } from "./addr";

/**
 * An address as `ss` prints it (iproute2 misc/ss.c inet_addr_print): IPv6 in brackets; the
 * IPv6 wildcard as `*` unless the socket is IPV6_V6ONLY (`[::]`); an AF_INET6 socket's IPv4
 * peer v4-mapped. Kernel fact 12: `LISTEN 0 8 *:5003 *:*`, `LISTEN 0 8 [::]:5004 [::]:*`,
 * `ESTAB 0 0 [::ffff:127.0.0.1]:5003 [::ffff:127.0.0.1]:40003`.
 */
function ssAddr(s: Sock, ip: string): string {
  if (s.family !== 6) return ip;
  if (ip === "::") return s.v6only ? "[::]" : "*";
  return isV6(ip) ? `[${ip}]` : `[::ffff:${ip}]`;
}

function endpoint(s: Sock, ip: string, port: number): string {
  return `${ssAddr(s, ip)}:${port === 0 ? "*" : port}`;
}

/** Like `ss -o`: the time left until the expiry the timer was armed for (timer->expires − jiffies, never negative). */
function timerOf(s: Sock, nowUs: number): SocketSnapshot["timer"] {
  if (s.rtxAt >= 0) {
    return { kind: "on", leftMs: Math.max(0, s.rtxDue - nowUs) / 1000, retrans: s.isReq ? s.numTimeout : s.retransmits };
  }
  if (s.waitAt >= 0) {
    // Linux shows TIME-WAIT and an orphaned FIN-WAIT-2 of ≤ 60 s as "timewait" (both are
    // inet_timewait_sock; kernel fact 02b "FIN-WAIT-2 timer:timewait,59sec,0"); a longer
    // tcp_fin_timeout keeps the full socket on the keepalive timer first.
    const kind = s.waitKind === "fin-wait-2" && s.waitTotalUs > 60_000_000 ? "keepalive" : "timewait";
    return { kind, leftMs: Math.max(0, s.waitDue - nowUs) / 1000, retrans: 0 };
  }
  return undefined;
}

export function buildSnapshots(w: World, nowUs: number): SocketSnapshot[] {
  const out: SocketSnapshot[] = [];
  for (const h of w.hosts) {
    for (const s of h.socks) {
      if (s.freed) continue;
      const listener = s.state === "LISTEN";
      const connected = !listener && s.hashed;
      const snap: SocketSnapshot = {
        host: h.name,
        socket: s.id,
        state: s.state,
        local: s.bound || connected || listener ? endpoint(s, s.lip, s.lport) : "*:*",
        remote:
          connected || (s.state !== "CLOSED" && !listener)
            ? endpoint(s, s.rip, s.rport)
            : listener
              ? endpoint(s, s.family === 6 ? "::" : "0.0.0.0", 0)
              : "*:*",
        recvQ: listener ? s.acceptQ.length : s.rcvQBytes,
        sendQ: listener ? s.backlog : s.state === "TIME-WAIT" || s.state === "CLOSED" || s.isReq ? 0 : (s.writeSeq - s.sndUna) >>> 0,
        orphan: s.orphan,
        inAcceptQueue: s.inAcceptQueue,
      };
      if (s.handle !== null) snap.handle = s.handle;
      const timer = timerOf(s, nowUs);
      if (timer) snap.timer = timer;
      if (!listener && !s.isReq && s.state !== "TIME-WAIT" && s.state !== "CLOSED") {
        // tcp_get_info(): tcpi_rto = jiffies_to_usecs(icsk_rto), tcpi_rtt = srtt, tcpi_rttvar = mdev.
        snap.info = {
          rto: s.rto / 1000,
          rtt: s.srtt / 1000,
          rttvar: s.rttvar / 1000,
          backoff: s.backoff,
          retrans: s.retransOut,
          totalRetrans: s.totalRetrans,
        };
      }
      out.push(snap);
    }
  }
  return out;
}
