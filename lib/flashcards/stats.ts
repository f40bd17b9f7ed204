import { z } from "zod";
import { DAY_MS, dayKey, startOfDay, startOfNextDay, utcOffsetMinutesSchema } from "@/lib/flashcards/day";
import {
  CARD_STATE_NAMES,
  RATINGS,
  schedulerParamsSchema,
  type CardState,
  type CardStateName,
  type ReviewLogEntry,
  type ReviewRating,
} from "@/lib/flashcards/scheduler";

/** Pure numbers behind the flashcard stats view. Time is passed in; nothing is read from a clock. */

export const statsOptionsSchema = z
  .object({
    /** Length of the window for the chart and the measured retention, ending today. */
    days: z.number().int().min(1).max(365).default(30),
    utcOffsetMinutes: utcOffsetMinutesSchema.default(0),
    targetRetention: schedulerParamsSchema.shape.desiredRetention,
  })
  .strict();
export type StatsOptions = z.input<typeof statsOptionsSchema>;

export type StatsLog = Pick<ReviewLogEntry, "rating" | "state" | "review">;

export interface DayReviews {
  /** `YYYY-MM-DD` in the learner's time zone. */
  day: string;
  total: number;
  byRating: Record<ReviewRating, number>;
}

export interface FlashcardStats {
  /** Started cards (not new) due before the end of today, overdue ones included. */
  dueToday: number;
  /** Of those, cards already due before today began. */
  overdue: number;
  cardsByState: Record<CardStateName, number>;
  totalCards: number;
  /** One entry per day of the window, oldest first; the last one is today. */
  reviewsPerDay: DayReviews[];
  retention: {
    /** Share of reviews of already-started cards that were not rated Again; null without such reviews. */
    measured: number | null;
    target: number;
    /** measured − target (positive: remembering more than asked for); null when measured is null. */
    difference: number | null;
    /** Reviews counted (cards that were not new at the time of the review). */
    reviews: number;
    /** Of those, rated Hard, Good or Easy. */
    recalled: number;
  };
}

const zeroByRating = (): Record<ReviewRating, number> =>
  Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<ReviewRating, number>;

/**
 * `cards` must hold one state per card in scope; cards the learner has never opened count as new
 * (pass `newCardState(now)` for them). `logs` may contain older reviews: only the window counts.
 */
export function computeStats(
  cards: readonly CardState[],
  logs: readonly StatsLog[],
  now: Date,
  options: StatsOptions = {},
): FlashcardStats {
  if (Number.isNaN(now.getTime())) throw new RangeError("`now` must be a valid Date");
  const { days, utcOffsetMinutes, targetRetention } = statsOptionsSchema.parse(options);

  const todayStart = startOfDay(now, utcOffsetMinutes).getTime();
  const todayEnd = startOfNextDay(now, utcOffsetMinutes).getTime();
  const cardsByState = Object.fromEntries(CARD_STATE_NAMES.map((s) => [s, 0])) as Record<CardStateName, number>;
  let dueToday = 0;
  let overdue = 0;
  for (const card of cards) {
    cardsByState[card.state] += 1;
    if (card.state === "new") continue;
    const due = Date.parse(card.due);
    if (due < todayEnd) dueToday += 1;
    if (due < todayStart) overdue += 1;
  }

  const windowStart = todayStart - (days - 1) * DAY_MS;
  const reviewsPerDay: DayReviews[] = Array.from({ length: days }, (_, i) => ({
    // Noon of each local day, so the key never falls on a boundary.
    day: dayKey(new Date(windowStart + i * DAY_MS + DAY_MS / 2), utcOffsetMinutes),
    total: 0,
    byRating: zeroByRating(),
  }));
  let reviews = 0;
  let recalled = 0;
  for (const log of logs) {
    const at = Date.parse(log.review);
    if (Number.isNaN(at) || at < windowStart || at >= todayEnd) continue;
    const bucket = reviewsPerDay[Math.floor((at - windowStart) / DAY_MS)];
    if (bucket) {
      bucket.total += 1;
      bucket.byRating[log.rating] += 1;
    }
    if (log.state !== "new") {
      reviews += 1;
      if (log.rating !== "again") recalled += 1;
    }
  }
  const measured = reviews === 0 ? null : recalled / reviews;

  return {
    dueToday,
    overdue,
    cardsByState,
    totalCards: cards.length,
    reviewsPerDay,
    retention: {
      measured,
      target: targetRetention,
      difference: measured === null ? null : measured - targetRetention,
      reviews,
      recalled,
    },
  };
}
