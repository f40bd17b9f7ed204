import { randomInt } from "node:crypto";
import { bankQuestionsByTopic, getBankQuestion } from "@/lib/content/questions";
import type { TopicId } from "@/lib/content/topics";
import type { FamilyId } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { type Actor, QuizError } from "./errors";
import { isId } from "./sanitize";
import { sealedRefs } from "./sealed";
import { availableFamilies, getScenarioFamily } from "./families";
import { variantRow } from "./store";
import type { ItemSpec } from "./types";
import { authoredVariant, familyVariant, randomSeed, type Variant } from "./variants";

/**
 * The practice area: any signed-in user, no class. Each "next" is a new variant with a fresh
 * seed, stored as a QuestionAttempt without a quiz attempt; feedback is immediate.
 */
export type PracticeScope = { kind: "family"; family: FamilyId } | { kind: "topic"; topic: TopicId };

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

async function pick(actor: Actor, scope: PracticeScope, previousRef: string | undefined): Promise<ItemSpec> {
  if (scope.kind === "family") {
    if (!getScenarioFamily(scope.family)) throw new QuizError("familyUnavailable");
    return { source: "family", family: scope.family };
  }
  // A bank question in an exam open to the student's class is not practised meanwhile (lib/server/quiz/sealed.ts).
  const sealed = await sealedRefs(actor.id);
  const all = topicCandidates(scope.topic).filter((s) => !(s.source === "bank" && sealed.bank.has(s.bankId)));
  if (all.length === 0) throw new QuizError("notFound");
  // Avoid showing the same question twice in a row when there is a choice.
  const choices = all.length > 1 ? all.filter((s) => (s.source === "bank" ? s.bankId : s.source === "family" ? s.family : "") !== previousRef) : all;
  return choices[randomInt(0, choices.length)] ?? all[0]!;
}

function scopeWhere(actor: Actor, scope: PracticeScope) {
  return scope.kind === "family"
    ? { userId: actor.id, origin: "practice", quizAttemptId: null, source: "family", ref: scope.family }
    : { userId: actor.id, origin: "practice", quizAttemptId: null, topic: scope.topic };
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
