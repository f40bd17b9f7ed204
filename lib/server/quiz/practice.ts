import { randomInt } from "node:crypto";
import { bankQuestionsByTopic, getBankQuestion } from "@/lib/content/questions";
import { z } from "zod";
import { TOPICS, topicIdSchema, type TopicId } from "@/lib/content/topics";
import { adaptivePick, clampDifficulty, familyDifficulty, type AdaptiveCandidate, type Difficulty } from "@/lib/quiz/adaptive";
import type { FamilyId } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { type Actor, QuizError } from "./errors";
import { isId } from "./sanitize";
import { sealedRefs } from "./sealed";
import { availableFamilies, getScenarioFamily } from "./families";
import { recentResults } from "./adaptive";
import { variantRow } from "./store";
import { familyIdSchema, readStoredParams, type ItemSpec } from "./types";
import { authoredVariant, familyVariant, randomSeed, type Variant } from "./variants";

/**
 * The practice area: any signed-in user, no class. Each "next" is a new variant with a fresh
 * seed, stored as a QuestionAttempt without a quiz attempt; feedback is immediate.
 */
export type PracticeScope = { kind: "family"; family: FamilyId } | { kind: "topic"; topic: TopicId } | { kind: "adaptive" };

/** A scope as the practice pages' forms post it (app/api/practice/route.ts). */
export const practiceScopeSchema = z.union([
  z.object({ kind: z.literal("family"), family: familyIdSchema }),
  z.object({ kind: z.literal("topic"), topic: topicIdSchema }),
  z.object({ kind: z.literal("adaptive") }),
]);

/** The page of a scope, without the locale. */
export function practicePath(scope: PracticeScope): string {
  return scope.kind === "family" ? `/practice/${scope.family}` : scope.kind === "topic" ? `/practice/topic/${scope.topic}` : "/practice/adaptive";
}

/** What a topic's practice draws from: its bank questions and its scenario families. */
export function topicCandidates(topic: TopicId): ItemSpec[] {
  return [
    ...bankQuestionsByTopic(topic).map((q): ItemSpec => ({ source: "bank", bankId: q.id })),
    ...availableFamilies()
      .filter((f) => f.topic === topic)
      .map((f): ItemSpec => ({ source: "family", family: f.id })),
  ];
}

export function variantFor(spec: ItemSpec, seed: number): Variant {
  switch (spec.source) {
    case "bank": {
      const q = getBankQuestion(spec.bankId);
      if (!q) throw new QuizError("notFound");
      return authoredVariant("bank", q.id, q, seed);
    }
    case "family":
      return familyVariant(spec.family, seed, spec.config);
    case "authored":
      throw new Error("practice never draws an instructor's authored question");
  }
}

/** What adaptive practice may ask: the bank questions not sealed by an open exam, and every family. */
async function adaptiveCandidates(actor: Actor): Promise<AdaptiveCandidate[]> {
  // A bank question in an exam open to the student's class is not practised meanwhile (lib/server/quiz/sealed.ts).
  const sealed = await sealedRefs(actor.id);
  return TOPICS.flatMap(({ id }) =>
    topicCandidates(id).flatMap((s): AdaptiveCandidate[] => {
      if (s.source === "family") return [{ kind: "family", id: s.family, topic: id }];
      if (s.source !== "bank" || sealed.bank.has(s.bankId)) return [];
      const q = getBankQuestion(s.bankId);
      return q ? [{ kind: "bank", id: q.id, topic: id, difficulty: clampDifficulty(q.difficulty) }] : [];
    }),
  );
}

function specOf(candidate: AdaptiveCandidate, difficulty: Difficulty): ItemSpec {
  return candidate.kind === "bank" ? { source: "bank", bankId: candidate.id } : { source: "family", family: candidate.id as FamilyId, config: { difficulty } };
}

/**
 * The next question of a scope, adapted to the student's recent results (lib/quiz/adaptive.ts):
 * a family is asked at the difficulty its own recent answers call for; a topic draws its question
 * at the topic's next difficulty; adaptive practice first picks the weakest topic.
 */
