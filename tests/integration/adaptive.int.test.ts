import { describe, expect, it } from "vitest";
import { bankQuestionsByTopic } from "@/lib/content/questions";
import { TOPICS, type TopicId } from "@/lib/content/topics";
import { relatedCardIds } from "@/lib/flashcards/related";
import { loadBuiltinCards } from "@/lib/flashcards/deck";
import { db } from "@/lib/server/db";
import { queueCardsDueNow, queueReleasedExamMisses } from "@/lib/server/flashcards/missed";
import { loadQueue } from "@/lib/server/flashcards/review";
import { recentResults } from "@/lib/server/quiz/adaptive";
import { newPracticeVariant, newVariantOf, variantFor } from "@/lib/server/quiz/practice";
import { AUTHORED_INPUT } from "@/lib/server/quiz/prompt";
import { variantRow } from "@/lib/server/quiz/store";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { readStoredParams } from "@/lib/server/quiz/types";
import { dbKind, makeUser } from "./helpers";

/** A graded practice answer to a bank question of `topic` at `difficulty`, `minutesAgo` ago. */
async function answered(userId: string, topic: TopicId, difficulty: number, score: number, minutesAgo: number) {
  const q = bankQuestionsByTopic(topic).find((b) => b.difficulty === difficulty) ?? bankQuestionsByTopic(topic)[0]!;
  const variant = variantFor({ source: "bank", bankId: q.id }, 1);
  return db.questionAttempt.create({
    data: { userId, ...variantRow(variant, "practice"), score, submittedAt: new Date(Date.now() - minutesAgo * 60_000) },
  });
}

describe(`adaptive practice on ${dbKind()}`, () => {
  it("should read recent results with the difficulty each was asked at", async () => {
    const user = await makeUser();
    await answered(user.id, "handshake", 3, 1, 2);
    await answered(user.id, "teardown", 1, 0.5, 1);
    const results = await recentResults(user.id);
    expect(results.map((r) => [r.topic, r.difficulty, r.score])).toEqual([
      ["teardown", 1, 0.5],
      ["handshake", 3, 1],
    ]);
  });

  it("should draw the next adaptive question from the weakest topic, one level easier after a miss", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    let minutes = 100;
    for (const { id } of TOPICS) {
      if (id === "time-wait") continue;
      await answered(user.id, id, 2, 1, minutes--);
      await answered(user.id, id, 2, 1, minutes--);
    }
    await answered(user.id, "time-wait", 2, 0, 1);
    const id = await newPracticeVariant(actor, { kind: "adaptive" });
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
    expect(row.topic).toBe("time-wait");
    const params = readStoredParams(row.params);
    expect(params.kind === "family" ? params.config?.difficulty : params.question.difficulty).toBe(1);
  });

  it("should ask a family one level harder after two strong answers to it", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    for (let i = 0; i < 2; i++) {
      const variant = variantFor({ source: "family", family: "time-wait", config: { difficulty: 2 } }, 10 + i);
      await db.questionAttempt.create({ data: { userId: user.id, ...variantRow(variant, "practice"), score: 1, submittedAt: new Date(Date.now() - (2 - i) * 1000) } });
    }
    const id = await newPracticeVariant(actor, { kind: "family", family: "time-wait" });
    const params = readStoredParams((await db.questionAttempt.findUniqueOrThrow({ where: { id } })).params);
    expect(params.kind === "family" && params.config?.difficulty).toBe(3);
  });

  it("should make a new variant of the same question and drop the unanswered one", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    const first = await newPracticeVariant(actor, { kind: "family", family: "backlog" });
    const second = await newVariantOf(actor, first);
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id: second } });
    expect(row.ref).toBe("backlog");
    expect(await db.questionAttempt.findUnique({ where: { id: first } })).toBeNull();
    const other = await makeUser();
    await expect(newVariantOf({ id: other.id, role: other.role }, second)).rejects.toMatchObject({ code: "notFound" });
  });
});

