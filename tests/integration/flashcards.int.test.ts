import { default_w } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAnki } from "@/lib/flashcards/anki";
import { loadBuiltinCards } from "@/lib/flashcards/deck";
import { db } from "@/lib/server/db";
import { exportDeck, importCards } from "@/lib/server/flashcards/anki";
import { createUserCard, deleteUserCard, getUserCard, listUserCards, MAX_USER_CARDS, updateUserCard } from "@/lib/server/flashcards/cards";
import { findCard, loadCatalog } from "@/lib/server/flashcards/catalog";
import { FlashcardError } from "@/lib/server/flashcards/errors";
import { getCardState, getScenarioVariant, loadQueue, newScenarioVariant, reviewCard } from "@/lib/server/flashcards/review";
import { saveSettings } from "@/lib/server/flashcards/settings";
import { loadStats } from "@/lib/server/flashcards/stats";
import { setFamilyLookup } from "@/lib/server/quiz/families";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { fakeIsn, fakeFamilyLookup } from "@/lib/server/quiz/testing/fake-family";
import { readStoredParams } from "@/lib/server/quiz/types";
import { dbKind, domainErrorCode, makeUser } from "./helpers";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = new Date("2030-03-04T08:00:00.000Z");

const codeOf = (promise: Promise<unknown>) => domainErrorCode(promise, FlashcardError);

const firstHandshakeCard = () => {
  const card = loadBuiltinCards().find((c) => c.topic === "handshake" && !c.family);
  if (!card) throw new Error("the handshake deck has no plain card");
  return `b:${card.id}`;
};

