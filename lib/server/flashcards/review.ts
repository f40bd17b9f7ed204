import { z } from "zod";
import { startOfDay } from "@/lib/flashcards/day";
import {
  buildDailyQueue,
  countDoneToday,
  fromCardStateRow,
  fromReviewLogRow,
  newCardState,
  previewIntervals,
  ratingFromScore,
  ratingSchema,
  review,
  toCardStateRow,
  toReviewLogRow,
  type CardState,
  type DailyQueue,
  type IntervalPreview,
  type ReviewLogEntry,
  type ReviewRating,
} from "@/lib/flashcards/scheduler";
import type { FamilyId } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { variantRow } from "@/lib/server/quiz/store";
import { familyVariant, randomSeed } from "@/lib/server/quiz/variants";
import { cardRefSchema, findCard, loadCatalog, type CatalogCard, type DeckScope } from "./catalog";
import { FlashcardError, isUniqueViolation } from "./errors";
import { queueReleasedExamMisses } from "./missed";
import { getSettings, type FlashcardSettingsInput } from "./settings";

/**
 * Reviewing: the daily queue, one rating applied to one card (state and log written together),
 * and scenario cards, whose every review is a fresh simulator variant graded on the server by the
 * quiz services (a practice QuestionAttempt row holds the seed and params; issue #6 "Scenario
 * cards"). Time is the server's clock, passed in as `now` so tests can move it.
 */

export type QueuedCard = CatalogCard & { state: CardState; requeued?: boolean };

/** A scenario card is one bound to a family that the registry can generate right now. */
export function scenarioFamilyOf(card: CatalogCard): FamilyId | null {
  if (card.kind !== "builtin" || !card.family) return null;
  return getScenarioFamily(card.family) ? card.family : null;
}

async function statesByRef(userId: string): Promise<Map<string, CardState>> {
  const rows = await db.cardState.findMany({ where: { userId } });
  return new Map(rows.map((row) => [row.cardRef, fromCardStateRow(row)]));
}

export async function todaysLogs(userId: string, now: Date, utcOffsetMinutes: number): Promise<ReviewLogEntry[]> {
  const rows = await db.reviewLog.findMany({ where: { userId, review: { gte: startOfDay(now, utcOffsetMinutes) } } });
  return rows.map(fromReviewLogRow);
}

export type ReviewQueue = DailyQueue<QueuedCard> & { settings: FlashcardSettingsInput; total: number };

/**
 * Today's queue for a deck scope (lib/flashcards/scheduler.ts buildDailyQueue). The daily limits
 * are the learner's, counted over all decks: reviewing one topic uses the same allowance.
 */
export async function loadQueue(userId: string, scope: DeckScope, now: Date, utcOffsetMinutes: number): Promise<ReviewQueue> {
  // Exams whose results became visible since the last visit send their missed questions' cards back first.
  await queueReleasedExamMisses(userId, now);
  const [catalog, states, settings, logs] = await Promise.all([
    loadCatalog(userId, scope),
    statesByRef(userId),
    getSettings(userId),
    todaysLogs(userId, now, utcOffsetMinutes),
  ]);
  // A stored state still New was written by a missed question (./missed.ts): due now, shown first.
  const cards: QueuedCard[] = catalog.map((card) => {
    const state = states.get(card.ref);
    return { ...card, state: state ?? newCardState(now), requeued: state?.state === "new" };
  });
  const done = countDoneToday(logs, now, utcOffsetMinutes);
  const queue = buildDailyQueue(cards, now, {
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
    utcOffsetMinutes,
    ...done,
  });
  return { ...queue, settings, total: cards.length };
}

export function previewFor(state: CardState, now: Date, settings: FlashcardSettingsInput): Record<ReviewRating, IntervalPreview> {
  return previewIntervals(state, now, { desiredRetention: settings.desiredRetention });
}

export async function getCardState(userId: string, cardRef: string, now: Date): Promise<CardState> {
  const row = await db.cardState.findUnique({ where: { userId_cardRef: { userId, cardRef } } });
  return row ? fromCardStateRow(row) : newCardState(now);
}

// ---------------------------------------------------------------- scenario cards

type VariantRow = { id: string; userId: string; quizAttemptId: string | null; source: string; ref: string; createdAt: Date };

/**
 * A variant belongs to this review of this card if it is the learner's own practice row of the
 * card's family, generated after the card's last review: one graded answer rates one review.
 */
function variantFits(row: VariantRow | null, userId: string, family: FamilyId, state: CardState): boolean {
  if (!row || row.userId !== userId || row.quizAttemptId !== null || row.source !== "family" || row.ref !== family) return false;
  return state.lastReview === null || row.createdAt.getTime() > Date.parse(state.lastReview);
}