describe(`missed questions back in the flashcard queue on ${dbKind()}`, () => {
  const cards = loadBuiltinCards();

  it("should put the related cards of a missed practice answer in the queue, due now, once", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    // bl-somaxconn-clamp: listen(fd, 1024) under somaxconn 128 shows Send-Q 128; "1" is wrong.
    const variant = variantFor({ source: "bank", bankId: "bl-somaxconn-clamp" }, 3);
    const { id } = await db.questionAttempt.create({ data: { userId: user.id, ...variantRow(variant, "practice") }, select: { id: true } });
    const now = new Date();
    const outcome = await submitAnswer(actor, id, { [AUTHORED_INPUT]: "1" }, "en", now);
    expect(outcome).toMatchObject({ status: "graded", result: { score: 0 } });
    const expected = relatedCardIds({ kind: "authored", id: "bl-somaxconn-clamp", topic: "backlog", lesson: "listen-backlog#somaxconn" }, cards).map((c) => `b:${c}`);
    expect(expected).toContain("b:bl-somaxconn");
    const states = await db.cardState.findMany({ where: { userId: user.id } });
    expect(states.map((s) => s.cardRef).sort()).toEqual([...expected].sort());
    for (const s of states) expect(s.due.getTime()).toBeLessThanOrEqual(now.getTime());

    const queue = await loadQueue(user.id, { kind: "all" }, new Date(now.getTime() + 1000), 0);
    expect(queue.queue.slice(0, expected.length).map((c) => c.ref).sort()).toEqual([...expected].sort());

    // A correct answer queues nothing.
    const other = await makeUser();
    const right = await db.questionAttempt.create({ data: { userId: other.id, ...variantRow(variant, "practice") }, select: { id: true } });
    await submitAnswer({ id: other.id, role: other.role }, right.id, { [AUTHORED_INPUT]: "128" }, "en", now);
    expect(await db.cardState.count({ where: { userId: other.id } })).toBe(0);
  });

  it("should be idempotent and bring a started card's due date forward, never back", async () => {
    const user = await makeUser();
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 86_400_000);
    const earlier = new Date(now.getTime() - 86_400_000);
    const base = { stability: 3, difficulty: 5, elapsedDays: 1, scheduledDays: 5, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: earlier };
    await db.cardState.create({ data: { userId: user.id, cardRef: "b:bl-somaxconn", due: later, ...base } });
    await db.cardState.create({ data: { userId: user.id, cardRef: "b:bl-plus-one", due: earlier, ...base } });
    const refs = ["b:bl-somaxconn", "b:bl-plus-one", "b:bl-two-queues", "b:bl-two-queues"];
    await Promise.all([queueCardsDueNow(user.id, refs, now), queueCardsDueNow(user.id, refs, now)]);
    await queueCardsDueNow(user.id, refs, new Date(now.getTime() + 60_000));
    const rows = await db.cardState.findMany({ where: { userId: user.id }, orderBy: { cardRef: "asc" } });
    expect(rows.map((r) => [r.cardRef, r.due.getTime(), r.reps, r.stability])).toEqual([
      ["b:bl-plus-one", earlier.getTime(), 2, 3],
      ["b:bl-somaxconn", now.getTime(), 2, 3],
      ["b:bl-two-queues", now.getTime(), 0, 0],
    ]);
  });

  it("should queue an exam's missed questions once its results are visible, and only once", async () => {
    const teacher = await makeUser("INSTRUCTOR");
    const user = await makeUser();
    const now = new Date();
    const quiz = await db.quiz.create({ data: { ownerId: teacher.id, title: "exam", mode: "EXAM", closesAt: new Date(now.getTime() + 3_600_000) } });
    const attempt = await db.quizAttempt.create({ data: { quizId: quiz.id, userId: user.id, number: 1, submittedAt: now } });
    const variant = variantFor({ source: "family", family: "rst" }, 5);
    await db.questionAttempt.create({ data: { userId: user.id, quizAttemptId: attempt.id, ...variantRow(variant, "quiz"), score: 0, submittedAt: now } });

    // Still sealed: nothing is queued (the queue would give the hidden score away).
    expect(await queueReleasedExamMisses(user.id, now)).toBe(0);
    expect(await db.cardState.count({ where: { userId: user.id } })).toBe(0);

    await db.quiz.update({ where: { id: quiz.id }, data: { resultsReleasedAt: now } });
    const [a, b] = await Promise.all([queueReleasedExamMisses(user.id, now), queueReleasedExamMisses(user.id, now)]);
    expect(a + b).toBe(1);
    const rows = await db.cardState.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.cardRef)).toEqual(["b:api-rst-drill"]);
    // Reviewed since: a later visit does not send it back again.
    await db.cardState.update({ where: { id: rows[0]!.id }, data: { due: new Date(now.getTime() + 86_400_000), state: 2, reps: 1 } });
    await loadQueue(user.id, { kind: "all" }, new Date(now.getTime() + 1000), 0);
    expect((await db.cardState.findUniqueOrThrow({ where: { id: rows[0]!.id } })).due.getTime()).toBe(now.getTime() + 86_400_000);
  });
});
