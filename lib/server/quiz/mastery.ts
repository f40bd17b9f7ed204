import { TOPICS, type TopicId } from "@/lib/content/topics";
import { db } from "@/lib/server/db";

/** How many recent answers per topic count: recent work says more about mastery than old work. */
export const MASTERY_WINDOW = 20;

export type TopicMastery = { topic: TopicId; answered: number; mastery: number | null };

/**
 * Mastery per topic = mean score of the user's latest MASTERY_WINDOW graded answers in it.
 * Answers to an exam that has not closed are left out: they would reveal the exam's hidden
 * scores through the dashboard.
 */
export async function masteryByTopic(userId: string, now: Date = new Date()): Promise<TopicMastery[]> {
  const rows = await db.questionAttempt.findMany({
    where: {
      userId,
      submittedAt: { not: null },
      OR: [
        { quizAttemptId: null },
        { quizAttempt: { quiz: { mode: "PRACTICE" } } },
        { quizAttempt: { quiz: { closesAt: { lte: now } } } },
      ],
    },
    orderBy: { submittedAt: "desc" },
    select: { topic: true, score: true },
    take: 2000,
  });
  return TOPICS.map(({ id }) => {
    const scores = rows.filter((r) => r.topic === id).slice(0, MASTERY_WINDOW).map((r) => r.score ?? 0);
    return {
      topic: id,
      answered: scores.length,
      mastery: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100,
    };
  });
}
