import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBankQuestion } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { QuizError } from "@/lib/server/quiz/errors";
import { setFamilyLookup } from "@/lib/server/quiz/families";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { getPracticeRow, newPracticeVariant, openPracticeVariant } from "@/lib/server/quiz/practice";
import { AUTHORED_INPUT } from "@/lib/server/quiz/prompt";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { fakeIsn, fakeFamilyLookup } from "@/lib/server/quiz/testing/fake-family";
import { readStoredParams } from "@/lib/server/quiz/types";
import { correctRawAnswer } from "@/lib/server/quiz/variants";
import { commitWithoutFlush } from "@/lib/server/sql";
import { dbKind, makeUser } from "./helpers";

/** A bank variant: under the fake family lookup, "segments" has no scenario family, only bank questions. */
async function bankRow(userId: string) {
  const id = await newPracticeVariant({ id: userId, role: "STUDENT" }, { kind: "topic", topic: "segments" });
  const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
  const params = readStoredParams(row.params);
  if (params.kind !== "authored") throw new Error("expected an authored variant");
  return { row, question: params.question, correct: correctRawAnswer(params, row.seed) };
}

describe(`practice and grading on ${dbKind()}`, () => {
  beforeAll(() => setFamilyLookup(fakeFamilyLookup));
  afterAll(() => setFamilyLookup(undefined));

  it("should store a topic variant with its seed and a snapshot of the question", async () => {
    const user = await makeUser();
    const { row, question } = await bankRow(user.id);
    expect(row.quizAttemptId).toBeNull();
    expect(row.topic).toBe("segments");
    expect(row.source).toBe("bank");
    expect(row.submittedAt).toBeNull();
    expect(getBankQuestion(row.ref)).toEqual(question);
  });

  it("should cost nothing on a format error, then grade once and stay idempotent", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    const { row, question, correct } = await bankRow(user.id);

    const bad = await submitAnswer(actor, row.id, { [AUTHORED_INPUT]: question.kind === "numeric" ? "not a number" : ["nonsense", 7] }, "en");
    expect(bad.status).toBe("formatError");
    const untouched = await db.questionAttempt.findUniqueOrThrow({ where: { id: row.id } });
    expect(untouched.submittedAt).toBeNull();
    expect(untouched.score).toBeNull();

    const first = await submitAnswer(actor, row.id, correct, "en");
    expect(first).toMatchObject({ status: "graded", alreadySubmitted: false, result: { score: 1, correct: true } });

    // A different answer afterwards changes nothing: same stored result.
    const again = await submitAnswer(actor, row.id, { [AUTHORED_INPUT]: "something else" }, "en");
    expect(again).toMatchObject({ status: "graded", alreadySubmitted: true, result: { score: 1 } });
    const stored = await db.questionAttempt.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.score).toBe(1);
  });

  it("should commit a practice answer's write without waiting for PostgreSQL's WAL flush, for that transaction alone", async () => {
    const user = await makeUser();
    // A true condition on both databases: the row is written.
    const written = await db.$executeRaw`UPDATE "User" SET "name" = ${"Flush"} WHERE "id" = ${user.id} AND ${commitWithoutFlush}`;
    expect(written).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Flush");
    if (dbKind() !== "postgres") return;
    const setting = async () => (await db.$queryRaw<{ v: string }[]>`SELECT current_setting('synchronous_commit') AS "v"`)[0]!.v;
    const inside = await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "User" SET "name" = ${"Flush 2"} WHERE "id" = ${user.id} AND ${commitWithoutFlush}`;
      return (await tx.$queryRaw<{ v: string }[]>`SELECT current_setting('synchronous_commit') AS "v"`)[0]!.v;
    });
    expect(inside).toBe("off");
    // SET LOCAL: the connection, back in the pool, commits synchronously again.
    for (let i = 0; i < 5; i += 1) expect(await setting()).toBe("on");
  });

  it("should grade two racing submissions exactly once", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    const id = await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" });
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
    const isn = fakeIsn(row.seed);
    const [a, b] = await Promise.all([
      submitAnswer(actor, id, { ack: isn + 1, state: "ESTABLISHED" }, "en"),
      submitAnswer(actor, id, { ack: isn, state: "SYN-SENT" }, "en"),
    ]);
    expect(a.status).toBe("graded");
    expect(b.status).toBe("graded");
    const flags = [a, b].map((o) => (o.status === "graded" ? o.alreadySubmitted : null));
    expect(flags.filter((f) => f === false)).toHaveLength(1);
    const stored = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
    // Both callers see the one stored score.
    for (const o of [a, b]) if (o.status === "graded") expect(o.result?.score).toBe(stored.score);
  });

  it("should grade from the stored seed, ignoring anything else the client sends", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    const id = await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" });
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
    // The client claims seed 1 and a perfect score; the answer is right only for seed 1.
    const forged = await submitAnswer(actor, id, { ack: fakeIsn(1) + 1, state: "ESTABLISHED", seed: 1, score: 1, params: { isn: fakeIsn(1) } }, "en");
    expect(forged.status === "graded" && forged.result?.score).toBe(row.seed === 1 ? 1 : 0.5);
  });

  it("should never let another user read or answer someone's variant", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await newPracticeVariant({ id: owner.id, role: "STUDENT" }, { kind: "topic", topic: "handshake" });
    await expect(submitAnswer({ id: other.id, role: "STUDENT" }, id, { answer: "a" }, "en")).rejects.toMatchObject({ code: "notFound" });
    expect(await getPracticeRow({ id: other.id, role: "STUDENT" }, id)).toBeNull();
    const admin = await makeUser("ADMIN");
    await expect(submitAnswer({ id: admin.id, role: "ADMIN" }, id, { answer: "a" }, "en")).rejects.toBeInstanceOf(QuizError);
  });

  it("should reuse the open variant on reload and delete a skipped one", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    const scope = { kind: "family", family: "handshake-numbers" } as const;
    const first = await openPracticeVariant(actor, scope);
    expect(await openPracticeVariant(actor, scope)).toBe(first);
    const next = await newPracticeVariant(actor, scope, first);
    expect(next).not.toBe(first);
    expect(await db.questionAttempt.findUnique({ where: { id: first } })).toBeNull();
    expect(await db.questionAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("should refuse a family that is not available", async () => {
    const user = await makeUser();
    await expect(newPracticeVariant({ id: user.id, role: "STUDENT" }, { kind: "family", family: "syn-flood" })).rejects.toMatchObject({ code: "familyUnavailable" });
  });

  it("should compute mastery per topic from graded answers", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    for (const ok of [true, false]) {
      const id = await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" });
      const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
      const isn = fakeIsn(row.seed);
      await submitAnswer(actor, id, ok ? { ack: isn + 1, state: "ESTABLISHED" } : { ack: isn, state: "SYN-SENT" }, "en");
    }
    // An unanswered variant does not count.
    await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" });
    const m = await masteryByTopic(user.id);
    expect(m.find((r) => r.topic === "handshake")).toEqual({ topic: "handshake", answered: 2, mastery: 0.5 });
    expect(m.find((r) => r.topic === "backlog")).toEqual({ topic: "backlog", answered: 0, mastery: null });
  });

  it("should refuse malformed ids and store answers with NUL or lone surrogates cleaned", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: user.role };
    for (const bad of ["\u0000", "a\uD800", "x".repeat(100)]) {
      await expect(submitAnswer(actor, bad, {}, "en")).rejects.toMatchObject({ code: "notFound" });
    }
    const id = await newPracticeVariant(actor, { kind: "family", family: "handshake-numbers" });
    const out = await submitAnswer(actor, id, { ack: 1, state: "ESTABLISHED", note: "a\u0000b\uD800" }, "en");
    expect(out.status).toBe("graded");
    const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
    expect((row.answer as { raw: { note: string } }).raw.note).toBe("ab\uFFFD");
  });
});

