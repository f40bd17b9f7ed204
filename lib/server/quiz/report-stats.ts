import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";
import { postgres } from "@/lib/server/sql";
import { locales, type Locale } from "@/lib/core";
import { readStoredResult } from "./types";

/**
 * The summaries behind the instructor's results page and grades CSV (issue #16): per student
 * their grade in the quiz (`QuizGrade`), per quiz item its answer counts (`QuizItemStat`) and its
 * wrong answers in words with their counts (`QuizItemWrongAnswer`). Reading them costs
 * O(students + items + distinct wrong answers) whatever the quiz's history; computing the same
 * numbers from the answers (as results.ts did before) read every answer to the quiz.
 *
 * They change only when an attempt is finished — the statistics count finished attempts only,
 * and an answer cannot be written to a finished attempt (submit.ts) — and when a regrade rewrites
 * scores. `recordFinishedAttempt` runs inside the transaction of finalize.ts whose conditional
 * UPDATE closes the attempt, so the counters are added exactly once per attempt: a retried or
 * concurrent finish closes nothing and adds nothing, and a failed one rolls back with its
 * counters. The numbers are those of the aggregation they replace (tests/integration/reports.int.test.ts
 * compares both against a computation from the rows); the migration `report_summaries` back-fills
 * them for the history that existed before, with the statements of `rebuildQuizSummaries` written
 * in each database's SQL.
 */

/** A client that can run raw statements: the app's client or an interactive transaction's. */
export type SqlClient = Pick<typeof db, "$executeRaw" | "$queryRaw">;

/**
 * A wrong answer's key for grouping: for scenario families the first divergence (students'
 * numbers differ per variant, but where they go wrong is comparable), else the answer in words.
 */
export function wrongKey(feedback: unknown, locale: Locale): string | null {
  const r = readStoredResult(feedback);
  if (!r || r.correct) return null;
  if (r.divergence) return r.divergence.message[locale];
  const parts = Object.values(r.answerDisplay).map((a) => a[locale]);
  return parts.length > 0 ? parts.join(" | ") : null;
}

/**
 * The wrong-answer table's unique key. Written by hand in the migrations (a Prisma datamodel
 * cannot state an expression index): PostgreSQL indexes md5("answer"), because a long free-text
 * answer would exceed a B-tree entry's size limit (https://www.postgresql.org/docs/current/btree.html,
 * "Chapter 64.1.4"), SQLite the text itself.
 */
const WRONG_KEY = Prisma.raw(postgres ? `("quizItemId", "locale", md5("answer"))` : `("quizItemId", "locale", "answer")`);

/** One answered question of a finished attempt, as finalize.ts reads it. */
export type FinishedAnswer = { quizItemId: string | null; score: number | null; feedback: unknown; submittedAt: Date | null };

type Counts = { answered: number; total: number; full: number };

/** Rows per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Adds wrong-answer counts (item, locale, answer) → n; keys sorted so concurrent writers lock rows in one order. */
async function addWrongAnswers(client: SqlClient, counts: Map<string, { item: string; locale: Locale; answer: string; n: number }>): Promise<void> {
  const rows = [...counts.values()].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0) || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0) || (a.answer < b.answer ? -1 : a.answer > b.answer ? 1 : 0));
  await inChunks(rows, (part) =>
    client.$executeRaw`
      INSERT INTO "QuizItemWrongAnswer" ("quizItemId", "locale", "answer", "count")
      VALUES ${Prisma.join(part.map((r) => Prisma.sql`(${r.item}, ${r.locale}, ${r.answer}, ${r.n})`))}
      ON CONFLICT ${WRONG_KEY} DO UPDATE SET "count" = "QuizItemWrongAnswer"."count" + excluded."count"`,
  );
}

