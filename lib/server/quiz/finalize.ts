import { db } from "@/lib/server/db";

/**
 * The score of a quiz attempt: Σ points·score / Σ points over its questions, unanswered
 * questions counting 0. Points come from the quiz item (1 if the item was removed since).
 */
export function attemptScore(questions: { score: number | null; quizItem: { points: number } | null }[]): number {
  let total = 0;
  let earned = 0;
  for (const q of questions) {
    const points = q.quizItem?.points ?? 1;
    total += points;
    earned += points * (q.score ?? 0);
  }
  return total === 0 ? 0 : Math.round((earned / total) * 10_000) / 10_000;
}

/**
 * Closes a quiz attempt once (explicit finish, deadline passed, or quiz closed). Conditional on
 * `submittedAt: null`, so concurrent finishes agree on one score. Returns true if this call
 * finalized it.
 */
export async function finalizeAttempt(attemptId: string, now: Date): Promise<boolean> {
  const questions = await db.questionAttempt.findMany({
    where: { quizAttemptId: attemptId },
    select: { score: true, quizItem: { select: { points: true } } },
  });
  const { count } = await db.quizAttempt.updateMany({
    where: { id: attemptId, submittedAt: null },
    data: { submittedAt: now, score: attemptScore(questions) },
  });
  return count === 1;
}
