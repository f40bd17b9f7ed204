/**
 * Local addresses and ports: bind() conflicts and ephemeral port choice.
 */
import type { Host, Sock, World } from "./internal";

/** Addresses a host may bind: its own, the wildcard, and loopback. */
export function isLocalIp(host: Host, ip: string): boolean {
  return ip === host.ip || ip === "0.0.0.0" || ip.startsWith("127.");
}

/**
 * Would binding `s` to ip:port conflict with a socket already holding the port?
 *
 * Observed on Linux 6.18 loopback (netns, python3; matches inet_bind_conflict() in
 * net/ipv4/inet_connection_sock.c): there is NO conflict only when the new socket AND the
 * existing one both have SO_REUSEADDR and the existing one is not LISTEN. So:
 * - a live listener blocks the port even when both set SO_REUSEADDR;
 * - a TIME-WAIT socket keeps the SO_REUSEADDR flag of the socket it came from: a server whose
 *   listener had SO_REUSEADDR can rebind with SO_REUSEADDR; one whose listener had not gets
 *   EADDRINUSE even with SO_REUSEADDR on the new socket;
 * - ESTABLISHED children inherit the listener's flag the same way;
 * - 0.0.0.0 overlaps every address.
 */
export function bindConflict(host: Host, s: Sock, ip: string, port: number): boolean {
  for (const o of host.socks) {
    if (o === s || !o.bound || o.lport !== port) continue;
    if (!(o.lip === ip || o.lip === "0.0.0.0" || ip === "0.0.0.0")) continue;
    if (s.reuse && o.reuse && o.state !== "LISTEN") continue;
    return true;
  }
  return false;
}

/**
 * A local port for connect() (__inet_hash_connect, net/ipv4/inet_hashtables.c): from a random
 * start through ip_local_port_range, skipping ports some bind() or listen() owns (their bind
 * bucket has fastreuse ≥ 0), and taking the first whose 4-tuple to this destination is free
 * (__inet_check_established) — so one port serves connections to different destinations.
 * A TIME-WAIT on the 4-tuple is taken over when tcp_twsk_unique() allows it: timestamps were
 * on, tcp_tw_reuse is 1 (or 2 and the peer is on loopback) and its last timestamp is
 * tcp_tw_reuse_delay old. EADDRNOTAVAIL (null) only when every port is taken for this
 * destination. Observed on 6.18 (kernel fact 11).
 */
export function pickConnectPort(
  w: World,
  host: Host,
  lip: string,
  rip: string,
  rport: number,
  twReusable: (tw: Sock) => boolean,
): { port: number; tw: Sock | null } | null {
  const lo = host.p.ephemeralLo;
  const hi = host.p.ephemeralHi;
  const n = hi - lo + 1;
  let start = lo + w.rng.below(n);
  if ((start & 1) !== 0) start = start + 1 > hi ? lo : start + 1;
  const owned = new Set<number>();
  for (const o of host.socks) if (o.bound && o.byBind) owned.add(o.lport);
  for (let pass = 0; pass < 2; pass++) {
    const first = pass === 0 ? start : start + 1 > hi ? lo : start + 1;
    for (let i = 0; i < n; i += 2) {
      const port = lo + ((first - lo + i) % n);
      if (owned.has(port)) continue;
      const conn = host.conns.get(`${lip}:${port}>${rip}:${rport}`);
      if (!conn) return { port, tw: null };
      if (conn.state === "TIME-WAIT" && twReusable(conn)) return { port, tw: conn };
    }
  }
  return null;
}

function portInUse(host: Host, port: number): boolean {
  for (const o of host.socks) if (o.bound && o.lport === port) return true;
  return false;
}

/**
 * Pick an ephemeral port from ip_local_port_range (rfc9293: 49152–65535, RFC 6335 §6).
 * Linux ≥ 4.2 prefers even ports for connect() and odd ones for bind(0), so the two rarely
 * compete (__inet_hash_connect / inet_csk_find_open_port).
 */
export function pickEphemeral(w: World, host: Host, forConnect: boolean): number | null {
  const lo = host.p.ephemeralLo;
  const hi = host.p.ephemeralHi;
  const n = hi - lo + 1;
  let start = lo + w.rng.below(n);
  if (((start & 1) === 0) !== forConnect) start = start + 1 > hi ? lo : start + 1;
  for (let pass = 0; pass < 2; pass++) {
    const first = pass === 0 ? start : start + 1 > hi ? lo : start + 1;
    for (let i = 0; i < n; i += 2) {
      const port = lo + ((first - lo + i) % n);
      if (!portInUse(host, port)) return port;
    }
  }
  return null;
}
