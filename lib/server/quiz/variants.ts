import { createHash, randomInt } from "node:crypto";
import type { Localized } from "@/lib/core";
import type { AuthoredQuestion } from "@/lib/content/questions";
import { getTopic } from "@/lib/content/topics";
import { authoredChoiceKey, authoredFamily, type AuthoredParams } from "@/lib/quiz/authored-family";
import type { FamilyConfig, FamilyId, Prompt, QuestionFamily } from "@/lib/scenarios/types";
import { QuizError } from "./errors";
import { getScenarioFamily } from "./families";
import { describeAnswer } from "./prompt";
import type { Source, StoredParams, StoredResult } from "./types";
import type { Locale } from "@/lib/core";

/**
 * Generation and grading for all three question sources behind one interface. Pure apart from
 * the family registry lookup: callers load authored questions from the bank or the database and
 * persist the results (lib/server/quiz/practice.ts, attempts.ts).
 */

/** A generated variant: what a QuestionAttempt row stores (`prompt` is also inside `params`). */
export type Variant = {
  source: Source;
  ref: string;
  topic: string;
  seed: number;
  params: StoredParams;
  prompt: Prompt;
};

/**
 * A stored or requested variant of a scenario family this build does not have (e.g. a row written
 * by a newer build, or a family withdrawn since): a QuizError, so every route handler and action
 * answers 409 "not available" instead of failing with a 500.
 */
export class UnknownFamilyError extends QuizError {
  constructor(readonly family: string) {
    super("familyUnavailable", { family });
  }
}

/** A fresh seed for a practice variant: unpredictable, fits an SQL INTEGER. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

/**
 * Exams give each student one variant per item: the same seed on every attempt and every
 * reload, different between students (issue #5, "one variant per student").
 */
export function stableSeed(...parts: string[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0) & 0x7fffffff;
}

export function authoredVariant(source: "bank" | "authored", ref: string, question: AuthoredQuestion, seed: number): Variant {
  const g = authoredFamily(question).generate(seed);
  return {
    source,
    ref,
    topic: question.topic,
    seed,
    prompt: g.prompt,
    params: { v: 1, kind: "authored", question, prompt: g.prompt, seed: g.params.seed, order: g.params.order },
  };
}

export function familyVariant(familyId: FamilyId, seed: number, config?: FamilyConfig | null): Variant {
  const family = getScenarioFamily(familyId);
  if (!family) throw new UnknownFamilyError(familyId);
  const g = family.generate(seed, config ?? undefined);
  return {
    source: "family",
    ref: familyId,
    topic: family.topic,
    seed,
    prompt: g.prompt,
    params: { v: 1, kind: "family", family: familyId, config: config ?? null, params: g.params, prompt: g.prompt, ...(g.facets ? { facets: g.facets } : {}) },
  };
}

/** The question family behind a stored variant, with the family's own params and the config it was generated with. */
export type StoredQuestion = { family: QuestionFamily; params: unknown; config: FamilyConfig | undefined };

/**
 * The one lookup from a stored variant to its question family (docs/architecture.md
 * "Questions"): an authored question is its own family (lib/quiz/authored-family.ts), a
 * scenario family comes from the registry. Everything after this — parse, grade, preview,
 * regrade, analytics — is the same code for both.
 */
export function storedQuestion(params: StoredParams): StoredQuestion {
  if (params.kind === "authored") {
    const authored: AuthoredParams = { v: 1, seed: params.seed ?? 0, question: params.question, order: params.order ?? [] };
    return { family: authoredFamily(params.question) as QuestionFamily, params: authored, config: undefined };
  }
  const family = getScenarioFamily(params.family);
  if (!family) throw new UnknownFamilyError(params.family);
  return { family, params: params.params, config: params.config ?? undefined };
}

export type GradeOutcome =
  | { ok: false; error: Localized }
  | { ok: true; parsed: unknown; result: StoredResult };

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
}

/**
 * Parses and grades a raw answer against stored params. A format error comes back as
 * `{ ok: false }` (the caller must not consume the attempt). Only `raw` comes from the client;
 * seed, params and score never do.
 */
export function gradeVariant(params: StoredParams, raw: Record<string, unknown>): GradeOutcome {
  const answerDisplay = describeAnswer(params.prompt, raw);
  const q = storedQuestion(params);
  const parsed = q.family.parse(raw, q.params);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const g = q.family.grade(q.params, parsed.answer);
  return {
    ok: true,
    parsed: parsed.answer,
    result: {
      score: round(g.score),
      correct: g.correct && g.score >= 1,
      feedback: g.feedback,
      explanation: g.explanation,
      correctDisplay: g.correctDisplay,
      answerDisplay,
      ...(g.divergence ? { divergence: g.divergence } : {}),
      ...(g.reveal ? { reveal: g.reveal } : {}),
    },
  };
}

/**
 * The authored choice(s) behind a parsed answer ("c", "a,c", "b>a>c"), stored in
 * `QuestionAttempt.choice` so item analysis counts distractors in SQL; null for other answers.
 */
export function choiceKey(params: StoredParams, parsed: unknown): string | null {
  if (params.kind !== "authored" || parsed === null || typeof parsed !== "object") return null;
  const q = storedQuestion(params);
  return authoredChoiceKey(q.params as AuthoredParams, parsed as Record<string, unknown>);
}

/**
 * The correct raw answer of a stored variant (the family's own answer, which its self-test
 * guarantees parses as a raw answer): for load runs, access tests and the author's preview.
 * Never sent to a student before submission.
 */
export function correctRawAnswer(params: StoredParams, seed: number): Record<string, unknown> {
  const q = storedQuestion(params);
  const g = q.family.generate(seed, q.config);
  return JSON.parse(JSON.stringify(g.answer)) as Record<string, unknown>;
}

/**
 * The correct answer of a variant in words, for the instructor preview (never for students
 * before submission).
 */
export function previewAnswer(variant: Variant): { correctDisplay: Record<string, Localized>; explanation: Localized } {
  const q = storedQuestion(variant.params);
  const g = q.family.generate(variant.seed, q.config);
  const grade = q.family.grade(g.params, g.answer);
  return { correctDisplay: grade.correctDisplay, explanation: grade.explanation };
}

export function topicName(topic: string, locale: Locale): string {
  try {
    return getTopic(topic as Parameters<typeof getTopic>[0]).name[locale];
  } catch {
    return topic;
  }
}
