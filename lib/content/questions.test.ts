import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTHORED_KINDS, authoredQuestionSchema, loadQuestionBank, parseQuestionFile } from "./questions";
import { choiceList } from "./testing";
import { MISCONCEPTION_IDS, TOPIC_IDS, TOPICS, splitLessonRef } from "./topics";

const bank = loadQuestionBank();

const valid = {
  id: "x-valid",
  topic: "handshake",
  kind: "single",
  difficulty: 1,
  lesson: "three-way-handshake",
  prompt: { en: "Q?", zh: "问？" },
  choices: choiceList(["A", "甲"], ["B", "乙"]),
  answer: "a",
  explanation: { en: "E.", zh: "解。" },
};

const { choices: _choices, ...withoutChoices } = valid;

/** Section ids (`{#id}`) of a lesson, from its English markdown, or undefined if not written yet. */
function lessonAnchors(slug: string): Set<string> | undefined {
  const dir = path.join(process.cwd(), "content", "lessons", "en");
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.replace(/^\d+-/, "").replace(/\.md$/, "") === slug);
  if (!file) return undefined;
  const text = readFileSync(path.join(dir, file), "utf8");
  return new Set([...text.matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1] ?? ""));
}

describe("the built-in question bank", () => {
  it("should hold at least 48 questions, at least 5 per topic that has any and at least 4 of each kind", () => {
    expect(bank.length).toBeGreaterThanOrEqual(48);
    // A new lesson's questions are optional (content/README.md "Adding a lesson").
    for (const topic of TOPIC_IDS.filter((t) => bank.some((q) => q.topic === t))) {
      expect(bank.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(5);
    }
    for (const kind of AUTHORED_KINDS) {
      expect(bank.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(4);
    }
  });

  it("should have unique ids", () => {
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
  });

  it("should target every lesson misconception with at least one question", () => {
    for (const m of MISCONCEPTION_IDS) {
      expect(bank.some((q) => q.misconception === m), m).toBe(true);
    }
  });

  it("should have every string in both languages, non-empty, and Chinese text in the zh fields", () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const q of bank) {
      for (const field of [q.prompt, q.explanation]) {
        expect(field.en.trim(), q.id).not.toBe("");
        expect(field.zh.trim(), q.id).not.toBe("");
        expect(cjk.test(field.zh), `${q.id} zh should be Chinese`).toBe(true);
        expect(cjk.test(field.en), `${q.id} en should not contain Chinese`).toBe(false);
      }
      if ("choices" in q) {
        for (const c of q.choices) {
          expect(c.en.trim(), q.id).not.toBe("");
          expect(c.zh.trim(), q.id).not.toBe("");
        }
      }
      if (q.kind === "numeric" && q.answer.unit) {
        expect(q.answer.unit.zh.trim()).not.toBe("");
      }
    }
  });

  it("should give genuinely explanatory explanations (at least two sentences' worth)", () => {
    for (const q of bank) {
      expect(q.explanation.en.length, q.id).toBeGreaterThanOrEqual(150);
      expect(q.explanation.zh.length, q.id).toBeGreaterThanOrEqual(60);
    }
  });

  it("should link every question to an existing lesson, and to a real section where the lesson is written", () => {
    for (const q of bank) {
      const { slug, section } = splitLessonRef(q.lesson);
      expect(TOPICS.some((t) => t.lesson === slug), q.id).toBe(true);
      const anchors = lessonAnchors(slug);
      if (section && anchors) expect(anchors.has(section), `${q.id} → ${q.lesson}`).toBe(true);
    }
  });

  it("should never show an ordering question's items already in the correct order", () => {
    for (const q of bank) {
      if (q.kind !== "ordering") continue;
      expect(q.choices.map((c) => c.id), q.id).not.toEqual(q.answer);
    }
  });

  it("should avoid '->' in answer texts, which GIFT would read as a matching question", () => {
    for (const q of bank) {
      if ("choices" in q) for (const c of q.choices) expect(`${c.en}${c.zh}`, q.id).not.toContain("->");
      if (q.kind === "text") expect(q.answer.accept.en.join(""), q.id).not.toContain("->");
    }
  });

  it("should keep each file's questions in that file's topic", () => {
    const dir = path.join(process.cwd(), "content", "questions");
    for (const f of readdirSync(dir)) {
      const qs = parseQuestionFile(readFileSync(path.join(dir, f), "utf8"), f);
      expect(new Set(qs.map((q) => q.topic))).toEqual(new Set([f.replace(/\.yaml$/, "")]));
    }
  });
});

describe("authoredQuestionSchema", () => {
  it("should accept a minimal valid question and default a numeric tolerance to 0", () => {
    expect(authoredQuestionSchema.safeParse(valid).success).toBe(true);
    const numeric = authoredQuestionSchema.parse({ ...withoutChoices, kind: "numeric", answer: { value: 3 } });
    expect(numeric.kind === "numeric" && numeric.answer.tolerance).toBe(0);
  });

  it("should reject an answer that is not a choice id", () => {
    expect(authoredQuestionSchema.safeParse({ ...valid, answer: "c" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, kind: "multiple", answer: ["a", "z"] }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, kind: "multiple", answer: ["a", "a"] }).success).toBe(false);
  });

  it("should reject choice ids that are not a, b, c … in order", () => {
    const swapped = { ...valid, choices: [valid.choices[1], valid.choices[0]] };
    expect(authoredQuestionSchema.safeParse(swapped).success).toBe(false);
  });

  it("should reject an ordering that is not a permutation or is already shown in order", () => {
    const ordering = {
      ...valid,
      kind: "ordering",
      choices: [...valid.choices, { id: "c", en: "C", zh: "丙" }],
    };
    expect(authoredQuestionSchema.safeParse({ ...ordering, answer: ["c", "b", "a"] }).success).toBe(true);
    expect(authoredQuestionSchema.safeParse({ ...ordering, answer: ["c", "b"] }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...ordering, answer: ["c", "c", "a"] }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...ordering, answer: ["a", "b", "c"] }).success).toBe(false);
  });

  it("should reject a missing language, an unknown topic, lesson or misconception, and unknown fields", () => {
    expect(authoredQuestionSchema.safeParse({ ...valid, prompt: { en: "Q?" } }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, prompt: { en: "Q?", zh: "  " } }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, topic: "routing" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, lesson: "no-such-lesson#x" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, lesson: "time-wait#Bad Anchor" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, misconception: "made-up" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, answr: "a" }).success).toBe(false);
    expect(authoredQuestionSchema.safeParse({ ...valid, difficulty: 4 }).success).toBe(false);
  });

  it("should reject a text question without accepted answers in both languages", () => {
    const text = { ...withoutChoices, kind: "text" };
    expect(authoredQuestionSchema.safeParse({ ...text, answer: { accept: { en: ["x"], zh: ["x"] } } }).success).toBe(true);
    expect(authoredQuestionSchema.safeParse({ ...text, answer: { accept: { en: ["x"], zh: [] } } }).success).toBe(false);
  });

  it("should name the file and the failing path when a topic file is broken", () => {
    const yaml = "- id: broken\n  topic: handshake\n  kind: single\n";
    expect(() => parseQuestionFile(yaml, "content/questions/handshake.yaml")).toThrow(/handshake\.yaml/);
    const misplaced = `- ${JSON.stringify(valid)}`;
    expect(() => parseQuestionFile(misplaced, "content/questions/backlog.yaml")).toThrow(/lives in backlog\.yaml/);
  });
});
