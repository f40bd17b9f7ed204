import { ConvertStepUnitToMinutes, State, default_learning_steps, default_relearning_steps } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  RATINGS,
  buildDailyQueue,
  cardStateSchema,
  countDoneToday,
  formatInterval,
  fromCardStateRow,
  fromReviewLogRow,
  newCardState,
  previewIntervals,
  ratingFromScore,
  retrievability,
  review,
  toCardStateRow,
  toReviewLogRow,
  type CardState,
  type ReviewRating,
} from "@/lib/flashcards/scheduler";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = new Date("2025-03-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const dueMs = (state: CardState) => Date.parse(state.due);

// ts-fsrs documents its default steps in its types: learning [1m, 10m], relearning [10m];
// on the first learning step Again = first step, Hard = mean of the first two steps, Good = second step.
const [step1, step2] = default_learning_steps.map((s) => ConvertStepUnitToMinutes(s));
const [relearnStep] = default_relearning_steps.map((s) => ConvertStepUnitToMinutes(s));

/** A card graduated to review by rating a new card Easy, then reviewed on its due date. */
function reviewCard(): CardState {
  return review(newCardState(T0), "easy", T0).state;
}

describe("newCardState", () => {
  it("should be new, due immediately, with no history", () => {
    const state = newCardState(T0);
    expect(state.state).toBe("new");
    expect(state.due).toBe(T0.toISOString());
    expect(state.reps).toBe(0);
    expect(state.lapses).toBe(0);
    expect(state.lastReview).toBeNull();
    expect(cardStateSchema.safeParse(state).success).toBe(true);
  });

  it("should reject an invalid date", () => {
    expect(() => newCardState(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("review of a new card", () => {
  it("should keep the card in learning after Again, due after the first learning step", () => {
    expect(step1).toBe(1);
    const { state, log } = review(newCardState(T0), "again", T0);
    expect(state.state).toBe("learning");
    expect(dueMs(state) - T0.getTime()).toBe(step1! * MINUTE);
    expect(log.rating).toBe("again");
    expect(log.state).toBe("new");
  });

  it("should keep the card in learning after Hard, due after the mean of the first two steps", () => {
    const { state } = review(newCardState(T0), "hard", T0);
    expect(state.state).toBe("learning");
    expect(dueMs(state) - T0.getTime()).toBe(Math.round((step1! + step2!) / 2) * MINUTE);
  });

  it("should move the card to the second learning step after Good", () => {
    const { state } = review(newCardState(T0), "good", T0);
    expect(state.state).toBe("learning");
    expect(state.learningSteps).toBe(1);
    expect(dueMs(state) - T0.getTime()).toBe(step2! * MINUTE);
  });

  it("should graduate the card straight to review after Easy, with a whole number of days", () => {
    const { state } = review(newCardState(T0), "easy", T0);
    expect(state.state).toBe("review");
    expect(state.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(dueMs(state) - T0.getTime()).toBe(state.scheduledDays * DAY);
  });

  it("should count the review and record when it happened", () => {
    const { state, log } = review(newCardState(T0), "good", T0);
    expect(state.reps).toBe(1);
    expect(state.lastReview).toBe(T0.toISOString());
    expect(log.review).toBe(T0.toISOString());
  });
});

describe("review ordering", () => {
  const cases: [string, () => { state: CardState; now: Date }][] = [
    ["a new card", () => ({ state: newCardState(T0), now: T0 })],
    [
      "a learning card on its second step",
      () => {
        const state = review(newCardState(T0), "good", T0).state;
        return { state, now: new Date(state.due) };
      },
    ],
    [
      "a review card on its due date",
      () => {
        const state = reviewCard();
        return { state, now: new Date(state.due) };
      },
    ],
  ];

  it.each(cases)("should give strictly later due dates for Again < Hard < Good < Easy on %s", (_, make) => {
    const { state, now } = make();
    const dues = RATINGS.map((rating) => dueMs(review(state, rating, now).state));
    for (let i = 1; i < dues.length; i += 1) expect(dues[i]!).toBeGreaterThan(dues[i - 1]!);
  });
});

describe("review of a learning card", () => {
  it("should graduate to review when Good is pressed on the last learning step", () => {
    const first = review(newCardState(T0), "good", T0).state;
    const { state } = review(first, "good", new Date(first.due));
    expect(state.state).toBe("review");
    expect(state.scheduledDays).toBeGreaterThanOrEqual(1);
  });
});

describe("review of a review card", () => {
  it("should send the card to relearning after Again, count a lapse, and use the relearning step", () => {
    const before = reviewCard();
    const now = new Date(before.due);
    const { state, log } = review(before, "again", now);
    expect(state.state).toBe("relearning");
    expect(state.lapses).toBe(before.lapses + 1);
    expect(dueMs(state) - now.getTime()).toBe(relearnStep! * MINUTE);
    expect(log.state).toBe("review");
  });

  it("should stay in review and push the due date further than the last interval after Good", () => {
    const before = reviewCard();
    const now = new Date(before.due);
    const { state } = review(before, "good", now);
    expect(state.state).toBe("review");
    // A successful recall at the due date increases stability, so the next interval is longer.
    expect(state.scheduledDays).toBeGreaterThan(before.scheduledDays);
    expect(state.lapses).toBe(0);
  });

  it("should schedule shorter intervals when the desired retention is higher", () => {
    // FSRS interval I(r, S) = S / FACTOR * (r^(1/DECAY) - 1) decreases as the target retention r rises.
    const before = reviewCard();
    const now = new Date(before.due);
    const low = review(before, "good", now, { desiredRetention: 0.8 }).state;
    const high = review(before, "good", now, { desiredRetention: 0.95 }).state;
    expect(low.scheduledDays).toBeGreaterThan(high.scheduledDays);
  });

  it("should never schedule beyond the maximum interval", () => {
    const { state } = review(newCardState(T0), "easy", T0, { maximumIntervalDays: 2 });
    expect(state.scheduledDays).toBeLessThanOrEqual(2);
  });
});

describe("scheduler parameters", () => {
  it.each([0.7, 0.9, 0.99])("should accept a desired retention of %s", (desiredRetention) => {
    expect(() => review(newCardState(T0), "good", T0, { desiredRetention })).not.toThrow();
  });

  it.each([0.5, 0.69, 0.995, 1, Number.NaN])("should reject a desired retention of %s", (desiredRetention) => {
    expect(() => review(newCardState(T0), "good", T0, { desiredRetention })).toThrow();
  });

  it("should reject an unknown rating", () => {
    expect(() => review(newCardState(T0), "perfect" as ReviewRating, T0)).toThrow();
  });
});

describe("purity and serialisation", () => {
  it("should treat a review dated before the last review (clock skew) as happening at the last review", () => {
    // 9 h before 08:00 UTC is the previous day, which ts-fsrs itself rejects (negative elapsed days).
    const state = reviewCard();
    const last = new Date(state.lastReview!);
    const skewed = review(state, "good", new Date(last.getTime() - 9 * 3_600_000));
    expect(skewed).toEqual(review(state, "good", last));
    expect(skewed.log.review).toBe(last.toISOString());
  });

  it("should not mutate its input and give the same result for the same input", () => {
    const state = reviewCard();
    const copy = structuredClone(state);
    const now = at(5 * DAY);
    const a = review(state, "hard", now);
    const b = review(state, "hard", now);
    expect(state).toEqual(copy);
    expect(a).toEqual(b);
  });

  it("should survive a JSON round trip", () => {
    const { state, log } = review(reviewCard(), "good", at(9 * DAY));
    expect(cardStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
  });

  it("should round-trip a state through its database row, with ts-fsrs state numbers", () => {
    const state = review(reviewCard(), "again", at(9 * DAY)).state;
    const row = toCardStateRow(state);
    expect(row.state).toBe(State.Relearning);
    expect(row.due).toBeInstanceOf(Date);
    expect(fromCardStateRow(row)).toEqual(state);
    // A driver may hand dates back as ISO strings.
    expect(fromCardStateRow({ ...row, due: row.due.toISOString(), lastReview: row.lastReview?.toISOString() ?? null })).toEqual(state);
  });

  it("should round-trip a review log through its database row", () => {
    const { log } = review(newCardState(T0), "hard", T0);
    const row = toReviewLogRow(log);
    expect(row.rating).toBe(2);
    expect(row.state).toBe(State.New);
    expect(fromReviewLogRow(row)).toEqual({ ...log, lastElapsedDays: 0, learningSteps: 0 });
  });

  it("should reject a row with an unknown state number", () => {
    const row = toCardStateRow(newCardState(T0));
    expect(() => fromCardStateRow({ ...row, state: 7 })).toThrow();
  });
});

describe("previewIntervals", () => {
  it("should show, for every rating, exactly the due date review() then applies", () => {
    const state = reviewCard();
    const now = new Date(state.due);
    const preview = previewIntervals(state, now);
    for (const rating of RATINGS) {
      const applied = review(state, rating, now).state;
      expect(preview[rating].due).toBe(applied.due);
      expect(preview[rating].state).toBe(applied.state);
      expect(preview[rating].intervalMs).toBe(dueMs(applied) - now.getTime());
    }
  });

  it("should label the buttons of a new card with the learning steps", () => {
    const preview = previewIntervals(newCardState(T0), T0);
    expect(preview.again.label).toEqual({ en: `${step1}m`, zh: `${step1}分钟` });
    expect(preview.good.label).toEqual({ en: `${step2}m`, zh: `${step2}分钟` });
    expect(preview.easy.label.en).toMatch(/^\d+d$/);
  });
});

describe("retrievability", () => {
  it("should be null for a new card and fall over time for a reviewed one", () => {
    expect(retrievability(newCardState(T0), T0)).toBeNull();
    const state = reviewCard();
    const soon = retrievability(state, at(1 * DAY))!;
    const later = retrievability(state, at(60 * DAY))!;
    expect(soon).toBeGreaterThan(later);
    expect(soon).toBeLessThanOrEqual(1);
    expect(later).toBeGreaterThan(0);
  });
});

describe("formatInterval", () => {
  it.each([
    [30_000, "<1m", "<1分钟"],
    [10 * MINUTE, "10m", "10分钟"],
    [6 * 60 * MINUTE, "6h", "6小时"],
    [4 * DAY, "4d", "4天"],
    [45 * DAY, "1.5mo", "1.5个月"],
    [730 * DAY, "2y", "2年"],
  ])("should format %s ms as %s / %s", (ms, en, zh) => {
    expect(formatInterval(ms)).toEqual({ en, zh });
  });
});

describe("ratingFromScore", () => {
  it.each([
    [0, "again"],
    [0.59, "again"],
    [0.6, "hard"],
    [0.99, "hard"],
    [1, "good"],
  ] as const)("should map score %s to %s", (score, rating) => {
    expect(ratingFromScore(score)).toBe(rating);
  });

  it("should rate a perfect answer Easy only when it was fast", () => {
    expect(ratingFromScore(1, { answeredInMs: 8_000 })).toBe("easy");
    expect(ratingFromScore(1, { answeredInMs: 45_000 })).toBe("good");
    expect(ratingFromScore(0.8, { answeredInMs: 1_000 })).toBe("hard");
    expect(ratingFromScore(1, { answeredInMs: 30_000, easyWithinMs: 40_000 })).toBe("easy");
  });

  it.each([-0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY])("should reject score %s", (score) => {
    expect(() => ratingFromScore(score)).toThrow(RangeError);
  });
});

describe("buildDailyQueue", () => {
  const card = (id: string, state: CardState["state"], due: Date) => ({
    id,
    state: cardStateSchema.parse({ ...newCardState(T0), state, due: due.toISOString() }),
  });
  const newCards = (n: number) => Array.from({ length: n }, (_, i) => card(`n${i}`, "new", T0));

  it("should limit new cards to what is left of today's allowance", () => {
    const q = buildDailyQueue(newCards(30), T0, { newPerDay: 20, newDoneToday: 5 });
    expect(q.counts.new).toBe(15);
    expect(q.deferred.new).toBe(15);
    expect(q.queue.map((c) => c.id)).toEqual(Array.from({ length: 15 }, (_, i) => `n${i}`));
  });

  it("should show a new card a missed question sent back before the others, even past the allowance (issue #19)", () => {
    const cards = [...newCards(3), { ...card("missed", "new", T0), requeued: true }];
    const q = buildDailyQueue(cards, T0, { newPerDay: 10, newDoneToday: 12 });
    expect(q.queue.map((c) => c.id)).toEqual(["missed"]);
    expect(q.counts.new).toBe(1);
    expect(q.deferred.new).toBe(3);
  });

  it("should show no new cards once the allowance is used up", () => {
    const q = buildDailyQueue(newCards(3), T0, { newPerDay: 10, newDoneToday: 12 });
    expect(q.counts.new).toBe(0);
    expect(q.deferred.new).toBe(3);
  });

  it("should limit reviews and take the most overdue first", () => {
    const cards = [card("r-1d", "review", at(-1 * DAY)), card("r-5d", "review", at(-5 * DAY)), card("r-3d", "review", at(-3 * DAY))];
    const q = buildDailyQueue(cards, T0, { reviewsPerDay: 10, reviewsDoneToday: 8 });
    expect(q.queue.map((c) => c.id)).toEqual(["r-5d", "r-3d"]);
    expect(q.deferred.review).toBe(1);
  });

  it("should include reviews due later today in the learner's time zone, but not tomorrow's", () => {
    // 15:00 UTC is 23:00 in UTC+8, so that learner's day ends at 16:00 UTC.
    const now = new Date("2025-03-01T15:00:00.000Z");
    const cards = [card("today", "review", new Date("2025-03-01T15:30:00.000Z")), card("tomorrow-cn", "review", new Date("2025-03-01T16:30:00.000Z"))];
    expect(buildDailyQueue(cards, now, { utcOffsetMinutes: 480 }).queue.map((c) => c.id)).toEqual(["today"]);
    expect(buildDailyQueue(cards, now, { utcOffsetMinutes: 0 }).queue.map((c) => c.id)).toEqual(["today", "tomorrow-cn"]);
  });

  it("should put learning cards that are due first, unlimited, and report when the next one is due", () => {
    const cards = [
      card("new", "new", T0),
      card("review", "review", at(-DAY)),
      card("learn-due", "learning", at(-MINUTE)),
      card("relearn-due", "relearning", at(-5 * MINUTE)),
      card("learn-later", "learning", at(7 * MINUTE)),
    ];
    const q = buildDailyQueue(cards, T0, { reviewsPerDay: 0 });
    expect(q.queue.map((c) => c.id)).toEqual(["relearn-due", "learn-due", "new"]);
    expect(q.counts).toEqual({ learning: 2, review: 0, new: 1 });
    expect(q.nextLearningDue).toBe(at(7 * MINUTE).toISOString());
  });

  it("should order learning, then reviews, then new cards", () => {
    const cards = [card("new", "new", T0), card("review", "review", at(-DAY)), card("learn", "learning", at(-MINUTE))];
    expect(buildDailyQueue(cards, T0).queue.map((c) => c.id)).toEqual(["learn", "review", "new"]);
  });

  it("should reject invalid limits", () => {
    expect(() => buildDailyQueue([], T0, { newPerDay: -1 })).toThrow();
    expect(() => buildDailyQueue([], T0, { reviewsPerDay: 1.5 })).toThrow();
    expect(() => buildDailyQueue([], T0, { utcOffsetMinutes: 24 * 60 })).toThrow();
  });
});

describe("countDoneToday", () => {
  it("should count first reviews and review-state reviews of the learner's day only", () => {
    const now = new Date("2025-03-01T20:00:00.000Z");
    const log = (state: CardState["state"], review: string) => ({ state, review });
    const logs = [
      log("new", "2025-03-01T09:00:00.000Z"),
      log("new", "2025-03-01T09:05:00.000Z"),
      log("learning", "2025-03-01T09:06:00.000Z"),
      log("review", "2025-03-01T10:00:00.000Z"),
      log("review", "2025-02-28T23:59:59.000Z"),
    ];
    expect(countDoneToday(logs, now)).toEqual({ newDoneToday: 2, reviewsDoneToday: 1 });
    // In UTC+8 "today" (2025-03-02 local) starts at 2025-03-01T16:00Z: none of the logs is in it.
    expect(countDoneToday(logs, now, 480)).toEqual({ newDoneToday: 0, reviewsDoneToday: 0 });
  });
});
