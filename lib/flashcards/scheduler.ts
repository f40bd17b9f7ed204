import {
  Rating,
  State,
  createEmptyCard,
  fsrs,
  generatorParameters,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
  type ReviewLog as FsrsReviewLog,
} from "ts-fsrs";
import { z } from "zod";
import { startOfNextDay, utcOffsetMinutesSchema } from "@/lib/flashcards/day";
import type { Localized } from "@/lib/core";

/**
 * Pure spaced-repetition layer over ts-fsrs 5 (FSRS-6). All scheduling math is ts-fsrs's; this
 * module only converts between its Date-based objects and JSON/DB-friendly values, validates
 * inputs, and builds the daily queue. Time is always an argument (`now`), never read here.
 * @see https://github.com/open-spaced-repetition/ts-fsrs
 */

export const RATINGS = ["again", "hard", "good", "easy"] as const;
export const ratingSchema = z.enum(RATINGS);
export type ReviewRating = z.infer<typeof ratingSchema>;

/** Index = ts-fsrs `State` value (New = 0 … Relearning = 3), which is what the DB column stores. */
export const CARD_STATE_NAMES = ["new", "learning", "review", "relearning"] as const;
export const cardStateNameSchema = z.enum(CARD_STATE_NAMES);
export type CardStateName = z.infer<typeof cardStateNameSchema>;

const RATING_TO_FSRS: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const STATE_TO_FSRS: Record<CardStateName, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

function stateName(state: State): CardStateName {
  const name = CARD_STATE_NAMES[state];
  if (!name) throw new RangeError(`unknown FSRS state ${String(state)}`);
  return name;
}

function ratingName(rating: Rating): ReviewRating {
  // Rating.Again = 1 … Rating.Easy = 4; Rating.Manual (0) is never produced by review().
  const name = RATINGS[rating - 1];
  if (!name) throw new RangeError(`unsupported FSRS rating ${String(rating)}`);
  return name;
}

const isoDateSchema = z.iso.datetime({ offset: true });
const countSchema = z.number().int().nonnegative();

/**
 * A card's memory state, JSON-serialisable (dates as ISO strings) so it can cross the server →
 * client boundary as a prop and be stored as-is. Field meanings are ts-fsrs's `Card`.
 */
/** The memory fields a card state and a review log entry share (ts-fsrs `Card` / `ReviewLog`). */
const memory = {
  due: isoDateSchema,
  stability: z.number().nonnegative(),
  difficulty: z.number().min(0).max(10),
  elapsedDays: countSchema,
};

export const cardStateSchema = z
  .object({
    ...memory,
    scheduledDays: countSchema,
    learningSteps: countSchema,
    reps: countSchema,
    lapses: countSchema,
    state: cardStateNameSchema,
    lastReview: isoDateSchema.nullable(),
  })
  .strict();
export type CardState = z.infer<typeof cardStateSchema>;

/**
 * One review, as ts-fsrs logs it: `state`, `due`, `stability`, `difficulty` are the values
 * BEFORE the review (so `state === "new"` marks a card's first review).
 */
export const reviewLogEntrySchema = z
  .object({
    rating: ratingSchema,
    state: cardStateNameSchema,
    ...memory,
    lastElapsedDays: countSchema,
    scheduledDays: countSchema,
    learningSteps: countSchema,
    review: isoDateSchema,
  })
  .strict();
export type ReviewLogEntry = z.infer<typeof reviewLogEntrySchema>;

/** Desired retention is a per-user setting; FSRS trades review load against recall probability. */
export const schedulerParamsSchema = z
  .object({
    desiredRetention: z.number().min(0.7).max(0.99).default(0.9),
    maximumIntervalDays: z.number().int().min(1).max(36500).default(36500),
  })
  .strict();
export type SchedulerParams = z.input<typeof schedulerParamsSchema>;

function assertValidDate(now: Date): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError("`now` must be a valid Date");
  }
}

