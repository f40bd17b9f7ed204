import { describe, expect, it } from "vitest";
import { headers, securityHeaderList } from "./security-headers.js";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function csp(mode: { production: boolean; https: boolean }): Map<string, string[]> {
  const value = securityHeaderList(mode).find((h) => h.key === "Content-Security-Policy")?.value;
  expect(value).toBeDefined();
  return directives(value!);
}

describe("security headers", () => {
  it("should forbid framing twice: CSP frame-ancestors 'none' and X-Frame-Options DENY", () => {
    const list = securityHeaderList({ production: true, https: false });
    expect(csp({ production: true, https: false }).get("frame-ancestors")).toEqual(["'none'"]);
    expect(list).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
  });

  it("should never allow eval in production, and allow it in development only for Next's tooling", () => {
    expect(csp({ production: true, https: true }).get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp({ production: false, https: false }).get("script-src")).toContain("'unsafe-eval'");
  });

  it("should restrict plugins, base URLs and form targets", () => {
    const d = csp({ production: true, https: false });
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
  });

  it("should send nosniff, the referrer policy and a Permissions-Policy", () => {
    const keys = Object.fromEntries(securityHeaderList({ production: true, https: false }).map((h) => [h.key, h.value]));
    expect(keys["X-Content-Type-Options"]).toBe("nosniff");
    expect(keys["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(keys["Permissions-Policy"]).toMatch(/camera=\(\)/);
  });

  it("should add HSTS and upgrade-insecure-requests only when the site is served over https", () => {
    const plain = securityHeaderList({ production: true, https: false });
    const tls = securityHeaderList({ production: true, https: true });
    expect(plain.some((h) => h.key === "Strict-Transport-Security")).toBe(false);
    expect(tls.some((h) => h.key === "Strict-Transport-Security")).toBe(true);
    expect(csp({ production: true, https: false }).has("upgrade-insecure-requests")).toBe(false);
    expect(csp({ production: true, https: true }).has("upgrade-insecure-requests")).toBe(true);
  });

  it("should apply to every path in Next's headers() shape", async () => {
    const rules = await headers();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe("/:path*");
    expect(rules[0]!.headers.map((h) => h.key)).toContain("Content-Security-Policy");
  });
});
