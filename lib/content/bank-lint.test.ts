import { describe, expect, it } from "vitest";
import { displayWidth, lintBank } from "./bank-lint";
import { loadQuestionBank, type AuthoredQuestion } from "./questions";

type Single = Extract<AuthoredQuestion, { kind: "single" }>;

/** A single-choice question with the key at `answer` and options of the given English lengths. */
function single(id: string, answer: string, lengths: number[]): Single {
  const letters = "abcd";
  return {
    id,
    topic: "handshake",
    kind: "single",
    difficulty: 1,
    lesson: "three-way-handshake",
    prompt: { en: "Q?", zh: "问？" },
    explanation: { en: "E.", zh: "解。" },
    choices: lengths.map((n, i) => ({ id: letters[i] ?? "a", en: "x".repeat(n), zh: "字".repeat(Math.ceil(n / 2)) })),
    answer,
  };
}

describe("bank lint (issue #15 item 2)", () => {
  it("passes on the shipped bank", () => {
    const lint = lintBank(loadQuestionBank());
    expect(lint.singles).toBeGreaterThan(20);
    expect(lint.problems).toEqual([]);
  });

  it("fails on a key-position bias, as the bank had (30 of 31 keys at a)", () => {
    const biased = Array.from({ length: 31 }, (_, i) => single(`q${i}`, i === 0 ? "b" : "a", [40, 40, 40, 40]));
    const lint = lintBank(biased);
    expect(lint.keyPositions).toEqual({ a: 30, b: 1 });
    expect(lint.problems).toContain("position a holds 30 of 31 single-choice keys");
    expect(lint.problems).toContain("position c holds only 0 of 31 single-choice keys");
  });

  it("fails when the key is always the longest option, even with positions balanced", () => {
    const longest = Array.from({ length: 8 }, (_, i) => {
      const pos = "abcd"[i % 4] ?? "a";
      const lengths = [40, 40, 40, 40].map((n, j) => ("abcd"[j] === pos ? 48 : n));
      return single(`q${i}`, pos, lengths);
    });
    const lint = lintBank(longest);
    expect(lint.keyLongest.en).toBe(8);
    expect(lint.problems).toContain("the key is the longest option in 8 of 8 single-choice questions (en)");
    expect(lint.problems.some((p) => p.includes("position"))).toBe(false);
  });

  it("fails on one key much longer than its distractors", () => {
    const lint = lintBank([single("long-key", "c", [30, 30, 80, 30]), single("ok", "a", [30, 31, 29, 30])]);
    expect(lint.problems).toContain("long-key: the key is 2.67× the mean distractor length (en)");
    expect(lint.problems.some((p) => p.startsWith("ok:"))).toBe(false);
  });

  it("measures Chinese in display columns", () => {
    expect(displayWidth("SYN 丢失。")).toBe(4 + 4 + 2);
  });
});
