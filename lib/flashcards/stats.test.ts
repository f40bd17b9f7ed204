import { describe, expect, it } from "vitest";
import { cardStateSchema, newCardState, type CardState, type ReviewRating } from "@/lib/flashcards/scheduler";
import { computeStats, type StatsLog } from "@/lib/flashcards/stats";

const NOW = new Date("2025-03-10T12:00:00.000Z");

const card = (state: CardState["state"], due: string): CardState =>
  cardStateSchema.parse({ ...newCardState(NOW), state, due });
const log = (review: string, rating: ReviewRating, state: CardState["state"]): StatsLog => ({ review, rating, state });

describe("computeStats", () => {
  const cards = [
    card("new", "2025-03-10T12:00:00.000Z"),
    card("new", "2025-03-01T00:00:00.000Z"),
    card("learning", "2025-03-10T12:05:00.000Z"),
    card("review", "2025-03-09T08:00:00.000Z"),
    card("review", "2025-03-10T23:00:00.000Z"),
    card("review", "2025-03-11T01:00:00.000Z"),
    card("relearning", "2025-03-10T11:00:00.000Z"),
  ];
  const logs = [
    log("2025-03-07T10:00:00.000Z", "good", "review"), // before the 3-day window
    log("2025-03-08T09:00:00.000Z", "again", "new"), // a first review: charted, not in retention
    log("2025-03-08T09:01:00.000Z", "good", "learning"),
    log("2025-03-09T10:00:00.000Z", "again", "review"),
    log("2025-03-09T11:00:00.000Z", "hard", "review"),
    log("2025-03-10T08:00:00.000Z", "easy", "review"),
  ];
  const stats = computeStats(cards, logs, NOW, { days: 3, targetRetention: 0.9 });

  it("should count started cards due before the end of today, and the overdue ones among them", () => {
    // learning 12:05 today, review yesterday (overdue), review 23:00 today, relearning 11:00 today.
    expect(stats.dueToday).toBe(4);
    expect(stats.overdue).toBe(1);
  });

  it("should count cards by state", () => {
    expect(stats.cardsByState).toEqual({ new: 2, learning: 1, review: 3, relearning: 1 });
    expect(stats.totalCards).toBe(7);
  });

  it("should chart reviews per day over the window, oldest first, ending today", () => {
    expect(stats.reviewsPerDay).toEqual([
      { day: "2025-03-08", total: 2, byRating: { again: 1, hard: 0, good: 1, easy: 0 } },
      { day: "2025-03-09", total: 2, byRating: { again: 1, hard: 1, good: 0, easy: 0 } },
      { day: "2025-03-10", total: 1, byRating: { again: 0, hard: 0, good: 0, easy: 1 } },
    ]);
  });

  it("should measure retention over reviews of started cards: 3 recalled of 4 is 0.75 against 0.9", () => {
    expect(stats.retention.reviews).toBe(4);
    expect(stats.retention.recalled).toBe(3);
    expect(stats.retention.measured).toBe(0.75);
    expect(stats.retention.target).toBe(0.9);
    expect(stats.retention.difference).toBeCloseTo(-0.15, 10);
  });

  it("should report no measured retention when there are no reviews of started cards", () => {
    const s = computeStats([], [log("2025-03-10T08:00:00.000Z", "good", "new")], NOW, { days: 7 });
    expect(s.retention.measured).toBeNull();
    expect(s.retention.difference).toBeNull();
    expect(s.reviewsPerDay).toHaveLength(7);
    expect(s.reviewsPerDay.at(-1)).toEqual({ day: "2025-03-10", total: 1, byRating: { again: 0, hard: 0, good: 1, easy: 0 } });
  });

  it("should put reviews on the learner's local days", () => {
    // 18:00 UTC is 02:00 on 11 March in UTC+8. 15:30 UTC is 23:30 local on the 10th, 16:30 UTC is 00:30 on the 11th.
    const now = new Date("2025-03-10T18:00:00.000Z");
    const evening = [log("2025-03-10T15:30:00.000Z", "good", "review"), log("2025-03-10T16:30:00.000Z", "good", "review")];
    const china = computeStats([], evening, now, { days: 2, utcOffsetMinutes: 480 });
    expect(china.reviewsPerDay.map((d) => [d.day, d.total])).toEqual([
      ["2025-03-10", 1],
      ["2025-03-11", 1],
    ]);
    const utc = computeStats([], evening, now, { days: 2 });
    expect(utc.reviewsPerDay.map((d) => [d.day, d.total])).toEqual([
      ["2025-03-09", 0],
      ["2025-03-10", 2],
    ]);
  });

  it("should use the learner's day for due cards too", () => {
    // At 18:00 UTC a UTC+8 learner is already on the 11th, so a card due 01:00 UTC on the 11th (09:00 local) is due today.
    const due = [card("review", "2025-03-11T01:00:00.000Z")];
    expect(computeStats(due, [], new Date("2025-03-10T18:00:00.000Z"), { utcOffsetMinutes: 480 }).dueToday).toBe(1);
    expect(computeStats(due, [], new Date("2025-03-10T18:00:00.000Z")).dueToday).toBe(0);
  });

  it("should reject invalid options", () => {
    expect(() => computeStats([], [], NOW, { days: 0 })).toThrow();
    expect(() => computeStats([], [], NOW, { targetRetention: 0.5 })).toThrow();
    expect(() => computeStats([], [], new Date(Number.NaN))).toThrow(RangeError);
  });
});