describe(`flashcard reviews on ${dbKind()}`, () => {
  it("should write the new state and one log row per review, with due dates per rating", async () => {
    const user = await makeUser();
    const ref = firstHandshakeCard();
    // ts-fsrs's default learning steps are 1 min and 10 min (as Anki's): Again repeats the first
    // step, Good moves to the second; Easy leaves learning at once with the initial stability of
    // Easy, w[3] days, which is also the interval at 90 % retention (FSRS: I(0.9) = S).
    const expected: Record<string, (dueMs: number) => void> = {
      again: (ms) => expect(ms).toBe(1 * MINUTE),
      good: (ms) => expect(ms).toBe(10 * MINUTE),
      hard: (ms) => {
        expect(ms).toBeGreaterThan(1 * MINUTE);
        expect(ms).toBeLessThan(10 * MINUTE);
      },
      easy: (ms) => expect(ms).toBe(Math.round(default_w[3]!) * DAY),
    };
    for (const rating of ["again", "hard", "good", "easy"] as const) {
      const u = rating === "again" ? user : await makeUser();
      const outcome = await reviewCard(u.id, { cardRef: ref, rating }, T0);
      expected[rating]!(outcome.intervalMs);
      const row = await db.cardState.findUniqueOrThrow({ where: { userId_cardRef: { userId: u.id, cardRef: ref } } });
      expect(row.due.toISOString()).toBe(outcome.due);
      expect(row.reps).toBe(1);
      expect(row.state).toBe(rating === "easy" ? 2 : 1); // ts-fsrs State: Learning 1, Review 2
      const logs = await db.reviewLog.findMany({ where: { userId: u.id } });
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ cardRef: ref, rating: ["again", "hard", "good", "easy"].indexOf(rating) + 1, state: 0, score: null });
      expect(logs[0]!.review.toISOString()).toBe(T0.toISOString());
    }
  });

  it("should apply one rating and write one log row when the same card is rated 8 times at once (issue #14)", async () => {
    const user = await makeUser();
    const ref = firstHandshakeCard();
    await reviewCard(user.id, { cardRef: ref, rating: "good" }, T0);
    const later = new Date(T0.getTime() + 11 * MINUTE);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => reviewCard(user.id, { cardRef: ref, rating: "good" }, later)));
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as FlashcardError).code).toBe("conflict");
    }
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const state = await db.cardState.findUniqueOrThrow({ where: { userId_cardRef: { userId: user.id, cardRef: ref } } });
    expect(state.reps).toBe(2);
    expect(await db.reviewLog.count({ where: { userId: user.id, cardRef: ref } })).toBe(2);
  });

  it("should apply one first rating of a new card rated 8 times at once", async () => {
    const user = await makeUser();
    const ref = firstHandshakeCard();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => reviewCard(user.id, { cardRef: ref, rating: "again" }, T0)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.reviewLog.count({ where: { userId: user.id, cardRef: ref } })).toBe(1);
    // A minute later (the shortest learning step) the card can be rated again.
    await reviewCard(user.id, { cardRef: ref, rating: "good" }, new Date(T0.getTime() + MINUTE));
    expect(await db.reviewLog.count({ where: { userId: user.id, cardRef: ref } })).toBe(2);
  });

  it("should make a higher desired retention give a shorter interval", async () => {
    const low = await makeUser();
    const high = await makeUser();
    await saveSettings(low.id, { desiredRetention: 0.8, newPerDay: 20, reviewsPerDay: 200 });
    await saveSettings(high.id, { desiredRetention: 0.97, newPerDay: 20, reviewsPerDay: 200 });
    const ref = firstHandshakeCard();
    const a = await reviewCard(low.id, { cardRef: ref, rating: "easy" }, T0);
    const b = await reviewCard(high.id, { cardRef: ref, rating: "easy" }, T0);
    // FSRS interval I(r) = S/F · (r^(1/decay) − 1) falls as the requested retention r rises.
    expect(b.intervalMs).toBeLessThan(a.intervalMs);
  });

  it("should reject settings outside their ranges", async () => {
    const user = await makeUser();
    await expect(saveSettings(user.id, { desiredRetention: 0.5, newPerDay: 20, reviewsPerDay: 200 })).rejects.toThrow();
    await expect(saveSettings(user.id, { desiredRetention: 0.9, newPerDay: -1, reviewsPerDay: 200 })).rejects.toThrow();
    expect(await db.flashcardSettings.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe(`daily queue limits on ${dbKind()}`, () => {
  it("should offer at most newPerDay new cards, counting the ones started today", async () => {
    const user = await makeUser();
    await saveSettings(user.id, { desiredRetention: 0.9, newPerDay: 3, reviewsPerDay: 200 });
    const q1 = await loadQueue(user.id, { kind: "topic", topic: "handshake" }, T0, 0);
    expect(q1.counts).toEqual({ learning: 0, review: 0, new: 3 });
    const handshakeCards = loadBuiltinCards().filter((c) => c.topic === "handshake").length;
    expect(q1.deferred.new).toBe(handshakeCards - 3);
    // Start one new card: it becomes a learning card due in 10 min, and one new slot is used.
    await reviewCard(user.id, { cardRef: q1.queue[0]!.ref, rating: "good" }, T0);
    const q2 = await loadQueue(user.id, { kind: "topic", topic: "handshake" }, new Date(T0.getTime() + MINUTE), 0);
    expect(q2.counts).toEqual({ learning: 0, review: 0, new: 2 });
    expect(q2.nextLearningDue).toBe(new Date(T0.getTime() + 10 * MINUTE).toISOString());
    // Once due, the learning card is shown (never limited) before the new ones.
    const q3 = await loadQueue(user.id, { kind: "topic", topic: "handshake" }, new Date(T0.getTime() + 10 * MINUTE), 0);
    expect(q3.queue[0]!.ref).toBe(q1.queue[0]!.ref);
    expect(q3.counts.learning).toBe(1);
    // The limit is per learner's day: the next day has three fresh slots again.
    const q4 = await loadQueue(user.id, { kind: "topic", topic: "handshake" }, new Date(T0.getTime() + DAY), 0);
    expect(q4.counts.new).toBe(3);
  });

  it("should cap reviews at reviewsPerDay, most overdue first", async () => {
    const user = await makeUser();
    await saveSettings(user.id, { desiredRetention: 0.9, newPerDay: 10, reviewsPerDay: 2 });
    const cards = loadBuiltinCards().filter((c) => c.topic === "teardown" && !c.family).slice(0, 4);
    // Graduate four cards with Easy at one-hour steps, so they fall due in that order.
    for (const [i, card] of cards.entries()) {
      await reviewCard(user.id, { cardRef: `b:${card.id}`, rating: "easy" }, new Date(T0.getTime() + i * 60 * MINUTE));
    }
    const later = new Date(T0.getTime() + 60 * DAY);
    const q = await loadQueue(user.id, { kind: "topic", topic: "teardown" }, later, 0);
    expect(q.counts.review).toBe(2);
    expect(q.deferred.review).toBe(2);
    expect(q.queue.slice(0, 2).map((c) => c.ref)).toEqual([`b:${cards[0]!.id}`, `b:${cards[1]!.id}`]);
  });
});

describe(`scenario cards on ${dbKind()}`, () => {
  beforeAll(() => setFamilyLookup(fakeFamilyLookup));
  afterAll(() => setFamilyLookup(undefined));

  const scenarioRef = () => {
    const card = loadBuiltinCards().find((c) => c.family === "handshake-numbers");
    if (!card) throw new Error("no handshake-numbers scenario card");
    return `b:${card.id}`;
  };

  it("should refuse a rating until a fresh variant is answered, then log the server's score", async () => {
    const user = await makeUser();
    const ref = scenarioRef();
    expect(await codeOf(reviewCard(user.id, { cardRef: ref, rating: "good" }, new Date()))).toBe("answerFirst");

    const card = (await findCard(user.id, ref))!;
    const variantId = await newScenarioVariant(user.id, card);
    expect(await codeOf(reviewCard(user.id, { cardRef: ref, rating: "good", questionAttemptId: variantId }, new Date()))).toBe("answerFirst");

    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id: variantId } });
    const params = readStoredParams(row.params);
    if (params.kind !== "family") throw new Error("expected a family variant");
    // The fake family asks for the SYN-ACK's ack: ISN + 1 (a SYN occupies one sequence number).
    const isn = fakeIsn(row.seed);
    const graded = await submitAnswer({ id: user.id, role: "STUDENT" }, variantId, { ack: isn + 1, state: "SYN-SENT" }, "en");
    expect(graded.status).toBe("graded");

    const state = await getCardState(user.id, ref, new Date());
    const variant = await getScenarioVariant(user.id, card, state, variantId);
    // Half the fields right: score 0.5 < 0.6 → the suggested rating is Again (ratingFromScore).
    expect(variant?.score).toBe(0.5);
    expect(variant?.suggested).toBe("again");

    // The learner may still choose another rating; the score stored is the server's.
    const outcome = await reviewCard(user.id, { cardRef: ref, rating: "hard", questionAttemptId: variantId }, new Date());
    expect(outcome.score).toBe(0.5);
    const log = await db.reviewLog.findFirstOrThrow({ where: { userId: user.id, cardRef: ref } });
    expect(log.score).toBe(0.5);
    expect(log.rating).toBe(2);

    // One answered variant rates one review: reusing it for the next one is refused.
    expect(await codeOf(reviewCard(user.id, { cardRef: ref, rating: "easy", questionAttemptId: variantId }, new Date(Date.now() + DAY)))).toBe("answerFirst");
    expect(await getScenarioVariant(user.id, card, await getCardState(user.id, ref, new Date()), variantId)).toBeNull();
  });

  it("should not accept another learner's graded variant", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const ref = scenarioRef();
    const card = (await findCard(owner.id, ref))!;
    const variantId = await newScenarioVariant(owner.id, card);
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id: variantId } });
    await submitAnswer({ id: owner.id, role: "STUDENT" }, variantId, { ack: fakeIsn(row.seed) + 1, state: "ESTABLISHED" }, "en");
    expect(await codeOf(reviewCard(other.id, { cardRef: ref, rating: "good", questionAttemptId: variantId }, new Date()))).toBe("answerFirst");
    expect(await db.reviewLog.count({ where: { userId: other.id } })).toBe(0);
  });

  it("should treat a scenario card as a plain card while its family is not available", async () => {
    setFamilyLookup(() => undefined);
    try {
      const user = await makeUser();
      const outcome = await reviewCard(user.id, { cardRef: scenarioRef(), rating: "good" }, T0);
      expect(outcome.score).toBeNull();
    } finally {
      setFamilyLookup(fakeFamilyLookup);
    }
  });
});

