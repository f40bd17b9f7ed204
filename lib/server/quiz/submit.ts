import type { Locale } from "@/lib/content/topics";
import type { Localized } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { isRecordNotFound } from "@/lib/server/prisma-errors";
import { type Actor, QuizError } from "./errors";
import { finalizeAttempt } from "./finalize";
import { cleanDeep, requireId } from "./sanitize";
import { asJson, GRACE_MS } from "./store";
import { readStoredParams, readStoredResult, type StoredAnswer, type StoredResult } from "./types";
import { gradeVariant } from "./variants";

/** Quiz fields that decide when a student may see results. */
export type VisibilityQuiz = { mode: "PRACTICE" | "EXAM"; closesAt: Date | null };

/**
 * Practice (the practice area, or a PRACTICE quiz) shows feedback at once. An EXAM shows
 * scores, correct answers and feedback only once it has closed (issue #5), so that students
 * still taking it cannot learn answers from those who finished.
 */
export function resultsVisible(quiz: VisibilityQuiz | null, now: Date): boolean {
  if (!quiz || quiz.mode === "PRACTICE") return true;
  return quiz.closesAt !== null && now.getTime() >= quiz.closesAt.getTime();
}

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
  // Two flat reads instead of one nested `include`: practice rows (most submissions) have no
  // quiz attempt, and Prisma compiles a nested include into a plan that costs more CPU than both
  // simple queries together (`npm run bench:profile`, issue #7).
  const row = await db.questionAttempt.findUnique({
    where: { id: requireId(questionAttemptId) },
    select: { id: true, userId: true, quizAttemptId: true, params: true, feedback: true, submittedAt: true },
  });
  // Someone else's row is "not found": its existence is not the caller's business.
  if (!row || row.userId !== actor.id) throw new QuizError("notFound");
  const attempt = row.quizAttemptId
    ? await db.quizAttempt.findUnique({
        where: { id: row.quizAttemptId },
        select: { id: true, submittedAt: true, deadlineAt: true, quiz: { select: { mode: true, closesAt: true } } },
      })
    : null;
  const quiz = attempt?.quiz ?? null;
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
  const outcome = gradeVariant(readStoredParams(row.params), clean, locale);
  if (!outcome.ok) return { status: "formatError", error: outcome.error };

  const answer: StoredAnswer = { raw: clean, parsed: outcome.parsed };
  // A conditional `update` (unique id + `submittedAt: null`) is one UPDATE … RETURNING statement;
  // `updateMany` would do the same inside an internal transaction, and on SQLite every
  // transaction makes @libsql/client open a fresh connection for the next statement (it hands
  // its connection to the transaction) — a measurable share of a grading request's CPU.
  const written = await db.questionAttempt
    .update({
      where: { id: row.id, submittedAt: null },
      data: { answer: asJson(answer), score: outcome.result.score, feedback: asJson(outcome.result), submittedAt: now },
      select: { id: true },
    })
    .then(
      () => true,
      (error: unknown) => {
        // P2025: no row matched the condition, i.e. another request graded it in between.
        if (isRecordNotFound(error)) return false;
        throw error;
      },
    );
  if (!written) {
    // Another request graded it first: report that result, not ours.
    const again = await db.questionAttempt.findUniqueOrThrow({ where: { id: row.id }, select: { feedback: true } });
    return {
      status: "graded",
      questionAttemptId: row.id,
      result: resultsVisible(quiz, now) ? readStoredResult(again.feedback) : null,
      alreadySubmitted: true,
    };
  }
  return { status: "graded", questionAttemptId: row.id, result: resultsVisible(quiz, now) ? outcome.result : null, alreadySubmitted: false };
}
