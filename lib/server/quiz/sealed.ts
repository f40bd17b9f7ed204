import type { Localized } from "@/lib/core";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";

/**
 * Sealed exams (issue #15 item 4). While an EXAM is open to a class — opened, not closed, its
 * results not released — the questions in it are sealed for that class's members: practice
 * does not draw its bank questions, and a scenario family of the exam still practises (with a
 * fresh random seed, never the student's exam seed: lib/server/quiz/attempts.ts stableSeed) but
 * without its explanation, so a student cannot rehearse the exam's answers next door.
 */

/** What an open exam seals, by question source. */
export type SealedRefs = { bank: Set<string>; authored: Set<string>; family: Set<string> };

/**
 * The quiz items of every EXAM open now and published to a class this user is in: opened (or no
 * opening time), not closed, results not released. Raw SQL (lib/server/sql.ts): the seal is read on
 * every practice grading, and the same filter as a Prisma model query (a relation filter three
 * levels deep) cost ≈ 3 ms of query-plan compilation per request (`npm run bench:profile`,
 * issue #16). Dates compare as the driver adapters bind them, as in lib/server/quiz/mastery.ts.
 * `e` is the exam, so that the alias never shadows the grading read's own quiz `z`.
 */
function openExamItems(userId: string, now: Date, where: Prisma.Sql = Prisma.empty, columns: Prisma.Sql = ITEM_COLUMNS): Prisma.Sql {
  return Prisma.sql`
    SELECT ${columns}
    FROM "QuizItem" qi
    JOIN "Quiz" e ON e."id" = qi."quizId"
    WHERE e."mode" = 'EXAM'
      AND (e."opensAt" IS NULL OR e."opensAt" <= ${now})
      AND (e."closesAt" IS NULL OR e."closesAt" > ${now})
      AND (e."resultsReleasedAt" IS NULL OR e."resultsReleasedAt" > ${now})
      AND EXISTS (
        SELECT 1 FROM "QuizClass" qc JOIN "ClassMember" cm ON cm."classId" = qc."classId"
        WHERE qc."quizId" = e."id" AND cm."userId" = ${userId}
      )
      ${where}`;
}

const ITEM_COLUMNS = Prisma.sql`qi."source", qi."bankId", qi."questionId", qi."family"`;

type SealedItem = { source: string; bankId: string | null; questionId: string | null; family: string | null };

/** Everything sealed for this user now. */
export async function sealedRefs(userId: string, now: Date = new Date()): Promise<SealedRefs> {
  const items = await db.$queryRaw<SealedItem[]>(openExamItems(userId, now));
  const out: SealedRefs = { bank: new Set(), authored: new Set(), family: new Set() };
  for (const i of items) {
    if (i.source === "bank" && i.bankId) out.bank.add(i.bankId);
    else if (i.source === "authored" && i.questionId) out.authored.add(i.questionId);
    else if (i.source === "family" && i.family) out.family.add(i.family);
  }
  return out;
}

/**
 * `(SELECT COUNT(*) …) > 0`: whether an open exam of this user's classes has the question `source`/`ref`
 * (values or column references — the grading read passes the row's own columns, so that one
 * statement reads the row and its seal: lib/server/quiz/submit.ts). Every grading of a practice
 * answer asks it, which is why it is one SQL expression (issue #16).
 */
export function sealedSql(userId: string, now: Date, source: Prisma.Sql, ref: Prisma.Sql): Prisma.Sql {
  // A counted scalar subquery rather than EXISTS: PostgreSQL plans every statement Prisma sends
  // anew (unnamed statements), and pulling an EXISTS up into a semi-join over four tables made
  // planning cost twice as much (measured with node-postgres, 0.5 vs 0.26 ms per statement).
  return Prisma.sql`(${openExamItems(
    userId,
    now,
    Prisma.sql`AND qi."source" = ${source} AND (
      (qi."source" = 'bank' AND qi."bankId" = ${ref}) OR
      (qi."source" = 'authored' AND qi."questionId" = ${ref}) OR
      (qi."source" = 'family' AND qi."family" = ${ref}))`,
    Prisma.sql`COUNT(*)`,
  )}) > 0`;
}

/** Shown instead of the explanation of a sealed question in practice. */
export const SEALED_EXPLANATION: Localized = {
  en: "The explanation is withheld while an exam with this question is open to your class.",
  zh: "你所在班级有一场包含此题的考试正在进行，考试结束前不显示解析。",
};