function makeScheduler(params: SchedulerParams = {}): FSRS {
  const { desiredRetention, maximumIntervalDays } = schedulerParamsSchema.parse(params);
  // Fuzz stays off so the interval shown on a button is exactly the one review() applies.
  // Learning steps are ts-fsrs's defaults (1m, 10m; relearning 10m), the same as Anki's.
  return fsrs(
    generatorParameters({
      request_retention: desiredRetention,
      maximum_interval: maximumIntervalDays,
      enable_fuzz: false,
      enable_short_term: true,
    }),
  );
}

function toFsrsCard(state: CardState): FsrsCard {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: STATE_TO_FSRS[state.state],
    last_review: state.lastReview ? new Date(state.lastReview) : undefined,
  };
}

function fromFsrsCard(card: FsrsCard): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: stateName(card.state),
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

function fromFsrsLog(log: FsrsReviewLog): ReviewLogEntry {
  return {
    rating: ratingName(log.rating),
    state: stateName(log.state),
    due: log.due.toISOString(),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: log.review.toISOString(),
  };
}

/**
 * ts-fsrs rejects a review dated before the card's last review (negative elapsed days). That can
 * only come from clocks disagreeing (several app instances, a client's clock), so such a review
 * is treated as happening at the last review time instead of failing the learner's click.
 */
function reviewTime(state: CardState, now: Date): Date {
  const last = state.lastReview ? Date.parse(state.lastReview) : Number.NEGATIVE_INFINITY;
  return now.getTime() < last ? new Date(last) : now;
}

/** The state of a card never reviewed: due immediately. */
export function newCardState(now: Date): CardState {
  assertValidDate(now);
  return fromFsrsCard(createEmptyCard(now));
}

export interface IntervalPreview {
  due: string;
  intervalMs: number;
  state: CardStateName;
  /** Short label for the rating button, e.g. "10m" / "10分钟", "4d" / "4天". */
  label: Localized;
}

/** What each of the four buttons would do, for the labels under them. */
export function previewIntervals(
  state: CardState,
  now: Date,
  params?: SchedulerParams,
): Record<ReviewRating, IntervalPreview> {
  assertValidDate(now);
  const at = reviewTime(state, now);
  const preview = makeScheduler(params).repeat(toFsrsCard(state), at);
  const entry = (rating: ReviewRating): IntervalPreview => {
    const card = preview[RATING_TO_FSRS[rating]].card;
    const intervalMs = card.due.getTime() - at.getTime();
    return { due: card.due.toISOString(), intervalMs, state: stateName(card.state), label: formatInterval(intervalMs) };
  };
  return { again: entry("again"), hard: entry("hard"), good: entry("good"), easy: entry("easy") };
}

/** Applies one rating. Returns the new state and the log entry to store. */
export function review(
  state: CardState,
  rating: ReviewRating,
  now: Date,
  params?: SchedulerParams,
): { state: CardState; log: ReviewLogEntry } {
  assertValidDate(now);
  const grade = RATING_TO_FSRS[ratingSchema.parse(rating)];
  const result = makeScheduler(params).next(toFsrsCard(state), reviewTime(state, now), grade);
  return { state: fromFsrsCard(result.card), log: fromFsrsLog(result.log) };
}

