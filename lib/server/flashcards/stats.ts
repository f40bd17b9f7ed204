import { DAY_MS, startOfDay } from "@/lib/flashcards/day";
import { fromCardStateRow, fromReviewLogRow, newCardState } from "@/lib/flashcards/scheduler";
import { computeStats, type FlashcardStats } from "@/lib/flashcards/stats";
import { db } from "@/lib/server/db";
import { loadCatalog, type DeckScope } from "./catalog";
import { getSettings } from "./settings";

export const STATS_DAYS = 30;

/**
 * The stats view for one learner and deck scope (lib/flashcards/stats.ts): due today, reviews
 * per day over the last STATS_DAYS days, measured retention against their target, cards by state.
 * Logs of deleted own cards still count in the per-day chart of "all decks" (it is history), but
 * not in a topic's.
 */
export async function loadStats(userId: string, scope: DeckScope, now: Date, utcOffsetMinutes: number): Promise<FlashcardStats> {
  const windowStart = new Date(startOfDay(now, utcOffsetMinutes).getTime() - (STATS_DAYS - 1) * DAY_MS);
  const [catalog, stateRows, logRows, settings] = await Promise.all([
    loadCatalog(userId, scope),
    db.cardState.findMany({ where: { userId } }),
    db.reviewLog.findMany({ where: { userId, review: { gte: windowStart } }, select: { cardRef: true, rating: true, state: true, review: true, due: true, stability: true, difficulty: true, elapsedDays: true, scheduledDays: true } }),
    getSettings(userId),
  ]);
  const states = new Map(stateRows.map((row) => [row.cardRef, fromCardStateRow(row)]));
  const inScope = new Set(catalog.map((card) => card.ref));
  const cards = catalog.map((card) => states.get(card.ref) ?? newCardState(now));
  const logs = logRows
    .filter((row) => scope.kind === "all" || inScope.has(row.cardRef))
    .map((row) => {
      const { rating, state, review } = fromReviewLogRow(row);
      return { rating, state, review };
    });
  return computeStats(cards, logs, now, { days: STATS_DAYS, utcOffsetMinutes, targetRetention: settings.desiredRetention });
}
