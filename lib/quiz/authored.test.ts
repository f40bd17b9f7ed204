import { describe, expect, it } from "vitest";
import { authoredQuestionSchema, type AuthoredQuestion } from "@/lib/content/questions";
import {
  correctResponse,
  gradeAuthored,
  longestIncreasingSubsequence,
  normalizeFreeText,
  parseAuthoredAnswer,
  publicView,
  textMatchKey,
  type AuthoredResponse,
} from "./authored";

const L = (en: string, zh: string) => ({ en, zh });
const base = {
  topic: "handshake",
  difficulty: 2,
  lesson: "three-way-handshake#why-three",
  prompt: L("Prompt?", "题干？"),
  explanation: L("Because.", "因为。"),
} as const;

/** Test fixtures go through the real schema, so an invalid fixture fails loudly. */
function q(input: Record<string, unknown>): AuthoredQuestion {
  return authoredQuestionSchema.parse({ ...base, ...input });
}

const single = q({
  id: "t-single",
  kind: "single",
  choices: [
    { id: "a", ...L("SYN", "SYN") },
    { id: "b", ...L("SYN-ACK", "SYN-ACK") },
    { id: "c", ...L("ACK", "ACK") },
  ],
  answer: "b",
});
const multiple = q({
  id: "t-multiple",
  kind: "multiple",
  choices: ["a", "b", "c", "d", "e"].map((id) => ({ id, ...L(`opt ${id}`, `选项 ${id}`) })),
  answer: ["a", "c", "e"],
});
const ordering = q({
  id: "t-ordering",
  kind: "ordering",
  choices: ["a", "b", "c", "d", "e"].map((id) => ({ id, ...L(`step ${id}`, `步骤 ${id}`) })),
  answer: ["c", "a", "e", "b", "d"],
});
const numeric = q({
  id: "t-numeric",
  kind: "numeric",
  answer: { value: 60, tolerance: 0, unit: L("seconds", "秒") },
});
const numericTol = q({ id: "t-numeric-tol", kind: "numeric", answer: { value: 0.2, tolerance: 0.1 } });
const text = q({
  id: "t-text",
  kind: "text",
  answer: { accept: { en: ["TIME-WAIT", "time_wait"], zh: ["TIME_WAIT", "时间等待"] } },
});

