import { describe, expect, it } from "vitest";
import { cleanDeep, cleanText, isId, requireId } from "./sanitize";

describe("sanitize", () => {
  it("should accept cuid-shaped ids and refuse anything else", () => {
    expect(isId("cmwqmri400000yr7diu4sv5mf")).toBe(true);
    for (const bad of ["", "\u0000", "a\u0000b", "\uD800", "../x", "x".repeat(65), 42, null]) expect(isId(bad)).toBe(false);
    expect(() => requireId("a b")).toThrow();
  });

  it("should drop NUL and control characters and repair lone surrogates", () => {
    expect(cleanText("a\u0000b\u0007c\td\ne")).toBe("abc\td\ne");
    expect(cleanText("x\uD800y")).toBe("x\uFFFDy");
    // A proper surrogate pair (an emoji) is kept.
    expect(cleanText("🙂")).toBe("🙂");
    expect(cleanDeep({ "k\u0000": ["v\uDC00", 1, { n: null }] })).toEqual({ k: ["v\uFFFD", 1, { n: null }] });
  });
});
