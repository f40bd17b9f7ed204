import { TOPICS, topicIdSchema } from "@/lib/content/topics";
import { ADAPTIVE_WINDOW, clampDifficulty, type RecentResult } from "@/lib/quiz/adaptive";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";
import { jsonText } from "@/lib/server/sql";

/**
 * The student's recent graded answers for adaptive practice (lib/quiz/adaptive.ts), newest first,
 * at most ADAPTIVE_WINDOW per topic, with the difficulty each was asked at: a family's
 * `config.difficulty` (stored in its params) or an authored question's `difficulty` (its snapshot).
 * Answers to an exam whose results are hidden are left out, as for mastery
 * (lib/server/quiz/mastery.ts, whose per-topic windows this query follows: its cost does not grow
 * with the student's history).
 */
export async function recentResults(userId: string, now: Date = new Date()): Promise<RecentResult[]> {
  const params = Prisma.sql`qa."params"`;
  const windows = TOPICS.map(
    ({ id }) => Prisma.sql`SELECT * FROM (
      SELECT qa."topic", qa."source", qa."ref", COALESCE(qa."score", 0) AS "score", qa."submittedAt",
        COALESCE(${jsonText(params, ["params", "config", "difficulty"])}, ${jsonText(params, ["question", "difficulty"])}) AS "difficulty"
      FROM "QuestionAttempt" qa
      LEFT JOIN "QuizAttempt" za ON za."id" = qa."quizAttemptId"
      LEFT JOIN "Quiz" z ON z."id" = za."quizId"
      WHERE qa."userId" = ${userId} AND qa."topic" = ${id} AND qa."submittedAt" IS NOT NULL
        AND (qa."quizAttemptId" IS NULL OR z."mode" = 'PRACTICE' OR z."closesAt" <= ${now} OR z."resultsReleasedAt" <= ${now})
      ORDER BY qa."submittedAt" DESC
      LIMIT ${ADAPTIVE_WINDOW}
    ) w`,
  );
  const rows = await db.$queryRaw<{ topic: string; source: string; ref: string; score: number; submittedAt: Date; difficulty: string | number | null }[]>`
    SELECT * FROM (${Prisma.join(windows, " UNION ALL ")}) t ORDER BY "submittedAt" DESC`;
  return rows.flatMap((r) => {
    const topic = topicIdSchema.safeParse(r.topic);
    if (!topic.success) return [];
    return [{ topic: topic.data, source: r.source, ref: r.ref, score: Number(r.score), difficulty: clampDifficulty(r.difficulty === null ? NaN : Number(r.difficulty)) }];
  });
}
