import { formatCardRef, loadBuiltinCards } from "@/lib/flashcards/deck";
import { relatedCardIds, type MissedQuestion } from "@/lib/flashcards/related";
import { AGAIN_BELOW_SCORE, newCardState, toCardStateRow } from "@/lib/flashcards/scheduler";
import { db } from "@/lib/server/db";
import { readStoredParams } from "@/lib/server/quiz/types";
import { isUniqueViolation } from "./errors";

/**
 * Mistakes come back on the FSRS schedule (issue #19 item 4): a question missed in practice or in
 * an exam puts its related built-in flashcards (lib/flashcards/related.ts) into the learner's
 * review queue, due now. From then on the card follows FSRS like any other.
 *
 * - A card already started (a `CardState` row) gets `due = now` unless it is due earlier; its
 *   memory state (stability, difficulty, reps) is untouched, so the review that follows is an
 *   ordinary early review for ts-fsrs.
 * - A card never reviewed gets a `CardState` row in state New, due now. No other code writes a
 *   New row (lib/server/flashcards/review.ts writes the state after a review), so such a row is
 *   what marks a card "re-queued": the daily queue shows it first, past the new-card limit
 *   (lib/flashcards/scheduler.ts buildDailyQueue).
 *
 * Idempotent: `CardState` is unique on (userId, cardRef), a second create loses the race with a
 * unique violation and is ignored, and re-queuing a card already due changes nothing. Each
 * missed answer is queued once: a practice answer when it is graded (the grading write happens
 * exactly once, lib/server/quiz/submit.ts), an exam's answers once per attempt when its results
 * become visible (`QuizAttempt.cardsQueuedAt`, claimed with a conditional update).
 */

/** A question counts as missed below the line where a flashcard recall counts as failed. */
export const MISSED_BELOW = AGAIN_BELOW_SCORE;

/** The related card refs ("b:<id>") of one graded row (its stored params say what it asked). */
export function relatedRefs(row: { source: string; ref: string; params: unknown }): string[] {
  let question: MissedQuestion;
  if (row.source === "family") question = { kind: "family", family: row.ref };
  else {
    const params = readStoredParams(row.params);
    if (params.kind !== "authored") return [];
    const q = params.question;
    question = { kind: "authored", id: q.id, topic: q.topic, lesson: q.lesson, ...(q.misconception ? { misconception: q.misconception } : {}) };
  }
  return relatedCardIds(question, loadBuiltinCards()).map((id) => formatCardRef({ kind: "builtin", id }));
}

/** Puts these cards in the learner's queue, due now (see above). Returns the refs queued. */
export async function queueCardsDueNow(userId: string, cardRefs: readonly string[], now: Date): Promise<string[]> {
  const refs = [...new Set(cardRefs)];
  if (refs.length === 0) return [];
  // Started cards: bring the due date forward, never back.
  await db.cardState.updateMany({ where: { userId, cardRef: { in: refs }, due: { gt: now } }, data: { due: now } });
  const existing = new Set((await db.cardState.findMany({ where: { userId, cardRef: { in: refs } }, select: { cardRef: true } })).map((r) => r.cardRef));
  for (const cardRef of refs) {
    if (existing.has(cardRef)) continue;
    try {
      await db.cardState.create({ data: { userId, cardRef, ...toCardStateRow(newCardState(now)) } });
    } catch (error) {
      // Another request queued (or reviewed) it first: it is in the queue either way.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return refs;
}

/** After grading one practice answer: its related cards if it was missed. */
export async function queueMissedAnswer(
  userId: string,
  row: { source: string; ref: string; params: unknown },
  score: number,
  now: Date,
): Promise<string[]> {
  if (score >= MISSED_BELOW) return [];
  return queueCardsDueNow(userId, relatedRefs(row), now);
}

/**
 * Exams: once an attempt is finished and its results are visible (closed or released), the
 * related cards of its missed questions are queued, once per attempt. Called when the learner
 * opens the flashcards or the dashboard, so no job runs at the exam's closing time.
 */
export async function queueReleasedExamMisses(userId: string, now: Date): Promise<number> {
  const attempts = await db.quizAttempt.findMany({
    where: {
      userId,
      submittedAt: { not: null },
      cardsQueuedAt: null,
      quiz: { mode: "EXAM", OR: [{ closesAt: { lte: now } }, { resultsReleasedAt: { lte: now } }] },
    },
    select: { id: true },
  });
  let queued = 0;
  for (const attempt of attempts) {
    // Claim the attempt first: of two concurrent page loads, one queues its cards.
    const { count } = await db.quizAttempt.updateMany({ where: { id: attempt.id, cardsQueuedAt: null }, data: { cardsQueuedAt: now } });
    if (count === 0) continue;
    const missed = await db.questionAttempt.findMany({
      where: { quizAttemptId: attempt.id, OR: [{ score: null }, { score: { lt: MISSED_BELOW } }] },
      select: { source: true, ref: true, params: true },
    });
    const refs = missed.flatMap((row) => {
      try {
        return relatedRefs(row);
      } catch {
        return []; // a row this build cannot read: nothing to queue for it
      }
    });
    queued += (await queueCardsDueNow(userId, refs, now)).length;
  }
  return queued;
}
