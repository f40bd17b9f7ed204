/**
 * Local addresses and ports: bind() conflicts and ephemeral port choice.
 */
import type { Host, Sock, World } from "./internal";
import { isLoopback, isV6 } from "./addr";
import { lookupEstablished } from "./tcp-output";
import { hostWithIp } from "./world";

/** Addresses a host may bind (wire form): its own, the wildcards, and loopback (127/8, ::1). */
export function isLocalIp(host: Host, ip: string): boolean {
  return ip === host.ip || ip === "0.0.0.0" || ip.startsWith("127.") || ip === "::" || ip === "::1" || ip === host.ip6;
}

/**
 * inet_rcv_saddr_equal(sk, sk2, match_wildcard = true) (net/ipv4/inet_connection_sock.c): do
 * two bindings overlap? `fam`/`ip`/`only` are a socket's family, bound address in wire form
 * (ss.ts) and IPV6_V6ONLY. An AF_INET6 socket bound to `::` matches every IPv4 address unless
 * it is V6ONLY; one bound to a v4-mapped address is IPv4 for this purpose; one bound to a
 * specific IPv6 address is V6ONLY (inet6_bind sets sk_ipv6only) and never meets IPv4. Kernel
 * fact 12's bind matrix (Linux 6.18, 144 cases: six bindings, bound or listening, with and
 * without SO_REUSEADDR) agrees with it case for case.
 */
function rcvSaddrEqual(fam1: number, ip1: string, only1: boolean, fam2: number, ip2: string, only2: boolean): boolean {
  if (fam1 === 6) {
    // ipv6_rcv_saddr_equal(): an AF_INET sk2 has no IPv6 address and counts as IPV6_ADDR_MAPPED.
    const t1 = ip1 === "::" ? ANY : isV6(ip1) ? UNICAST6 : MAPPED;
    const t2 = fam2 !== 6 ? MAPPED : ip2 === "::" ? ANY : isV6(ip2) ? UNICAST6 : MAPPED;
    if (t1 === MAPPED && t2 === MAPPED) return !only2 && (ip1 === ip2 || ip1 === "0.0.0.0" || ip2 === "0.0.0.0");
    if (t1 === ANY && t2 === ANY) return true;
    if (t2 === ANY && !(only2 && t1 === MAPPED)) return true;
    if (t1 === ANY && !(only1 && t2 === MAPPED)) return true;
    return fam2 === 6 && ip1 === ip2;
  }
  // ipv4_rcv_saddr_equal(): sk2's IPv4 address (0 for `::`); a V6ONLY sk2 never matches.
  if (only2) return false;
  const r2 = ip2 === "::" ? "0.0.0.0" : ip2;
  return ip1 === r2 || ip1 === "0.0.0.0" || r2 === "0.0.0.0";
}
const ANY = 0;
const MAPPED = 1;
const UNICAST6 = 2;

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
 * - 0.0.0.0 overlaps every IPv4 address, `::` every IPv6 one and, unless IPV6_V6ONLY, every
 *   IPv4 one too (rcvSaddrEqual): 0.0.0.0:p and [::]:p conflict by default (net.ipv6.bindv6only 0).
 */
export function bindConflict(host: Host, s: Sock, ip: string, port: number): boolean {
  const fam = s.family === 6 ? 6 : 4;
  for (const o of host.socks) {
    if (o === s || !o.bound || o.lport !== port) continue;
    if (!rcvSaddrEqual(fam, ip, s.v6only, o.family, o.lip, o.v6only)) continue;
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
export function pickConnectPort(w: World, host: Host, lip: string, rip: string, rport: number): { port: number; tw: Sock | null } | null {
  const lo = host.p.ephemeralLo;
  const hi = host.p.ephemeralHi;
  const n = hi - lo + 1;
  let start = lo + w.rng.below(n);
  if ((start & 1) !== 0) start = start + 1 > hi ? lo : start + 1;
  // The ports some bind() owns, gathered only if the first candidate is not simply free: almost
  // every connect() takes its first candidate, and a Set per connect() was garbage (issue #16).
  let owned: Set<number> | null = null;
  for (let pass = 0; pass < 2; pass++) {
    const first = pass === 0 ? start : start + 1 > hi ? lo : start + 1;
    for (let i = 0; i < n; i += 2) {
      const port = lo + ((first - lo + i) % n);
      if (owned === null ? portOwnedByBind(host, port) : owned.has(port)) {
        owned ??= portsOwnedByBind(host);
        continue;
      }
      const conn = lookupEstablished(host, lip, port, rip, rport);
      if (!conn) return { port, tw: null };
      if (conn.state === "TIME-WAIT" && twReusable(w, host, conn, rip)) return { port, tw: conn };
      owned ??= portsOwnedByBind(host);
    }
  }
  return null;
}

/**
 * May connect() on an ephemeral port take over this TIME-WAIT connection to `rip`?
 * tcp_twsk_unique() with twp != NULL (net/ipv4/tcp_ipv4.c): linux only, timestamps were on,
 * tcp_tw_reuse is 1 (or 2 and the peer is on loopback: 127/8, ::1 or this host's own address),
 * and tcp_tw_reuse_delay has passed since the TIME-WAIT began.
 */
function twReusable(w: World, host: Host, tw: Sock, rip: string): boolean {
  const p = host.p;
  if (p.profile !== "linux" || !tw.tsOk) return false;
  const reuse = p.sys.tcp_tw_reuse;
  if (reuse !== 1 && !(reuse === 2 && (isLoopback(rip) || hostWithIp(w, rip) === host))) return false;
  return w.now - (tw.twSince ?? w.now) >= p.sys.tcp_tw_reuse_delay_ms * 1000;
}

/** The ports some bind() or listen() owns (their bind bucket has fastreuse ≥ 0). */
function portsOwnedByBind(host: Host): Set<number> {
  const owned = new Set<number>();
  for (const o of host.socks) if (o.bound && o.byBind) owned.add(o.lport);
  return owned;
}

/** Does some bind() or listen() own `port`? (portsOwnedByBind() for a single port.) */
function portOwnedByBind(host: Host, port: number): boolean {
  for (const o of host.socks) if (o.bound && o.byBind && o.lport === port) return true;
  return false;
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
