import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interviewQuestionSchema, loadInterviewBank, parseInterviewFile } from "./interview";
import { TOPIC_IDS, splitLessonRef } from "./topics";

const bank = loadInterviewBank();
const cjk = /[\u4e00-\u9fff]/;

function lessonAnchors(slug: string): Set<string> | undefined {
  const dir = path.join(process.cwd(), "content", "lessons", "en");
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.replace(/^\d+-/, "").replace(/\.md$/, "") === slug);
  if (!file) return undefined;
  return new Set([...readFileSync(path.join(dir, file), "utf8").matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1] ?? ""));
}

describe("the interview bank", () => {
  it("should hold at least 32 questions with unique ids, at least 3 per topic that has any", () => {
    expect(bank.length).toBeGreaterThanOrEqual(32);
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
    // A new lesson's interview questions are optional (content/README.md "Adding a lesson").
    for (const topic of TOPIC_IDS.filter((t) => bank.some((q) => q.topic === t))) {
      expect(bank.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(3);
    }
  });

  it("should cover the classic questions the brief lists", () => {
    // issue #6 "Interview prep" lists these themes explicitly.
    const required = [
      "iv-why-three-way", // why three-way and not two or four
      "iv-why-four-way", // why four-way teardown and when three
      "iv-why-2msl", // why TIME_WAIT lasts 2MSL
      "iv-many-time-wait", // many TIME_WAIT on a server
      "iv-many-close-wait", // many CLOSE_WAIT on a server
      "iv-backlog-meaning", // what backlog means and how it changed
      "iv-accept-connect-return", // in which handshake step accept() returns
      "iv-connect-without-listen", // a connection without listen()
      "iv-syn-flood", // SYN flood and defences
      "iv-handshake-loss", // each handshake segment lost
      "iv-teardown-loss", // each teardown segment lost
      "iv-isn-choice", // ISN choice
      "iv-half-open-half-close", // half-open vs half-close
      "iv-rst-cases", // RST cases
      "iv-reuseaddr-reuseport", // SO_REUSEADDR vs SO_REUSEPORT
      "iv-tw-reuse", // tcp_tw_reuse
      "iv-fin-wait-2", // tcp_fin_timeout
    ];
    const ids = new Set(bank.map((q) => q.id));
    for (const id of required) expect(ids.has(id), id).toBe(true);
  });

  it("should have thorough model answers in both languages, with Chinese in the zh fields", () => {
    for (const q of bank) {
      expect(q.modelAnswer.en.length, q.id).toBeGreaterThanOrEqual(500);
      expect(q.modelAnswer.zh.length, q.id).toBeGreaterThanOrEqual(250);
      for (const text of [q.question, q.modelAnswer, ...q.keyPoints, ...q.followUps]) {
        expect(cjk.test(text.zh), `${q.id}: ${text.zh.slice(0, 30)}`).toBe(true);
        expect(cjk.test(text.en), `${q.id}: ${text.en.slice(0, 30)}`).toBe(false);
      }
    }
  });

  it("should give 3–6 key points and 2–4 follow-ups per question", () => {
    for (const q of bank) {
      expect(q.keyPoints.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.keyPoints.length, q.id).toBeLessThanOrEqual(6);
      expect(q.followUps.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.followUps.length, q.id).toBeLessThanOrEqual(4);
    }
  });

  it("should not hard-wrap Chinese paragraphs (a line break between Chinese characters renders as a space)", () => {
    for (const q of bank) {
      expect(/[\u4e00-\u9fff，。：；）]\n[\u4e00-\u9fff（]/.test(q.modelAnswer.zh), q.id).toBe(false);
    }
  });

  it("should link to existing lessons, and to real sections where the lesson is written", () => {
    for (const q of bank) {
      for (const ref of q.lessons) {
        const { slug, section } = splitLessonRef(ref);
        const anchors = lessonAnchors(slug);
        if (section && anchors) expect(anchors.has(section), `${q.id} → ${ref}`).toBe(true);
      }
    }
  });
});

describe("interviewQuestionSchema", () => {
  const valid = bank[0];

  it("should reject too few key points or follow-ups, a missing language and unknown lessons", () => {
    expect(valid).toBeDefined();
    if (!valid) return;
    expect(interviewQuestionSchema.safeParse(valid).success).toBe(true);
    expect(interviewQuestionSchema.safeParse({ ...valid, keyPoints: valid.keyPoints.slice(0, 2) }).success).toBe(false);
    expect(interviewQuestionSchema.safeParse({ ...valid, followUps: valid.followUps.slice(0, 1) }).success).toBe(false);
    expect(interviewQuestionSchema.safeParse({ ...valid, question: { en: "Why?" } }).success).toBe(false);
    expect(interviewQuestionSchema.safeParse({ ...valid, lessons: ["no-such-lesson"] }).success).toBe(false);
    expect(interviewQuestionSchema.safeParse({ ...valid, lessons: [] }).success).toBe(false);
  });

  it("should report duplicate ids with the file name", () => {
    if (!valid) return;
    const yaml = JSON.stringify([valid, valid]);
    expect(() => parseInterviewFile(yaml, "content/interview/questions.yaml")).toThrow(/duplicate interview question id/);
  });
});
