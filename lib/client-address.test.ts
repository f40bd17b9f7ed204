import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address.js";

function trusted(text: string) {
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.list;
}

describe("clientAddress", () => {
  it("should take the socket's peer and ignore X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", null)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", undefined, null)).toBe("203.0.113.7");
    expect(clientAddress(undefined, "1.2.3.4", null)).toBe("unknown");
  });

  it("should ignore X-Forwarded-For from a peer that is not a listed proxy", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", trusted("10.0.0.0/8"))).toBe("203.0.113.7");
  });

  it("should take the last hop a trusted proxy reported, not the client-written first one", () => {
    const proxies = trusted("10.0.0.0/8, 192.0.2.1");
    // The client wrote "6.6.6.6"; our proxy 10.0.0.5 appended the real peer 198.51.100.9.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.9", proxies)).toBe("198.51.100.9");
    // Two trusted hops in a row: walk past both.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.9, 192.0.2.1", proxies)).toBe("198.51.100.9");
    // Several header lines count as one list.
    expect(clientAddress("10.0.0.5", ["6.6.6.6", "198.51.100.9"], proxies)).toBe("198.51.100.9");
  });

  it("should stop at garbage and fall back to the last address it could vouch for", () => {
    expect(clientAddress("10.0.0.5", "not-an-ip", trusted("10.0.0.0/8"))).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "", trusted("10.0.0.0/8"))).toBe("10.0.0.5");
  });

  it("should match IPv6 ranges", () => {
    expect(clientAddress("fd00::1", "2001:db8::5", trusted("fd00::/8"))).toBe("2001:db8::5");
  });
});

describe("parseTrustedProxies", () => {
  it("should accept addresses and ranges, and name every bad entry", () => {
    expect(parseTrustedProxies("").ok).toBe(true);
    expect(parseTrustedProxies(" 10.0.0.1 , 10.1.0.0/16, ::1, fd00::/8").ok).toBe(true);
    const bad = parseTrustedProxies("10.0.0.1/33, proxy.local, 10.0.0.0/8/1, ::/129");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toHaveLength(4);
  });
});
