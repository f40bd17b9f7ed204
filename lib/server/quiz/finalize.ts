import { db } from "@/lib/server/db";
import { lockQuizSummaries, recordFinishedAttempt } from "./report-stats";

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
 * Closes a quiz attempt once (explicit finish, deadline passed, or quiz closed). Returns true if
 * this call finalized it.
 *
 * The results race (issue #15 item 4): this used to read the question scores, then mark the
 * attempt submitted with their total. An answer whose write landed between the two was graded on
 * its question (100 %) but missing from the total (0 %). Now the attempt row is the lock both
 * sides take first, inside one transaction each: here the conditional UPDATE that closes the
 * attempt, in `submitAnswer` a no-op UPDATE of the same row guarded by `submittedAt IS NULL`.
 * PostgreSQL makes the second writer wait for the first to commit and re-checks the guard
 * (READ COMMITTED, https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED);
 * SQLite runs one write transaction at a time. So an answer either commits before the attempt
 * closes — and the total, read after the close in a later statement, includes it — or finds the
 * attempt closed and is refused. Concurrent finishes still agree on one score.
 */
export async function finalizeAttempt(attemptId: string, now: Date): Promise<boolean> {
  // The quiz and student never change; the quiz's summaries are locked before the attempt row,
  // the order every writer of them keeps (report-stats.ts lockQuizSummaries).
  const owner = await db.quizAttempt.findUnique({ where: { id: attemptId }, select: { quizId: true, userId: true } });
  if (!owner) return false;
  return db.$transaction(async (tx) => {
    await lockQuizSummaries(tx, owner.quizId);
    const closed = await tx.$executeRaw`
      UPDATE "QuizAttempt" SET "submittedAt" = ${now} WHERE "id" = ${attemptId} AND "submittedAt" IS NULL`;
    if (closed === 0) return false;
    const questions = await tx.questionAttempt.findMany({
      where: { quizAttemptId: attemptId },
      select: { quizItemId: true, score: true, feedback: true, submittedAt: true, quizItem: { select: { points: true } } },
    });
    await tx.quizAttempt.update({ where: { id: attemptId }, data: { score: attemptScore(questions) } });
    // The results page's summaries, exactly once: only the call whose UPDATE closed the attempt
    // gets here, and they commit or roll back with the close (issue #16).
    await recordFinishedAttempt(tx, owner, questions);
    return true;
  });
}