describe(`own cards on ${dbKind()}`, () => {
  it("should create, edit and delete a card, dropping its state but keeping its history", async () => {
    const user = await makeUser();
    const card = await createUserCard(user.id, { front: "  What is **MSL**?  ", back: "Maximum segment lifetime", tags: ["time-wait", "rfc"], topic: "time-wait" });
    expect(card.front).toBe("What is **MSL**?");
    expect(card.tags).toEqual(["time-wait", "rfc"]);
    const edited = await updateUserCard(user.id, card.id, { front: "MSL?", back: "Maximum segment lifetime (RFC 9293)", tags: [], topic: null });
    expect(edited).toMatchObject({ front: "MSL?", tags: [], topic: null });
    await reviewCard(user.id, { cardRef: card.ref, rating: "good" }, T0);
    await deleteUserCard(user.id, card.id);
    expect(await getUserCard(user.id, card.id)).toBeNull();
    expect(await db.cardState.count({ where: { userId: user.id, cardRef: card.ref } })).toBe(0);
    expect(await db.reviewLog.count({ where: { userId: user.id, cardRef: card.ref } })).toBe(1);
  });

  it("should validate lengths and tags and write nothing on bad input", async () => {
    const user = await makeUser();
    await expect(createUserCard(user.id, { front: "", back: "x", tags: [], topic: null })).rejects.toThrow();
    await expect(createUserCard(user.id, { front: "x".repeat(4001), back: "x", tags: [], topic: null })).rejects.toThrow();
    await expect(createUserCard(user.id, { front: "x", back: "y", tags: ["two words"], topic: null })).rejects.toThrow();
    expect(await db.card.count({ where: { userId: user.id } })).toBe(0);
  });

  it("should keep every learner's cards, states and logs to themselves", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const card = await createUserCard(alice.id, { front: "Alice's front", back: "Alice's back", tags: [], topic: "handshake" });
    await reviewCard(alice.id, { cardRef: card.ref, rating: "good" }, T0);

    expect(await getUserCard(bob.id, card.id)).toBeNull();
    expect(await findCard(bob.id, card.ref)).toBeNull();
    expect(await codeOf(updateUserCard(bob.id, card.id, { front: "x", back: "y", tags: [], topic: null }))).toBe("notFound");
    expect(await codeOf(deleteUserCard(bob.id, card.id))).toBe("notFound");
    expect(await codeOf(reviewCard(bob.id, { cardRef: card.ref, rating: "easy" }, T0))).toBe("notFound");
    expect(await listUserCards(bob.id)).toEqual([]);
    expect((await loadCatalog(bob.id, { kind: "topic", topic: "handshake" })).some((c) => c.ref === card.ref)).toBe(false);
    expect((await exportDeck(bob.id, { kind: "own" }, "en")).count).toBe(0);
    const bobStats = await loadStats(bob.id, { kind: "all" }, T0, 0);
    expect(bobStats.reviewsPerDay.at(-1)?.total).toBe(0);
    // Alice's card is untouched.
    expect((await getUserCard(alice.id, card.id))?.front).toBe("Alice's front");
    expect(await db.reviewLog.count({ where: { userId: alice.id } })).toBe(1);
  });
});

