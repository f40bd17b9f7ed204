import { describe, expect, it } from "vitest";
import { readJson } from "./http";
import { cleanDeep, JSON_BOUNDS, withinJsonBounds } from "./sanitize";
import { z } from "zod";

/** `[[[…n…]]]` built without recursion. */
function nested(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

describe("JSON bounds (issue #14)", () => {
  it("should measure depth and size without recursion, even 100,000 levels deep", () => {
    expect(withinJsonBounds(nested(JSON_BOUNDS.maxDepth))).toBe(true);
    expect(withinJsonBounds(nested(JSON_BOUNDS.maxDepth + 1))).toBe(false);
    expect(withinJsonBounds(nested(100_000))).toBe(false);
    expect(withinJsonBounds(Array.from({ length: JSON_BOUNDS.maxNodes }, () => 0))).toBe(false);
    expect(withinJsonBounds({ a: [1, 2, { b: "c" }] })).toBe(true);
  });

  it("should never recurse past the depth bound in cleanDeep", () => {
    const cleaned = cleanDeep(nested(10_000));
    // Cut at maxDepth: the deepest kept array holds null.
    expect(withinJsonBounds(cleaned)).toBe(true);
    expect(JSON.stringify(cleaned)).toContain("null");
  });

  it("should answer 400 with a localized message for a 3,000-level body, in both languages", async () => {
    const body = "[".repeat(3000) + "]".repeat(3000);
    for (const [lang, pattern] of [
      ["en", /nested too deeply/],
      ["zh", /嵌套过深/],
    ] as const) {
      const request = new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/json", "accept-language": lang } });
      const parsed = await readJson(request, z.unknown(), 64 * 1024);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.response.status).toBe(400);
        expect(((await parsed.response.json()) as { error: { message: string } }).error.message).toMatch(pattern);
      }
    }
  });
});