/** Probability of recall now (FSRS forgetting curve); null for a card never reviewed. */
export function retrievability(state: CardState, now: Date, params?: SchedulerParams): number | null {
  assertValidDate(now);
  if (state.state === "new") return null;
  return makeScheduler(params).get_retrievability(toFsrsCard(state), reviewTime(state, now), false);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function oneDecimal(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Compact, Anki-like interval label in both languages. */
export function formatInterval(ms: number): Localized {
  if (ms < MINUTE) return { en: "<1m", zh: "<1分钟" };
  if (ms < HOUR) {
    const n = Math.round(ms / MINUTE);
    return n < 60 ? { en: `${n}m`, zh: `${n}分钟` } : { en: "1h", zh: "1小时" };
  }
  if (ms < DAY) {
    const n = Math.round(ms / HOUR);
    return n < 24 ? { en: `${n}h`, zh: `${n}小时` } : { en: "1d", zh: "1天" };
  }
  const days = ms / DAY;
  if (days < 30) {
    const n = Math.round(days);
    return { en: `${n}d`, zh: `${n}天` };
  }
  if (days < 365) {
    const n = oneDecimal(days / 30);
    return { en: `${n}mo`, zh: `${n}个月` };
  }
  const n = oneDecimal(days / 365);
  return { en: `${n}y`, zh: `${n}年` };
}

/** Below this share of the points, a scenario answer counts as a failed recall. */
export const AGAIN_BELOW_SCORE = 0.6;
/** A perfect answer given at least this fast is rated Easy (when the answer time is known). */
export const EASY_WITHIN_MS = 20_000;

/**
 * Maps the automatic grade of a scenario card (score 0..1 from the question family's grader) to
 * a rating the student may still adjust:
 * - score < 0.6 → Again (more wrong than right: a lapse)
 * - 0.6 ≤ score < 1 → Hard (recalled, with mistakes)
 * - score = 1 → Good, or Easy if `answeredInMs` is given and ≤ `easyWithinMs` (default 20 s):
 *   a perfect answer alone does not show the recall was effortless, speed does.
 */
export function ratingFromScore(
  score: number,
  options: { answeredInMs?: number; easyWithinMs?: number } = {},
): ReviewRating {
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    throw new RangeError(`score must be a number in [0, 1], got ${String(score)}`);
  }
  if (score < AGAIN_BELOW_SCORE) return "again";
  if (score < 1) return "hard";
  const { answeredInMs, easyWithinMs = EASY_WITHIN_MS } = options;
  return answeredInMs !== undefined && answeredInMs >= 0 && answeredInMs <= easyWithinMs ? "easy" : "good";
}

export const queueOptionsSchema = z
  .object({
    newPerDay: z.number().int().min(0).max(9999).default(20),
    reviewsPerDay: z.number().int().min(0).max(99999).default(200),
    /** Cards whose first review happened today (logs with state "new"). */
    newDoneToday: countSchema.default(0),
    /** Reviews today of cards that were in the review state (logs with state "review"). */
    reviewsDoneToday: countSchema.default(0),
    utcOffsetMinutes: utcOffsetMinutesSchema.default(0),
  })
  .strict();
export type QueueOptions = z.input<typeof queueOptionsSchema>;

export interface DailyQueue<T> {
  /** Cards to show now, in order: learning/relearning due now, then reviews, then new cards. */
  queue: T[];
  counts: { learning: number; review: number; new: number };
  /** Cards available today but held back by the daily limits. */
  deferred: { review: number; new: number };
  /** Earliest due time of a learning/relearning card that is not due yet (the "come back at" time). */
  nextLearningDue: string | null;
}

const byDue = <T extends { state: CardState }>(a: T, b: T) => Date.parse(a.state.due) - Date.parse(b.state.due);

/**
 * Today's queue, Anki-style:
 * - learning/relearning cards (minutes-long steps) are shown once due and are never limited;
 * - new cards marked `requeued` (sent back by a missed question) likewise, right after them;
 * - review cards due before the end of the learner's day, most overdue first, up to
 *   `reviewsPerDay - reviewsDoneToday`;
 * - new cards in the given order (deck order), up to `newPerDay - newDoneToday`.
 */
export function buildDailyQueue<T extends { state: CardState; requeued?: boolean }>(
  cards: readonly T[],
  now: Date,
  options: QueueOptions = {},
): DailyQueue<T> {
  assertValidDate(now);
  const opts = queueOptionsSchema.parse(options);
  const nowMs = now.getTime();
  const endOfDayMs = startOfNextDay(now, opts.utcOffsetMinutes).getTime();

  const learning: T[] = [];
  const reviews: T[] = [];
  const fresh: T[] = [];
  const requeued: T[] = [];
  let nextLearningDueMs: number | null = null;

  for (const card of cards) {
    const dueMs = Date.parse(card.state.due);
    switch (card.state.state) {
      case "new":
        // A new card a missed question sent back (lib/flashcards/related.ts) is due now like a
        // learning card: shown first and not held back by the new-card limit (issue #19).
        (card.requeued ? requeued : fresh).push(card);
        break;
      case "learning":
      case "relearning":
        if (dueMs <= nowMs) learning.push(card);
        else if (nextLearningDueMs === null || dueMs < nextLearningDueMs) nextLearningDueMs = dueMs;
        break;
      case "review":
        if (dueMs < endOfDayMs) reviews.push(card);
        break;
      default: {
        const unreachable: never = card.state.state;
        throw new Error(`unknown card state ${String(unreachable)}`);
      }
    }
  }

  learning.sort(byDue);
  reviews.sort(byDue);
  const reviewRoom = Math.max(0, opts.reviewsPerDay - opts.reviewsDoneToday);
  const newRoom = Math.max(0, opts.newPerDay - opts.newDoneToday);
  const todaysReviews = reviews.slice(0, reviewRoom);
  const todaysNew = fresh.slice(0, newRoom);

  return {
    queue: [...learning, ...requeued, ...todaysReviews, ...todaysNew],
    counts: { learning: learning.length, review: todaysReviews.length, new: todaysNew.length + requeued.length },
    deferred: { review: reviews.length - todaysReviews.length, new: fresh.length - todaysNew.length },
    nextLearningDue: nextLearningDueMs === null ? null : new Date(nextLearningDueMs).toISOString(),
  };
}

/**
 * How much of today's limits the learner has used, from their review logs (for the
 * `newDoneToday` / `reviewsDoneToday` queue options).
 */
export function countDoneToday(
  logs: readonly Pick<ReviewLogEntry, "state" | "review">[],
  now: Date,
  utcOffsetMinutes = 0,
): { newDoneToday: number; reviewsDoneToday: number } {
  assertValidDate(now);
  const endMs = startOfNextDay(now, utcOffsetMinutes).getTime();
  const startMs = endMs - 24 * HOUR;
  let newDoneToday = 0;
  let reviewsDoneToday = 0;
  for (const log of logs) {
    const at = Date.parse(log.review);
    if (at < startMs || at >= endMs) continue;
    if (log.state === "new") newDoneToday += 1;
    else if (log.state === "review") reviewsDoneToday += 1;
  }
  return { newDoneToday, reviewsDoneToday };
}

// ---------------------------------------------------------------- database rows

/**
 * Column values of `CardState` in prisma/schema.prisma (without id/userId/cardRef): dates as
 * Date (DateTime columns), `state` as the ts-fsrs State number.
 */
export type CardStateRow = Omit<CardState, "due" | "state" | "lastReview"> & { due: Date; state: number; lastReview: Date | null };

/** Column values of `ReviewLog` in prisma/schema.prisma (without id/userId/cardRef/score). */
export interface ReviewLogRow {
  rating: number;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  review: Date;
}

type DateLike = Date | string;
const toIso = (value: DateLike): string => (typeof value === "string" ? new Date(value) : value).toISOString();

export function toCardStateRow({ due, state, lastReview, ...counts }: CardState): CardStateRow {
  return { due: new Date(due), ...counts, state: STATE_TO_FSRS[state], lastReview: lastReview ? new Date(lastReview) : null };
}

/** Reads a row back (dates as Date or ISO string) and validates it; throws ZodError on bad data. */
export function fromCardStateRow(
  row: Omit<CardStateRow, "due" | "lastReview"> & { due: DateLike; lastReview: DateLike | null },
): CardState {
  return cardStateSchema.parse({
    due: toIso(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: stateName(row.state),
    lastReview: row.lastReview === null ? null : toIso(row.lastReview),
  });
}

export function toReviewLogRow(log: ReviewLogEntry): ReviewLogRow {
  return {
    rating: RATING_TO_FSRS[log.rating],
    state: STATE_TO_FSRS[log.state],
    due: new Date(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsedDays,
    scheduledDays: log.scheduledDays,
    review: new Date(log.review),
  };
}

/**
 * Reads a stored log back. The table keeps no `lastElapsedDays`/`learningSteps` (ts-fsrs marks
 * them deprecated or derivable), so they come back as 0; stats and queues do not use them.
 */
export function fromReviewLogRow(
  row: Omit<ReviewLogRow, "due" | "review"> & { due: DateLike; review: DateLike },
): ReviewLogEntry {
  return reviewLogEntrySchema.parse({
    rating: ratingName(row.rating),
    state: stateName(row.state),
    due: toIso(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    lastElapsedDays: 0,
    scheduledDays: row.scheduledDays,
    learningSteps: 0,
    review: toIso(row.review),
  });
}
