import { describe, expect, it } from "vitest";
import { loadQuestionBank, type AuthoredQuestion } from "@/lib/content/questions";
import { gradeAuthored, parseAuthoredAnswer, publicView } from "./authored";
import { locales } from "@/lib/core";

/**
 * The self-test of the built-in bank (the authored counterpart of a scenario family's self-test):
 * every question's own answer, submitted the way a browser would, parses and scores 1, and
 * every wrong answer we can construct scores below 1.
 */
const bank = loadQuestionBank();

function gradeRaw(q: AuthoredQuestion, raw: unknown, locale: (typeof locales)[number]) {
  const parsed = parseAuthoredAnswer(q, raw);
  if (!parsed.ok) throw new Error(`${q.id}: ${JSON.stringify(raw)} did not parse: ${parsed.error.en}`);
  return gradeAuthored(q, parsed.answer, locale);
}

/** What a form would send for the correct answer. */
function rawCorrect(q: AuthoredQuestion): unknown[] {
  switch (q.kind) {
    case "single":
      return [q.answer];
    case "multiple":
      return [q.answer, [...q.answer].reverse()];
    case "ordering":
      return [q.answer];
    case "numeric":
      return [q.answer.value, String(q.answer.value), q.answer.value + q.answer.tolerance];
    case "text":
      return [...q.answer.accept.en, ...q.answer.accept.zh];
  }
}

/** Wrong answers derived from the question itself. */
function rawWrong(q: AuthoredQuestion): unknown[] {
  switch (q.kind) {
    case "single":
      return q.choices.filter((c) => c.id !== q.answer).map((c) => c.id);
    case "multiple": {
      const wrongIds = q.choices.filter((c) => !q.answer.includes(c.id)).map((c) => c.id);
      const missingOne = q.answer.length > 1 ? [q.answer.slice(1)] : [];
      const plusOneWrong = wrongIds.map((w) => [...q.answer, w]);
      return [...missingOne, ...plusOneWrong, wrongIds.length > 0 ? wrongIds : []].filter((a) => a.length > 0);
    }
    case "ordering":
      // Every adjacent swap of the correct order.
      return q.answer.slice(0, -1).map((_, i) => {
        const order = [...q.answer];
        [order[i], order[i + 1]] = [order[i + 1] ?? "", order[i] ?? ""];
        return order;
      });
    case "numeric":
      return [q.answer.value + q.answer.tolerance + 1, q.answer.value - q.answer.tolerance - 1];
    case "text":
      return ["ESTABLISHED", "SYN"].filter(
        (w) => ![...q.answer.accept.en, ...q.answer.accept.zh].some((a) => a.toUpperCase() === w),
      );
  }
}

describe("built-in bank self-test", () => {
  for (const q of bank) {
    it(`should grade ${q.id}'s own answer 1 and wrong answers below 1`, () => {
      for (const locale of locales) {
        for (const raw of rawCorrect(q)) {
          const g = gradeRaw(q, raw, locale);
          expect(g.score, `${q.id} ${JSON.stringify(raw)}`).toBe(1);
          expect(g.correct).toBe(true);
        }
        const wrong = rawWrong(q);
        expect(wrong.length, `${q.id} has wrong answers to try`).toBeGreaterThan(0);
        for (const raw of wrong) {
          const g = gradeRaw(q, raw, locale);
          expect(g.score, `${q.id} ${JSON.stringify(raw)}`).toBeLessThan(1);
          expect(g.correct).toBe(false);
        }
      }
    });
  }

  it("should never put an answer, explanation or accepted text into the public view", () => {
    for (const q of bank) {
      for (const locale of locales) {
        const json = JSON.stringify(publicView(q, locale));
        expect(json).not.toMatch(/"(answer|explanation|accept|misconception|lesson)"/);
        expect(json, q.id).not.toContain(JSON.stringify(q.explanation[locale]).slice(1, 40));
        if (q.kind === "text") {
          // An accepted answer may only appear if the prompt itself contains it (never the case here).
          for (const a of q.answer.accept[locale]) expect(json.toLowerCase(), `${q.id}: ${a}`).not.toContain(`"${a.toLowerCase()}"`);
        }
      }
    }
  });
});