function countWrong(into: Map<string, { item: string; locale: Locale; answer: string; n: number }>, item: string, feedback: unknown, n: number): void {
  for (const locale of locales) {
    const answer = wrongKey(feedback, locale);
    if (answer === null) continue;
    const k = JSON.stringify([item, locale, answer]);
    const c = into.get(k);
    if (c) c.n += n;
    else into.set(k, { item, locale, answer, n });
  }
}

/**
 * Per student of a quiz (or one student), their grade recomputed from their submitted attempts:
 * how many, the latest submission, the best score and the first attempt that reached it (window
 * functions, SQLite ≥ 3.25 and PostgreSQL alike), and the latest attempt with that score. An
 * upsert: a student's row is replaced, never summed, so running it again changes nothing.
 */
export async function refreshGrades(client: SqlClient, quizId: string, userId?: string): Promise<void> {
  const student = userId === undefined ? Prisma.empty : Prisma.sql`AND a."userId" = ${userId}`;
  await client.$executeRaw`
    INSERT INTO "QuizGrade" ("quizId", "userId", "attempts", "best", "bestAttemptId", "linkAttemptId", "lastSubmittedAt")
    SELECT b."quizId", b."userId", b."attempts", b."best", b."id", b."linkId", b."last"
    FROM (
      SELECT a."quizId", a."userId", a."id", COALESCE(a."score", 0) AS "best",
             COUNT(*) OVER (PARTITION BY a."userId") AS "attempts",
             MAX(a."submittedAt") OVER (PARTITION BY a."userId") AS "last",
             ROW_NUMBER() OVER (PARTITION BY a."userId" ORDER BY COALESCE(a."score", 0) DESC, a."submittedAt" ASC, a."id") AS "firstBest",
             FIRST_VALUE(a."id") OVER (PARTITION BY a."userId" ORDER BY COALESCE(a."score", 0) DESC, a."submittedAt" DESC, a."id" DESC) AS "linkId"
      FROM "QuizAttempt" a
      WHERE a."quizId" = ${quizId} AND a."submittedAt" IS NOT NULL ${student}
    ) b
    WHERE b."firstBest" = 1
    ON CONFLICT ("quizId", "userId") DO UPDATE SET
      "attempts" = excluded."attempts", "best" = excluded."best", "bestAttemptId" = excluded."bestAttemptId",
      "linkAttemptId" = excluded."linkAttemptId", "lastSubmittedAt" = excluded."lastSubmittedAt"`;
}

/**
 * Takes the quiz's row lock for the rest of the transaction: finishing attempts and regrading
 * update the same summary rows, and each recomputes a grade from what it reads, so writers of one
 * quiz's summaries go one at a time (PostgreSQL: a second UPDATE of the row waits for the first
 * transaction to end, and the next statement's snapshot sees its commit — READ COMMITTED,
 * https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED; SQLite runs
 * one write transaction at a time anyway). Taken before any attempt row, in every writer, so
 * that no two writers wait for each other's locks.
 */
export async function lockQuizSummaries(client: SqlClient, quizId: string): Promise<void> {
  // A column that is no key: "id" = "id" would be a key update (SQLite runs the children's ON
  // UPDATE CASCADE actions whenever a parent key column is assigned, https://sqlite.org/foreignkeys.html).
  await client.$executeRaw`UPDATE "Quiz" SET "mode" = "mode" WHERE "id" = ${quizId}`;
}

/**
 * Adds one finished attempt to its quiz's summaries: its answered questions to their items'
 * counters and wrong answers (the key computed by `wrongKey`, for every language), and its
 * student's grade recomputed. Call it in the transaction that closed the attempt, after its score
 * is written, with the quiz locked (`lockQuizSummaries`).
 */