function parsed(question: AuthoredQuestion, raw: unknown): AuthoredResponse {
  const r = parseAuthoredAnswer(question, raw);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.en}`);
  return r.answer;
}

function score(question: AuthoredQuestion, raw: unknown, locale: "en" | "zh" = "en"): number {
  return gradeAuthored(question, parsed(question, raw), locale).score;
}

describe("parseAuthoredAnswer", () => {
  it("should accept a known choice id for single choice and reject unknown ids without grading", () => {
    expect(parseAuthoredAnswer(single, "b")).toEqual({ ok: true, answer: { kind: "single", choice: "b" } });
    const bad = parseAuthoredAnswer(single, "z");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.en).toMatch(/not one of the options/);
      expect(bad.error.zh).toMatch(/不是可选的选项/);
    }
    expect(parseAuthoredAnswer(single, 3).ok).toBe(false);
    expect(parseAuthoredAnswer(single, "").ok).toBe(false);
  });

  it("should accept an already-parsed response of the same kind, so a stored response parses to itself", () => {
    const stored = parsed(multiple, ["e", "a"]);
    expect(parseAuthoredAnswer(multiple, stored)).toEqual({ ok: true, answer: stored });
  });

  it("should store multiple-choice selections in display order and reject duplicates and empty selections", () => {
    expect(parsed(multiple, ["e", "a", "c"])).toEqual({ kind: "multiple", choices: ["a", "c", "e"] });
    expect(parseAuthoredAnswer(multiple, ["a", "a"]).ok).toBe(false);
    expect(parseAuthoredAnswer(multiple, []).ok).toBe(false);
    expect(parseAuthoredAnswer(multiple, ["a", 2]).ok).toBe(false);
  });

  it("should require an ordering to be a permutation of all items", () => {
    expect(parseAuthoredAnswer(ordering, ["a", "b", "c", "d"]).ok).toBe(false);
    expect(parseAuthoredAnswer(ordering, ["a", "b", "c", "d", "d"]).ok).toBe(false);
    expect(parseAuthoredAnswer(ordering, ["a", "b", "c", "d", "x"]).ok).toBe(false);
    expect(parsed(ordering, ["e", "d", "c", "b", "a"])).toEqual({ kind: "ordering", order: ["e", "d", "c", "b", "a"] });
  });

  it("should parse numbers from strings, full-width digits and a trailing unit, and reject non-numbers", () => {
    expect(parsed(numeric, 60)).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, " 60 ")).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, "６０")).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, "60 seconds")).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, "60s")).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, "60秒")).toEqual({ kind: "numeric", value: 60 });
    expect(parsed(numeric, "-1.5e2")).toEqual({ kind: "numeric", value: -150 });
    for (const bad of ["sixty", "60 apples", "", "1,5", Number.NaN, Infinity, null, [60]]) {
      const r = parseAuthoredAnswer(numeric, bad);
      expect(r.ok, String(bad)).toBe(false);
    }
    const r = parseAuthoredAnswer(numeric, "sixty");
    if (!r.ok) expect(r.error.en).toContain("seconds");
  });

  it("should reject empty and overlong text answers", () => {
    expect(parseAuthoredAnswer(text, "   ").ok).toBe(false);
    expect(parseAuthoredAnswer(text, "x".repeat(201)).ok).toBe(false);
    expect(parsed(text, "  time wait ")).toEqual({ kind: "text", text: "time wait" });
  });
});

describe("gradeAuthored", () => {
  it("should give single choice 1 for the answer and 0 for any other option", () => {
    expect(score(single, "b")).toBe(1);
    expect(score(single, "a")).toBe(0);
    expect(score(single, "c")).toBe(0);
    const g = gradeAuthored(single, parsed(single, "a"), "zh");
    expect(g.correct).toBe(false);
    expect(g.correctAnswer).toEqual({ en: "(b) SYN-ACK", zh: "(b) SYN-ACK" });
    expect(g.explanation).toEqual(single.explanation);
  });

  it("should give multiple choice (right − wrong)/k floored at 0", () => {
    // k = 3 correct options (a, c, e); b and d are wrong.
    expect(score(multiple, ["a", "c", "e"])).toBe(1);
    expect(score(multiple, ["a", "c"])).toBeCloseTo(2 / 3, 4);
    expect(score(multiple, ["a", "c", "e", "b"])).toBeCloseTo(2 / 3, 4);
    expect(score(multiple, ["a", "b"])).toBe(0);
    // Ticking everything: 3 right − 2 wrong = 1/3, never better than a careful partial answer.
    expect(score(multiple, ["a", "b", "c", "d", "e"])).toBeCloseTo(1 / 3, 4);
    expect(score(multiple, ["b", "d"])).toBe(0);
    const g = gradeAuthored(multiple, parsed(multiple, ["a", "b"]), "en");
    expect(g.correct).toBe(false);
    expect(g.feedback.en).toBe("You picked 1 of 3 correct options and 1 wrong one.");
  });

  it("should score an ordering by the fewest moves that fix it", () => {
    // Correct: c a e b d. One item moved (d to the front) → 1 move of n − 1 = 4 possible.
    expect(score(ordering, ["c", "a", "e", "b", "d"])).toBe(1);
    expect(score(ordering, ["d", "c", "a", "e", "b"])).toBe(0.75);
    // Two adjacent pairs swapped: longest correct subsequence is 3 → 2 moves → 0.5.
    expect(score(ordering, ["a", "c", "b", "e", "d"])).toBe(0.5);
    // Fully reversed: no two items in correct relative order → 0.
    expect(score(ordering, ["d", "b", "e", "a", "c"])).toBe(0);
    const g = gradeAuthored(ordering, parsed(ordering, ["d", "c", "a", "e", "b"]), "en");
    expect(g.correct).toBe(false);
    expect(g.feedback.en).toContain("first wrong position is 1");
  });

  it("should grade numbers within the tolerance, robust to binary floating point", () => {
    expect(score(numeric, 60)).toBe(1);
    expect(score(numeric, 61)).toBe(0);
    expect(score(numeric, 59.5)).toBe(0);
    // 0.1 + 0.2 is 0.30000000000000004 in binary; |0.3 − 0.2| must still be within 0.1.
    expect(score(numericTol, 0.1 + 0.2)).toBe(1);
    expect(score(numericTol, 0.1)).toBe(1);
    expect(score(numericTol, 0.31)).toBe(0);
    expect(gradeAuthored(numeric, parsed(numeric, 30), "en").feedback.en).toContain("too low");
  });

  it("should match text after normalization, in either language's list", () => {
    for (const s of ["TIME-WAIT", "time_wait", "Time Wait", "timewait", "ＴＩＭＥ＿ＷＡＩＴ", "`TIME_WAIT`.", "时间等待", "时间 等待。"]) {
      expect(score(text, s, "en"), s).toBe(1);
      expect(score(text, s, "zh"), s).toBe(1);
    }
    expect(score(text, "CLOSE_WAIT")).toBe(0);
    expect(score(text, "time")).toBe(0);
  });

  it("should throw when a response of another kind is graded (a caller bug, not a user error)", () => {
    expect(() => gradeAuthored(single, { kind: "numeric", value: 1 }, "en")).toThrow(/kind/);
  });

  it("should grade each question's own correct response 1", () => {
    for (const question of [single, multiple, ordering, numeric, numericTol, text]) {
      const g = gradeAuthored(question, correctResponse(question), "en");
      expect(g.score, question.id).toBe(1);
      expect(g.correct).toBe(true);
    }
  });
});

describe("normalizeFreeText", () => {
  it("should fold case and width and unify separators", () => {
    for (const typed of ["  SYN_RECV ", "Ｓｙｎ－Ｒｅｃｖ", "syn -  recv"]) expect(normalizeFreeText(typed)).toBe("syn recv");
    expect(normalizeFreeText("“EPIPE”。")).toBe("epipe");
    expect(textMatchKey("net.ipv4.tcp_abort_on_overflow")).toBe("net.ipv4.tcpabortonoverflow");
  });
});

describe("longestIncreasingSubsequence", () => {
  it("should find the longest strictly increasing run, not necessarily contiguous", () => {
    expect(longestIncreasingSubsequence([])).toBe(0);
    expect(longestIncreasingSubsequence([0, 1, 2, 3])).toBe(4);
    expect(longestIncreasingSubsequence([3, 2, 1, 0])).toBe(1);
    expect(longestIncreasingSubsequence([2, 0, 3, 1, 4])).toBe(3);
  });
});

describe("publicView", () => {
  it("should carry only the prompt and options in one language, never the answer or explanation", () => {
    const allowed = new Set(["id", "topic", "difficulty", "prompt", "kind", "choices", "unit"]);
    for (const question of [single, multiple, ordering, numeric, numericTol, text]) {
      for (const locale of ["en", "zh"] as const) {
        const view = publicView(question, locale);
        for (const key of Object.keys(view)) expect(allowed.has(key), `${question.id}.${key}`).toBe(true);
        const json = JSON.stringify(view);
        expect(json).not.toMatch(/"(answer|explanation|accept|misconception|lesson|tolerance|value)"/);
        expect(view.prompt).toBe(question.prompt[locale]);
      }
    }
    const view = publicView(text, "en");
    expect(JSON.stringify(view)).not.toContain("TIME");
    expect(publicView(numeric, "zh")).toEqual({
      id: "t-numeric",
      topic: "handshake",
      difficulty: 2,
      prompt: "题干？",
      kind: "numeric",
      unit: "秒",
    });
  });

  it("should list choices in display order with localized text", () => {
    const view = publicView(single, "zh");
    expect(view.kind === "single" && view.choices).toEqual([
      { id: "a", text: "SYN" },
      { id: "b", text: "SYN-ACK" },
      { id: "c", text: "ACK" },
    ]);
  });
});
