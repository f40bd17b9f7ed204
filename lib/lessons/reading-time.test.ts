import { describe, expect, it } from "vitest";
import { estimateReadingMinutes } from "./reading-time";

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");

describe("estimateReadingMinutes", () => {
  it("should read English at 200 words a minute, rounding up", () => {
    expect(estimateReadingMinutes(words(200))).toBe(1);
    expect(estimateReadingMinutes(words(400))).toBe(2);
    expect(estimateReadingMinutes(words(401))).toBe(3);
  });

  it("should read Chinese at 300 characters a minute, not 200", () => {
    const text = "三次握手".repeat(150); // 600 characters ⇒ 2 min (reading-time alone would say 3)
    expect(estimateReadingMinutes(text)).toBe(2);
  });

  it("should add mixed English words and Chinese characters", () => {
    // 100 words (0.5 min) + 150 characters (0.5 min) = 1 min; +1 word tips it over.
    expect(estimateReadingMinutes(`${words(100)} ${"半连接队列".repeat(30)}`)).toBe(1);
    expect(estimateReadingMinutes(`${words(101)} ${"半连接队列".repeat(30)}`)).toBe(2);
  });

  it("should not count Chinese punctuation as characters read", () => {
    expect(estimateReadingMinutes("全连接队列。".repeat(60))).toBe(1); // 300 characters + 60 full stops
  });

  it("should allow 12 seconds per diagram and never say 0 minutes", () => {
    expect(estimateReadingMinutes("")).toBe(1);
    expect(estimateReadingMinutes(words(200), 5)).toBe(2);
    expect(estimateReadingMinutes(words(200), 10)).toBe(3);
  });
});
