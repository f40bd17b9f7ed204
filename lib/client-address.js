// @ts-check
/**
 * Who is asking: the client's address as the server can prove it (issue #14).
 *
 * The only address nobody can forge is the TCP peer of the connection (`socket.remoteAddress`).
 * `X-Forwarded-For` is a list that every hop appends to, so only the hops we put there ourselves
 * can be believed: walking it from the right, each address is accepted only while the hop that
 * reported it is a proxy the operator listed in `TRUSTED_PROXIES`; the first address reported by
 * a trusted proxy about an untrusted peer is the client (the algorithm of MDN's
 * "X-Forwarded-For: Selecting an IP address", https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For#selecting_an_ip_address).
 *
 * scripts/serve.ts computes it for every request and hands it to the app in CLIENT_ADDRESS_HEADER,
 * after deleting any header of that name the client sent. lib/env.js validates TRUSTED_PROXIES
 * with parseTrustedProxies, so a typo stops the server instead of silently trusting nothing.
 */
const { BlockList, isIP } = require("node:net");

/** The request header scripts/serve.ts sets (and strips from what the client sent). */
const CLIENT_ADDRESS_HEADER = "x-tcplab-client-address";

/**
 * "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) → "10.0.0.1".
 * @param {string | undefined} address
 * @returns {string}
 */
function normalizeAddress(address) {
  const a = String(address ?? "").trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped?.[1] ?? a;
}

/**
 * "10.0.0.1, 192.168.0.0/16, fd00::/8" → a BlockList, or a list of what is wrong.
 * @param {string | undefined} text
 * @returns {{ ok: true, list: BlockList, entries: string[] } | { ok: false, errors: string[] }}
 */
function parseTrustedProxies(text) {
  const list = new BlockList();
  const entries = String(text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const errors = [];
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    if (!family || extra !== undefined) {
      errors.push(`"${entry}" is not an IP address or CIDR range`);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      errors.push(`"${entry}" has an invalid prefix length`);
      continue;
    }
    list.addSubnet(address, bits, type);
  }
  return errors.length ? { ok: false, errors } : { ok: true, list, entries };
}

/**
 * @param {BlockList} trusted
 * @param {string} address
 */
function isTrusted(trusted, address) {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address for one request.
 * @param {string | undefined} peer       the socket's remote address
 * @param {string | string[] | undefined} forwardedFor  the X-Forwarded-For header(s) as received
 * @param {BlockList | null} trusted      parsed TRUSTED_PROXIES (null: trust no proxy)
 * @returns {string}
 */
function clientAddress(peer, forwardedFor, trusted) {
  let current = normalizeAddress(peer) || "unknown";
  if (!trusted || !isTrusted(trusted, current) || forwardedFor === undefined) return current;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map(normalizeAddress)
    .filter(Boolean);
  // Right to left: each hop was appended by `current`, which we trust at this point.
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? "";
    if (!isIP(hop)) return current; // garbage from beyond the trusted hops: stop at what we know
    current = hop;
    if (!isTrusted(trusted, current)) return current;
  }
  return current;
}

module.exports = { CLIENT_ADDRESS_HEADER, clientAddress, normalizeAddress, parseTrustedProxies };
