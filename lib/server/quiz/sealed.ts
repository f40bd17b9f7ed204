import type { Localized } from "@/lib/core";
import { db } from "@/lib/server/db";

/**
 * Sealed exams (issue #15 item 4). While an EXAM is open to a class — opened, not closed, its
 * results not released — the questions in it are sealed for that class's members: practice
 * does not draw its bank questions, and a scenario family of the exam still practises (with a
 * fresh random seed, never the student's exam seed: lib/server/quiz/attempts.ts stableSeed) but
 * without its explanation, so a student cannot rehearse the exam's answers next door.
 */

/** What an open exam seals, by question source. */
export type SealedRefs = { bank: Set<string>; authored: Set<string>; family: Set<string> };

/** The Prisma filter of "an EXAM open now, published to a class this user is in". */
function openExamFor(userId: string, now: Date) {
  return {
    mode: "EXAM" as const,
    classes: { some: { class: { members: { some: { userId } } } } },
    AND: [
      { OR: [{ opensAt: null }, { opensAt: { lte: now } }] },
      { OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
      { OR: [{ resultsReleasedAt: null }, { resultsReleasedAt: { gt: now } }] },
    ],
  };
}

/** Everything sealed for this user now. */
export async function sealedRefs(userId: string, now: Date = new Date()): Promise<SealedRefs> {
  const items = await db.quizItem.findMany({
    where: { quiz: openExamFor(userId, now) },
    select: { source: true, bankId: true, questionId: true, family: true },
  });
  const out: SealedRefs = { bank: new Set(), authored: new Set(), family: new Set() };
  for (const i of items) {
    if (i.source === "bank" && i.bankId) out.bank.add(i.bankId);
    else if (i.source === "authored" && i.questionId) out.authored.add(i.questionId);
    else if (i.source === "family" && i.family) out.family.add(i.family);
  }
  return out;
}

/** Is this one question (a practice row's source and ref) sealed for this user now? */
export async function isSealed(userId: string, source: string, ref: string, now: Date = new Date()): Promise<boolean> {
  const column = source === "bank" ? "bankId" : source === "authored" ? "questionId" : source === "family" ? "family" : null;
  if (!column) return false;
  const hit = await db.quizItem.findFirst({ where: { source, [column]: ref, quiz: openExamFor(userId, now) }, select: { id: true } });
  return hit !== null;
}

/** Shown instead of the explanation of a sealed question in practice. */
export const SEALED_EXPLANATION: Localized = {
  en: "The explanation is withheld while an exam with this question is open to your class.",
  zh: "你所在班级有一场包含此题的考试正在进行，考试结束前不显示解析。",
};