/** A fresh variant of the card's family for this review (a practice QuestionAttempt row). */
export async function newScenarioVariant(userId: string, card: CatalogCard): Promise<string> {
  const family = scenarioFamilyOf(card);
  if (!family) throw new FlashcardError("familyUnavailable");
  const variant = familyVariant(family, randomSeed());
  const row = await db.questionAttempt.create({ data: { userId, ...variantRow(variant, "flashcard") }, select: { id: true } });
  return row.id;
}

export type ScenarioVariant = {
  id: string;
  params: unknown;
  feedback: unknown;
  submittedAt: Date | null;
  score: number | null;
  /** The rating the automatic grade suggests (ratingFromScore); null until graded. */
  suggested: ReviewRating | null;
};

/** The variant `id` if it fits this card's current review, else null (the page then makes a new one). */
export async function getScenarioVariant(userId: string, card: CatalogCard, state: CardState, id: string | undefined): Promise<ScenarioVariant | null> {
  const family = scenarioFamilyOf(card);
  if (!family || !id) return null;
  const row = await db.questionAttempt.findUnique({ where: { id } });
  if (!row || !variantFits(row, userId, family, state)) return null;
  const graded = row.submittedAt !== null && row.score !== null;
  return {
    id: row.id,
    params: row.params,
    feedback: row.feedback,
    submittedAt: row.submittedAt,
    score: row.score,
    suggested: graded ? ratingFromScore(row.score!, { answeredInMs: row.submittedAt!.getTime() - row.createdAt.getTime() }) : null,
  };
}

// ---------------------------------------------------------------- rating a card

export const reviewInputSchema = z
  .object({
    cardRef: cardRefSchema,
    rating: ratingSchema,
    /** Scenario cards only: the graded variant this rating is for. */
    questionAttemptId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** The least time between two ratings of one card (FSRS's shortest learning step is a minute). */
export const REVIEW_REPEAT_MS = 10_000;

export type ReviewOutcome = {
  cardRef: string;
  rating: ReviewRating;
  state: CardState;
  /** When the card is due next (ISO) and how far away that is. */
  due: string;
  intervalMs: number;
  /** The automatic grade of a scenario card's variant; null for other cards. */
  score: number | null;
};

/**
 * Applies one rating: the card's FSRS state and a review-log row are written in one transaction.
 * The state update is conditional on the state read (same `reps`), so two tabs rating the same
 * card at once cannot both apply: the second gets `conflict` and nothing of it is written.
 */
export async function reviewCard(userId: string, input: ReviewInput, now: Date): Promise<ReviewOutcome> {
  const { cardRef, rating, questionAttemptId } = reviewInputSchema.parse(input);
  const card = await findCard(userId, cardRef);
  if (!card) throw new FlashcardError("notFound");
  const [settings, row] = await Promise.all([
    getSettings(userId),
    db.cardState.findUnique({ where: { userId_cardRef: { userId, cardRef } } }),
  ]);
  const before = row ? fromCardStateRow(row) : newCardState(now);
  // One rating per review: a card rated moments ago is not rated again. Requests that read the
  // state together are decided by the conditional update below; this catches the ones that read
  // it just after the winner committed (a double click, a retried request, a script — 8 parallel
  // ratings wrote 3 log rows before, issue #14). No learning step is shorter than a minute.
  if (row?.lastReview && now.getTime() - row.lastReview.getTime() < REVIEW_REPEAT_MS) throw new FlashcardError("conflict");

  let score: number | null = null;
  const family = scenarioFamilyOf(card);
  if (family) {
    // The score comes from the server's own grading of the stored variant, never from the client.
    const qa = questionAttemptId ? await db.questionAttempt.findUnique({ where: { id: questionAttemptId } }) : null;
    if (!qa || !variantFits(qa, userId, family, before) || qa.submittedAt === null || qa.score === null) {
      throw new FlashcardError("answerFirst");
    }
    score = qa.score;
  }

  const { state, log } = review(before, rating, now, { desiredRetention: settings.desiredRetention });
  try {
    await db.$transaction(async (tx) => {
      if (row) {
        const { count } = await tx.cardState.updateMany({ where: { id: row.id, reps: row.reps }, data: toCardStateRow(state) });
        if (count === 0) throw new FlashcardError("conflict");
      } else {
        await tx.cardState.create({ data: { userId, cardRef, ...toCardStateRow(state) } });
      }
      await tx.reviewLog.create({ data: { userId, cardRef, score, ...toReviewLogRow(log) } });
    });
  } catch (error) {
    // A concurrent first review created the state row first.
    if (isUniqueViolation(error)) throw new FlashcardError("conflict");
    throw error;
  }
  return { cardRef, rating, state, due: state.due, intervalMs: Date.parse(state.due) - now.getTime(), score };
}
