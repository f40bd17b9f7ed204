/**
 * IP addresses as the simulator keeps them: plain strings, IPv4 dotted quads or IPv6 text in the
 * canonical form of RFC 5952 §4 (lower case, leading zeros dropped, the longest run of zero
 * groups as `::`), so two spellings of one address compare equal. Only what the family-agnostic
 * code needs: parsing, the canonical text, v4-mapped addresses (RFC 4291 §2.5.5.2) and the
 * `ip:port` endpoint text (`[::1]:5002`, RFC 3986 §3.2.2 brackets, as `ss` prints it).
 *
 * Addresses on the wire (segments, routing, 4-tuple keys) are the packet's family: an AF_INET6
 * socket talking to an IPv4 peer through a v4-mapped address sends IPv4 packets and keeps the
 * dotted quad internally; `ss` shows it as `[::ffff:127.0.0.1]` (see ss.ts).
 */

/**
 * True for an address in IPv6 text form; dotted quads never contain `:`. IPv6 text (RFC 4291
 * §2.2) has its first `:` within its first five characters — groups are at most four hex
 * digits, and `::…` starts with one — so four character tests decide, inlined where
 * `includes(":")` was a call on every endpoint and MSS worked out (issue #16). Only for
 * addresses: the simulator's, canonical or dotted.
 */
export const isV6 = (ip: string): boolean =>
  ip.charCodeAt(1) === 58 || ip.charCodeAt(2) === 58 || ip.charCodeAt(3) === 58 || ip.charCodeAt(4) === 58;

const V4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIpv4Text = (text: string): boolean => V4_RE.test(text);

/** RFC 4291 §2.2 text → eight 16-bit groups, or null. Accepts `::` and a trailing dotted quad. */
export function parseIpv6Groups(text: string): number[] | null {
  if (text.length > 45) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string, last: boolean): number[] | null => {
    if (s === "") return [];
    const out: number[] = [];
    const parts = s.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (last && i === parts.length - 1 && p.includes(".")) {
        if (!V4_RE.test(p)) return null;
        const b = p.split(".").map(Number) as [number, number, number, number];
        out.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1] as string, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

export const isIpv6Text = (text: string): boolean => parseIpv6Groups(text) !== null;

/**
 * RFC 5952 §4 text of eight groups; a v4-mapped address keeps its dotted quad (§5), as
 * inet_ntop() and so Python, `ss` and tcpdump print it (`::ffff:127.0.0.1`).
 */
function formatIpv6Groups(g: number[]): string {
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const a = g[6] as number;
    const b = g[7] as number;
    return `::ffff:${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
  }
  // The longest run of two or more zero groups becomes "::" (the first of equal runs, §4.2.3).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** The canonical text of an IPv4 or IPv6 address (IPv4 unchanged); null if it is neither. */
export function canonicalIp(text: string): string | null {
  if (V4_RE.test(text)) return text;
  const g = parseIpv6Groups(text);
  return g ? formatIpv6Groups(g) : null;
}

/** `::ffff:a.b.c.d` → `a.b.c.d` (the IPv4 address a v4-mapped IPv6 address stands for), else null. */
export function unmapV4(canonical: string): string | null {
  return canonical.startsWith("::ffff:") && V4_RE.test(canonical.slice(7)) ? canonical.slice(7) : null;
}

/** The IPv6 wildcard (in6addr_any) and loopback, canonical. */
export const IN6ADDR_ANY = "::";
export const IN6ADDR_LOOPBACK = "::1";

/** Loopback on the wire: 127.0.0.0/8 (RFC 1122 §3.2.1.3) or ::1 (RFC 4291 §2.5.3). */
export const isLoopback = (ip: string): boolean =>
  // The first two characters ("12") decide for almost every address without calling startsWith().
  (ip.charCodeAt(1) === 50 /* "2" */ && ip.charCodeAt(0) === 49 /* "1" */ && ip.startsWith("127.")) || ip === IN6ADDR_LOOPBACK;

/**
 * An address as a socket of the given family sees it (getpeername, `ss`): an AF_INET6 socket
 * talking IPv4 shows the v4-mapped form (`::ffff:127.0.0.1`, kernel fact 12).
 */
export const familyIp = (family: number, ip: string): string => (family === 6 && !isV6(ip) ? `::ffff:${ip}` : ip);

/** `ip:port` with the IPv6 address in brackets: `10.0.0.1:80`, `[::1]:5002`. */
export const endpoint = (ip: string, port: number | string): string => (isV6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);
