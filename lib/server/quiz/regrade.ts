import { authoredQuestionSchema, getBankQuestion, type AuthoredQuestion } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { type Actor, QuizError } from "./errors";
import { attemptScore } from "./finalize";
import { getManagedQuiz } from "./quizzes";
import { lockQuizSummaries, rebuildItemStats, refreshGrades } from "./report-stats";
import { requireId } from "./sanitize";
import { asJson } from "./store";
import { readStoredParams, type StoredAnswer, type StoredParams } from "./types";
import { gradeVariant } from "./variants";

/**
 * Regrade (issue #15 item 7): after an instructor fixes a question's key, every stored answer to
 * that quiz item is graded again from its row — the seed and the option order the student saw,
 * the raw answer they sent — against the question as it is now (an authored question's current
 * text and key; a family's current code, which rebuilds the variant from the stored seed). The
 * item's question rows and the totals of the attempts they belong to change together, in one
 * transaction; the before/after of every attempt whose total changed is returned.
 */

export type RegradeChange = { attemptId: string; name: string; email: string; before: number | null; after: number };
export type RegradeReport = { regraded: number; changed: RegradeChange[] };

/** The current version of an item's question, for authored and bank items. */
async function currentQuestion(item: { source: string; bankId: string | null; questionId: string | null }): Promise<AuthoredQuestion | null> {
  if (item.source === "bank") return (item.bankId && getBankQuestion(item.bankId)) || null;
  if (item.source === "authored" && item.questionId) {
    const row = await db.authoredQuestion.findUnique({ where: { id: item.questionId } });
    const parsed = authoredQuestionSchema.safeParse(row?.data);
    return parsed.success ? parsed.data : null;
  }
  return null;
}

/** The stored params with the question as it is now (same seed, same option order). */
function withCurrent(params: StoredParams, question: AuthoredQuestion | null): StoredParams {
  if (params.kind !== "authored" || !question) return params;
  // The stored order lists authored choice ids: it still applies if the choices are the same set.
  const same = params.order && question.kind !== "numeric" && question.kind !== "text" && question.choices.length === params.order.length;
  return { ...params, question, ...(same ? {} : { order: [] }) };
}

export async function regradeItem(actor: Actor, quizId: string, itemId: string): Promise<RegradeReport> {
  const quiz = await getManagedQuiz(actor, quizId);
  const item = await db.quizItem.findFirst({ where: { id: requireId(itemId), quizId: quiz.id } });
  if (!item) throw new QuizError("notFound");
  const question = await currentQuestion(item);
  const rows = await db.questionAttempt.findMany({
    where: { quizItemId: item.id, submittedAt: { not: null }, quizAttemptId: { not: null } },
    select: { id: true, quizAttemptId: true, params: true, answer: true, score: true },
  });
  const updates: { id: string; score: number; feedback: unknown; params: StoredParams }[] = [];
  for (const r of rows) {
    const stored = withCurrent(readStoredParams(r.params), question);
    const answer = r.answer as StoredAnswer | null;
    if (!answer || typeof answer.raw !== "object" || answer.raw === null) continue;
    const outcome = gradeVariant(stored, answer.raw);
    // An answer that no longer parses (e.g. an option was removed) scores 0 rather than vanishing.
    const score = outcome.ok ? outcome.result.score : 0;
    const feedback = outcome.ok ? outcome.result : null;
    updates.push({ id: r.id, score, feedback, params: stored });
  }
  const attemptIds = [...new Set(rows.map((r) => r.quizAttemptId!))];
  const before = await db.quizAttempt.findMany({
    where: { id: { in: attemptIds } },
    select: { id: true, score: true, submittedAt: true, user: { select: { name: true, email: true } } },
  });
  const changed: RegradeChange[] = [];
  await db.$transaction(async (tx) => {
    await lockQuizSummaries(tx, quiz.id);
    for (const u of updates) {
      await tx.questionAttempt.update({
        where: { id: u.id },
        data: { score: u.score, params: asJson(u.params), ...(u.feedback ? { feedback: asJson(u.feedback) } : {}) },
      });
    }
    for (const a of before) {
      if (!a.submittedAt) continue; // an attempt in progress is totalled when it finishes
      const questions = await tx.questionAttempt.findMany({ where: { quizAttemptId: a.id }, select: { score: true, quizItem: { select: { points: true } } } });
      const after = attemptScore(questions);
      if (after !== a.score) {
        await tx.quizAttempt.update({ where: { id: a.id }, data: { score: after } });
        changed.push({ attemptId: a.id, name: a.user.name, email: a.user.email, before: a.score, after });
      }
    }
    // The results page's summaries follow the new scores (report-stats.ts): the item's counters
    // and wrong answers, and the grades, whose best attempts may have changed.
    await rebuildItemStats(tx, [item.id]);
    await refreshGrades(tx, quiz.id);
  });
  return { regraded: updates.length, changed };
}