export async function recordFinishedAttempt(client: SqlClient, attempt: { quizId: string; userId: string }, answers: readonly FinishedAnswer[]): Promise<void> {
  const perItem = new Map<string, Counts>();
  const wrong = new Map<string, { item: string; locale: Locale; answer: string; n: number }>();
  for (const q of answers) {
    if (q.quizItemId === null || q.submittedAt === null) continue;
    const score = q.score ?? 0;
    const c = perItem.get(q.quizItemId) ?? { answered: 0, total: 0, full: 0 };
    c.answered += 1;
    c.total += score;
    if (score >= 1) c.full += 1;
    perItem.set(q.quizItemId, c);
    // Only an answer without full marks can be wrong (a correct answer scores 1).
    if (score < 1) countWrong(wrong, q.quizItemId, q.feedback, 1);
  }
  const items = [...perItem.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (items.length > 0) {
    await client.$executeRaw`
      INSERT INTO "QuizItemStat" ("quizItemId", "answered", "total", "full")
      VALUES ${Prisma.join(items.map(([id, c]) => Prisma.sql`(${id}, ${c.answered}, ${c.total}, ${c.full})`))}
      ON CONFLICT ("quizItemId") DO UPDATE SET
        "answered" = "QuizItemStat"."answered" + excluded."answered",
        "total" = "QuizItemStat"."total" + excluded."total",
        "full" = "QuizItemStat"."full" + excluded."full"`;
  }
  await addWrongAnswers(client, wrong);
  await refreshGrades(client, attempt.quizId, attempt.userId);
}

/**
 * Recomputes the given items' counters and wrong answers from the answers themselves (a regrade
 * rewrote their scores; or a history written without finishing attempts, as the benchmarks seed
 * it). One grouped statement for the counters; the wrong answers grouped by their stored feedback
 * (equal feedback — the same wrong choice of a bank question — read once with its count), keyed
 * in JavaScript by `wrongKey`.
 */
export async function rebuildItemStats(client: SqlClient, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const ids = Prisma.join(itemIds.map((id) => Prisma.sql`${id}`));
  const answered = Prisma.sql`
    FROM "QuestionAttempt" q JOIN "QuizAttempt" a ON a."id" = q."quizAttemptId"
    WHERE q."quizItemId" IN (${ids}) AND a."submittedAt" IS NOT NULL AND q."submittedAt" IS NOT NULL`;
  await client.$executeRaw`DELETE FROM "QuizItemStat" WHERE "quizItemId" IN (${ids})`;
  await client.$executeRaw`DELETE FROM "QuizItemWrongAnswer" WHERE "quizItemId" IN (${ids})`;
  await client.$executeRaw`
    INSERT INTO "QuizItemStat" ("quizItemId", "answered", "total", "full")
    SELECT q."quizItemId", COUNT(*), SUM(COALESCE(q."score", 0)), SUM(CASE WHEN COALESCE(q."score", 0) >= 1 THEN 1 ELSE 0 END)
    ${answered}
    GROUP BY q."quizItemId"`;
  const groups = await client.$queryRaw<{ quizItemId: string; feedback: unknown; n: number | bigint }[]>`
    SELECT q."quizItemId", q."feedback", COUNT(*) AS "n"
    ${answered} AND COALESCE(q."score", 0) < 1
    GROUP BY q."quizItemId", q."feedback"`;
  const wrong = new Map<string, { item: string; locale: Locale; answer: string; n: number }>();
  // SQLite hands a grouped JSON column back as its text; PostgreSQL as the parsed value.
  for (const g of groups) countWrong(wrong, g.quizItemId, typeof g.feedback === "string" ? (JSON.parse(g.feedback) as unknown) : g.feedback, Number(g.n));
  await addWrongAnswers(client, wrong);
}

/** Every summary of one quiz recomputed from its attempts and answers, in one transaction. */
export async function rebuildQuizSummaries(quizId: string): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await lockQuizSummaries(tx, quizId);
      const items = await tx.quizItem.findMany({ where: { quizId }, select: { id: true } });
      await rebuildItemStats(tx, items.map((i) => i.id));
      await refreshGrades(tx, quizId);
    },
    // A history of a million answers takes a while to regroup (npm run bench:growth seeds one).
    { timeout: 600_000, maxWait: 60_000 },
  );
}
