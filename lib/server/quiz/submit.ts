import type { Locale } from "@/lib/content/topics";
import type { Localized } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
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
  const row = await db.questionAttempt.findUnique({
    where: { id: requireId(questionAttemptId) },
    include: { quizAttempt: { include: { quiz: { select: { mode: true, closesAt: true } } } } },
  });
  // Someone else's row is "not found": its existence is not the caller's business.
  if (!row || row.userId !== actor.id) throw new QuizError("notFound");
  const quiz = row.quizAttempt?.quiz ?? null;
  const stored = () => readStoredResult(row.feedback);

  if (row.submittedAt) {
    return { status: "graded", questionAttemptId: row.id, result: resultsVisible(quiz, now) ? stored() : null, alreadySubmitted: true };
  }
  const attempt = row.quizAttempt;
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
  const written = await db.questionAttempt.updateMany({
    where: { id: row.id, submittedAt: null },
    data: { answer: asJson(answer), score: outcome.result.score, feedback: asJson(outcome.result), submittedAt: now },
  });
  if (written.count === 0) {
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
