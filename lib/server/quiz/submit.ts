import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";
import { queueMissedAnswer } from "@/lib/server/flashcards/missed";
import type { Localized } from "@/lib/core";
import { commitWithoutFlush, jsonValue, sqlBoolean } from "@/lib/server/sql";
import { type Actor, QuizError } from "./errors";
import { finalizeAttempt } from "./finalize";
import { cleanDeep, requireId } from "./sanitize";
import { GRACE_MS } from "./store";
import { readStoredParams, readStoredResult, type StoredAnswer, type StoredResult } from "./types";
import { SEALED_EXPLANATION, sealedSql } from "./sealed";
import { choiceKey, gradeVariant } from "./variants";
import type { Locale } from "@/lib/core";

/** Quiz fields that decide when a student may see results. */
export type VisibilityQuiz = { mode: "PRACTICE" | "EXAM"; closesAt: Date | null; resultsReleasedAt: Date | null };

/**
 * Practice (the practice area, or a PRACTICE quiz) shows feedback at once. An EXAM shows
 * scores, correct answers and feedback only once the instructor releases them or it has closed
 * (issue #5, issue #15 item 4 "sealed exams"), so that students still taking it cannot learn
 * answers from those who finished.
 */
export function resultsVisible(quiz: VisibilityQuiz | null, now: Date): boolean {
  if (!quiz || quiz.mode === "PRACTICE") return true;
  const passed = (t: Date | null) => t !== null && now.getTime() >= t.getTime();
  return passed(quiz.closesAt) || passed(quiz.resultsReleasedAt);
}

/**
 * What grading reads, in one statement: the QuestionAttempt columns (Json columns come back
 * parsed, dates as Date), its quiz attempt and quiz when it has one (null columns otherwise), and
 * whether an open exam seals its question for the caller (lib/server/quiz/sealed.ts).
 */
type SubmitRow = {
  id: string;
  userId: string;
  quizAttemptId: string | null;
  origin: string;
  source: string;
  ref: string;
  params: unknown;
  feedback: unknown;
  submittedAt: Date | null;
  attemptSubmittedAt: Date | null;
  attemptDeadlineAt: Date | null;
  quizMode: "PRACTICE" | "EXAM" | null;
  quizClosesAt: Date | null;
  quizResultsReleasedAt: Date | null;
  sealed: unknown;
};

export type SubmitOutcome =
  | { status: "formatError"; error: Localized }
  /** `result` is null while results are hidden (exam not closed yet). */
  | { status: "graded"; questionAttemptId: string; result: StoredResult | null; alreadySubmitted: boolean };

/**
 * Grades one answer to one generated question. The row's owner only; the stored seed and params
 * are the truth, the client sends nothing but the raw answer. A format error writes nothing
 * (the attempt is not consumed). A second submission returns the first result: the write is a
 * conditional update on `submittedAt: null`, so two tabs racing cannot grade twice.
 */
