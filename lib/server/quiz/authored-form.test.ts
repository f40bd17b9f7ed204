import { describe, expect, it } from "vitest";
import { authoredQuestionSchema, loadQuestionBank } from "@/lib/content/questions";
import { correctResponse, gradeAuthored } from "@/lib/quiz/authored";
import { buildQuestion, displayPermutation, draftOf, emptyDraft } from "./authored-form";

describe("displayPermutation", () => {
  it("should be a permutation and never the identity, for every size and many ids", () => {
    for (let n = 2; n <= 8; n += 1) {
      for (let k = 0; k < 200; k += 1) {
        const p = displayPermutation(n, `q-${k}`);
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(p.some((v, i) => v !== i)).toBe(true);
      }
    }
  });

  it("should be stable for one id", () => {
    expect(displayPermutation(5, "same")).toEqual(displayPermutation(5, "same"));
  });
});

describe("question drafts", () => {
  it("should round-trip every bank question through the form draft with the same meaning", () => {
    for (const q of loadQuestionBank()) {
      const rebuilt = authoredQuestionSchema.parse(buildQuestion(draftOf(q)));
      if (q.kind === "ordering" && rebuilt.kind === "ordering") {
        // Display order may differ; the correct sequence of item texts must not.
        const seq = (x: typeof q) => x.answer.map((id) => x.choices.find((c) => c.id === id)?.en);
        expect(seq(rebuilt)).toEqual(seq(q));
      } else {
        expect(rebuilt).toEqual(q);
      }
      // The answer key of the rebuilt question still grades 1.
      expect(gradeAuthored(rebuilt, correctResponse(rebuilt), "en").score).toBe(1);
    }
  });

  it("should turn an ordering draft entered in correct order into a scrambled display", () => {
    const d = {
      ...emptyDraft("teardown"),
      id: "close-order",
      kind: "ordering" as const,
      prompt: { en: "Order", zh: "排序" },
      explanation: { en: "Because.", zh: "因为。" },
      choices: ["FIN", "ACK", "FIN", "ACK"].map((s, i) => ({ en: `${s} ${i + 1}`, zh: `${s} ${i + 1}`, correct: false })),
    };
    const q = authoredQuestionSchema.parse(buildQuestion(d));
    if (q.kind !== "ordering") throw new Error("kind");
    expect(q.answer.map((id) => q.choices.find((c) => c.id === id)?.en)).toEqual(["FIN 1", "ACK 2", "FIN 3", "ACK 4"]);
    expect(q.choices.map((c) => c.en)).not.toEqual(["FIN 1", "ACK 2", "FIN 3", "ACK 4"]);
  });

  it("should leave invalid numbers for the schema to reject", () => {
    const d = { ...emptyDraft(), id: "n-q", kind: "numeric" as const, prompt: { en: "n", zh: "n" }, explanation: { en: "e", zh: "e" }, numeric: { value: "abc", tolerance: "0", unitEn: "", unitZh: "" } };
    expect(authoredQuestionSchema.safeParse(buildQuestion(d)).success).toBe(false);
  });

  it("should read accepted text answers one per line", () => {
    const d = { ...emptyDraft(), id: "t-q", kind: "text" as const, prompt: { en: "t", zh: "t" }, explanation: { en: "e", zh: "e" }, text: { en: "TIME_WAIT\n\n time-wait \n", zh: "TIME_WAIT" } };
    const q = authoredQuestionSchema.parse(buildQuestion(d));
    expect(q.kind === "text" && q.answer.accept.en).toEqual(["TIME_WAIT", "time-wait"]);
  });
});