async function pick(actor: Actor, scope: PracticeScope, previousRef: string | undefined): Promise<ItemSpec> {
  const results = await recentResults(actor.id);
  if (scope.kind === "family") {
    if (!getScenarioFamily(scope.family)) throw new QuizError("familyUnavailable");
    return { source: "family", family: scope.family, config: { difficulty: familyDifficulty(results, scope.family) } };
  }
  const candidates = await adaptiveCandidates(actor);
  const choice = adaptivePick({
    results,
    candidates,
    topics: TOPICS.map((t) => t.id),
    roll: randomInt(0, 1_000_000) / 1_000_000,
    previousRef,
    ...(scope.kind === "topic" ? { topic: scope.topic } : {}),
  });
  if (!choice) throw new QuizError("notFound");
  return specOf(choice.candidate, choice.difficulty);
}

function scopeWhere(actor: Actor, scope: PracticeScope) {
  const mine = { userId: actor.id, origin: "practice", quizAttemptId: null };
  // Adaptive practice reuses any unanswered practice row (it may have been drawn from any topic).
  return scope.kind === "family" ? { ...mine, source: "family", ref: scope.family } : scope.kind === "topic" ? { ...mine, topic: scope.topic } : mine;
}

/**
 * A new variant for the scope. `replaceId` is the variant being skipped: if it is the caller's
 * own unanswered practice row it is deleted, so skipping leaves no clutter in the statistics.
 */
export async function newPracticeVariant(actor: Actor, scope: PracticeScope, replaceId?: string): Promise<string> {
  let previousRef: string | undefined;
  if (isId(replaceId)) {
    const old = await db.questionAttempt.findUnique({ where: { id: replaceId }, select: { userId: true, quizAttemptId: true, origin: true, submittedAt: true, ref: true } });
    if (old && old.userId === actor.id && old.quizAttemptId === null && old.origin === "practice") {
      previousRef = old.ref;
      if (!old.submittedAt) await db.questionAttempt.deleteMany({ where: { id: replaceId, submittedAt: null } });
    }
  }
  const variant = variantFor(await pick(actor, scope, previousRef), randomSeed());
  const row = await db.questionAttempt.create({ data: { userId: actor.id, ...variantRow(variant, "practice") }, select: { id: true } });
  return row.id;
}

/**
 * "New variant": the same question again with a fresh seed (a family at the same difficulty, a
 * bank question with its options shuffled anew). The caller's own practice row only; an
 * unanswered one is replaced, like a skip.
 */
export async function newVariantOf(actor: Actor, id: string): Promise<string> {
  const old = await getPracticeRow(actor, id);
  if (!old || old.origin !== "practice") throw new QuizError("notFound");
  const params = readStoredParams(old.params);
  let spec: ItemSpec;
  if (params.kind === "family") spec = { source: "family", family: params.family, ...(params.config ? { config: params.config } : {}) };
  else if (old.source === "bank") spec = { source: "bank", bankId: old.ref };
  else throw new QuizError("notFound");
  const variant = variantFor(spec, randomSeed());
  const row = await db.questionAttempt.create({ data: { userId: actor.id, ...variantRow(variant, "practice") }, select: { id: true } });
  if (!old.submittedAt) await db.questionAttempt.deleteMany({ where: { id: old.id, submittedAt: null } });
  return row.id;
}

/**
 * The variant to show when the practice page is opened without one: the latest unanswered one
 * in this scope (so reloading does not pile up rows), else a new one.
 */
export async function openPracticeVariant(actor: Actor, scope: PracticeScope): Promise<string> {
  const open = await db.questionAttempt.findFirst({
    where: { ...scopeWhere(actor, scope), submittedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return open?.id ?? newPracticeVariant(actor, scope);
}

/** A practice row of the caller (never anyone else's, never a quiz question). */
export async function getPracticeRow(actor: Actor, id: string) {
  if (!isId(id)) return null;
  const row = await db.questionAttempt.findUnique({ where: { id } });
  if (!row || row.userId !== actor.id || row.quizAttemptId !== null) return null;
  return row;
}

/** The caller's recent practice answers, newest first. */
export async function recentPractice(actor: Actor, take = 10) {
  return db.questionAttempt.findMany({
    where: { userId: actor.id, origin: "practice", quizAttemptId: null, submittedAt: { not: null } },
    orderBy: { submittedAt: "desc" },
    take,
    select: { id: true, source: true, ref: true, topic: true, score: true, submittedAt: true },
  });
}