describe(`Anki import and export on ${dbKind()}`, () => {
  it("should import nothing when any line is bad, and name the bad lines", async () => {
    const user = await makeUser();
    const text = ["#separator:tab", "#html:false", "good front\tgood back\ttag1", "\tno front here", "another\tfine\t"].join("\n");
    const outcome = await importCards(user.id, text, { topic: null });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.map((e) => e.line)).toEqual([4]);
    expect(await db.card.count({ where: { userId: user.id } })).toBe(0);
  });

  it("should refuse an empty file and a file that would exceed the collection limit", async () => {
    const user = await makeUser();
    const empty = await importCards(user.id, "#separator:tab\n", { topic: null });
    expect(empty.ok).toBe(false);
    const lines = Array.from({ length: 3 }, (_, i) => `f${i}\tb${i}`).join("\n");
    await db.card.createMany({ data: Array.from({ length: MAX_USER_CARDS - 2 }, (_, i) => ({ userId: user.id, front: `x${i}`, back: "y" })) });
    const over = await importCards(user.id, lines, { topic: null });
    expect(over.ok).toBe(false);
    expect(await db.card.count({ where: { userId: user.id } })).toBe(MAX_USER_CARDS - 2);
    await db.card.deleteMany({ where: { userId: user.id } });
  });

  it("should round-trip own cards through an Anki file, markdown intact", async () => {
    const alice = await makeUser();
    const cards = [
      { front: "Why **2MSL**?", back: "1. old duplicates die\n2. the last ACK can be resent\n\n`tcp_fin_timeout` is *not* it", tags: ["time-wait"], topic: "time-wait" as const },
      { front: "Tabs\tand \"quotes\" & <tags>", back: "# not a comment", tags: [], topic: null },
    ];
    for (const c of cards) await createUserCard(alice.id, c);
    const exported = await exportDeck(alice.id, { kind: "own" }, "zh");
    expect(exported.count).toBe(2);

    const bob = await makeUser();
    const imported = await importCards(bob.id, exported.text, { topic: "time-wait" });
    expect(imported).toEqual({ ok: true, imported: 2 });
    const back = await listUserCards(bob.id);
    expect(back.map((c) => ({ front: c.front, back: c.back, tags: c.tags })).sort((a, b) => a.front.localeCompare(b.front))).toEqual(
      cards.map((c) => ({ front: c.front, back: c.back, tags: c.tags })).sort((a, b) => a.front.localeCompare(b.front)),
    );
    expect(back.every((c) => c.topic === "time-wait")).toBe(true);
  });

  it("should export a built-in topic without its scenario cards, in the asked language", async () => {
    const user = await makeUser();
    const plain = loadBuiltinCards().filter((c) => c.topic === "handshake" && !c.family);
    const { text, count } = await exportDeck(user.id, { kind: "topic", topic: "handshake" }, "zh");
    expect(count).toBe(plain.length);
    expect(text).toBe(exportAnki(plain.map((c) => ({ front: c.front, back: c.back, tags: [`tcplab::handshake`, ...c.tags] })), "zh"));
  });
});