export async function submitAnswer(
  actor: Actor,
  questionAttemptId: string,
  raw: Record<string, unknown>,
  locale: Locale,
  now: Date = new Date(),
): Promise<SubmitOutcome> {
  // The row, its attempt and quiz, and its seal in one raw statement: this is the hottest write
  // path of the app, and every statement costs a round trip and Prisma's own overhead
  // (lib/server/sql.ts; before, four statements, one a model query: issue #16).
  const [row] = await db.$queryRaw<SubmitRow[]>`
    SELECT qa."id", qa."userId", qa."quizAttemptId", qa."origin", qa."source", qa."ref", qa."params", qa."feedback", qa."submittedAt",
      za."submittedAt" AS "attemptSubmittedAt", za."deadlineAt" AS "attemptDeadlineAt",
      z."mode" AS "quizMode", z."closesAt" AS "quizClosesAt", z."resultsReleasedAt" AS "quizResultsReleasedAt",
      ${sealedSql(actor.id, now, Prisma.sql`qa."source"`, Prisma.sql`qa."ref"`)} AS "sealed"
    FROM "QuestionAttempt" qa
    LEFT JOIN "QuizAttempt" za ON za."id" = qa."quizAttemptId"
    LEFT JOIN "Quiz" z ON z."id" = za."quizId"
    WHERE qa."id" = ${requireId(questionAttemptId)}`;
  // Someone else's row is "not found": its existence is not the caller's business.
  if (!row || row.userId !== actor.id) throw new QuizError("notFound");
  const attempt = row.quizAttemptId ? { id: row.quizAttemptId, submittedAt: row.attemptSubmittedAt, deadlineAt: row.attemptDeadlineAt } : null;
  const quiz: VisibilityQuiz | null =
    attempt && row.quizMode ? { mode: row.quizMode, closesAt: row.quizClosesAt, resultsReleasedAt: row.quizResultsReleasedAt } : null;
  const stored = () => readStoredResult(row.feedback);

  if (row.submittedAt) {
    return { status: "graded", questionAttemptId: row.id, result: resultsVisible(quiz, now) ? stored() : null, alreadySubmitted: true };
  }
  if (attempt) {
    if (attempt.submittedAt) throw new QuizError("attemptFinished");
    if (attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + GRACE_MS) {
      await finalizeAttempt(attempt.id, now);
      throw new QuizError("timeUp");
    }
    if (quiz?.closesAt && now.getTime() > quiz.closesAt.getTime() + GRACE_MS) {
      await finalizeAttempt(attempt.id, now);
      throw new QuizError("closed");
    }
  }

  // What is stored must be storable: no NUL, no lone surrogates (PostgreSQL JSON refuses both).
  const clean = cleanDeep(raw);
  const params = readStoredParams(row.params);
  const outcome = gradeVariant(params, clean);
  if (!outcome.ok) return { status: "formatError", error: outcome.error };
  // Practising a question of an exam open to the student's class: no explanation (lib/server/quiz/sealed.ts).
  if (!attempt && sqlBoolean(row.sealed)) outcome.result.explanation = SEALED_EXPLANATION;
  const choice = choiceKey(params, outcome.parsed);

  const answer: StoredAnswer = { raw: clean, parsed: outcome.parsed };
  // One conditional UPDATE: the `"submittedAt" IS NULL` condition lets exactly one of two racing
  // requests write. Raw SQL (lib/server/sql.ts); Prisma's updateMany would also wrap it in an
  // internal transaction, after which @libsql/client reopens its connection.
  // A practice answer (no attempt) commits without waiting for PostgreSQL's WAL flush
  // (commitWithoutFlush, lib/server/sql.ts); a quiz or exam answer waits for it.
  const write = (client: Pick<typeof db, "$executeRaw">, durable: boolean) => client.$executeRaw`
    UPDATE "QuestionAttempt"
    SET "answer" = ${jsonValue(answer)}, "score" = ${outcome.result.score}, "feedback" = ${jsonValue(outcome.result)}, "choice" = ${choice}, "submittedAt" = ${now}
    WHERE "id" = ${row.id} AND "submittedAt" IS NULL AND ${durable ? Prisma.sql`1 = 1` : commitWithoutFlush}`;
  // A quiz answer first takes the attempt row's lock and checks the attempt is still open, in
  // the same transaction as its write, so finishing the attempt cannot total the scores between
  // the check and the write (lib/server/quiz/finalize.ts, the results race of issue #15). Practice
  // rows (most submissions) have no attempt and keep the single statement.
  const written = attempt
    ? await db.$transaction(async (tx) => {
        const open = await tx.$executeRaw`
          UPDATE "QuizAttempt" SET "number" = "number" WHERE "id" = ${attempt.id} AND "submittedAt" IS NULL`;
        if (open === 0) throw new QuizError("attemptFinished");
        return write(tx, true);
      })
    : await write(db, false);
  if (written === 0) {
    // Another request graded it first: report that result, not ours.
    const again = await db.questionAttempt.findUniqueOrThrow({ where: { id: row.id }, select: { feedback: true } });
    return {
      status: "graded",
      questionAttemptId: row.id,
      result: resultsVisible(quiz, now) ? readStoredResult(again.feedback) : null,
      alreadySubmitted: true,
    };
  }
  // A miss in practice or a practice quiz sends its flashcards back to the review queue at once;
  // an exam's wait until its results are visible (lib/server/flashcards/missed.ts). A flashcard's
  // own variant is rated by the card review, an interview's by the interview report.
  if ((row.origin === "practice" || row.origin === "quiz") && (!quiz || quiz.mode === "PRACTICE")) {
    await queueMissedAnswer(actor.id, row, outcome.result.score, now);
  }
  return { status: "graded", questionAttemptId: row.id, result: resultsVisible(quiz, now) ? outcome.result : null, alreadySubmitted: false };
}