describe(`stats on ${dbKind()}`, () => {
  it("should count today's reviews, cards by state and measured retention for the scope", async () => {
    const user = await makeUser();
    const cards = loadBuiltinCards().filter((c) => c.topic === "backlog" && !c.family).slice(0, 3);
    // Day 0: three first reviews (new → not counted in retention).
    for (const c of cards) await reviewCard(user.id, { cardRef: `b:${c.id}`, rating: "easy" }, T0);
    // 30 days later all three are review cards due; recall two, forget one.
    const later = new Date(T0.getTime() + 30 * DAY);
    await reviewCard(user.id, { cardRef: `b:${cards[0]!.id}`, rating: "good" }, later);
    await reviewCard(user.id, { cardRef: `b:${cards[1]!.id}`, rating: "hard" }, later);
    await reviewCard(user.id, { cardRef: `b:${cards[2]!.id}`, rating: "again" }, later);
    const stats = await loadStats(user.id, { kind: "topic", topic: "backlog" }, later, 0);
    const total = loadBuiltinCards().filter((c) => c.topic === "backlog").length;
    expect(stats.totalCards).toBe(total);
    expect(stats.cardsByState).toEqual({ new: total - 3, learning: 0, review: 2, relearning: 1 });
    expect(stats.reviewsPerDay.at(-1)).toMatchObject({ total: 3, byRating: { again: 1, hard: 1, good: 1, easy: 0 } });
    // The day-0 reviews are 30 days back: outside a 30-day window ending today (days −29 … 0).
    expect(stats.reviewsPerDay.reduce((n, d) => n + d.total, 0)).toBe(3);
    expect(stats.retention).toMatchObject({ reviews: 3, recalled: 2, target: 0.9 });
    expect(stats.retention.measured).toBeCloseTo(2 / 3, 12);
  });
});

describe(`scenario cards with the real simulator families on ${dbKind()}`, () => {
  it("should grade the family's own answer 1 and suggest Easy for a fast perfect answer", async () => {
    const { getFamily } = await import("@/lib/scenarios/registry");
    const user = await makeUser();
    const card = loadBuiltinCards().find((c) => c.family === "handshake-numbers")!;
    const catalogCard = (await findCard(user.id, `b:${card.id}`))!;
    const variantId = await newScenarioVariant(user.id, catalogCard);
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id: variantId } });
    // The correct answer is regenerated from the stored seed (the family is deterministic per seed).
    const truth = getFamily("handshake-numbers")!.generate(row.seed).answer;
    const graded = await submitAnswer({ id: user.id, role: "STUDENT" }, variantId, JSON.parse(JSON.stringify(truth)) as Record<string, unknown>, "en");
    expect(graded.status).toBe("graded");
    const variant = await getScenarioVariant(user.id, catalogCard, await getCardState(user.id, catalogCard.ref, new Date()), variantId);
    expect(variant?.score).toBe(1);
    // ratingFromScore: a perfect answer within 20 s of the variant being generated is Easy.
    expect(variant?.suggested).toBe("easy");
    const outcome = await reviewCard(user.id, { cardRef: catalogCard.ref, rating: "easy", questionAttemptId: variantId }, new Date());
    expect(outcome.score).toBe(1);
    expect(outcome.state.state).toBe("review");
  });
});
