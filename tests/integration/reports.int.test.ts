import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { TOPICS } from "@/lib/content/topics";
import { db } from "@/lib/server/db";
import { masteryByTopic, MASTERY_WINDOW } from "@/lib/server/quiz/mastery";
import { gradesCsv, histogram, quizResults } from "@/lib/server/quiz/results";
import { readStoredResult } from "@/lib/server/quiz/types";
import { buildHistory, type History } from "../../bench/lib/history";

/**
 * The report views moved into SQL (issue #16) must give the numbers the JavaScript aggregation
 * gave. The reference functions below are that aggregation as it was (lib/server/quiz/results.ts
 * and mastery.ts before the change), run over the same rows read with plain model queries.
 */

async function insert(h: History): Promise<void> {
  await db.user.createMany({ data: [h.instructor, ...h.students] });
  await db.quiz.createMany({ data: h.quizzes });
  await db.quizItem.createMany({ data: h.items });
  await db.quizAttempt.createMany({ data: h.attempts });
  await db.questionAttempt.createMany({ data: h.questions.map((q) => ({ ...q, feedback: q.feedback ?? undefined })) });
}

/** The grades and item statistics as the old quizResults computed them. */
async function referenceResults(quizId: string) {
  const items = await db.quizItem.findMany({ where: { quizId }, orderBy: { position: "asc" } });
  const attempts = await db.quizAttempt.findMany({
    where: { quizId, submittedAt: { not: null } },
    include: { user: { select: { id: true, name: true, email: true } }, questions: { select: { quizItemId: true, score: true, feedback: true, submittedAt: true } } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  type G = { userId: string; name: string; email: string; attempts: number; bestScore: number | null; lastSubmittedAt: Date | null; itemScores: Record<string, number | null> };
  const byStudent = new Map<string, G>();
  for (const a of attempts) {
    const g = byStudent.get(a.userId) ?? { userId: a.userId, name: a.user.name, email: a.user.email, attempts: 0, bestScore: null, lastSubmittedAt: null, itemScores: {} };
    g.attempts += 1;
    g.lastSubmittedAt = a.submittedAt;
    if (g.bestScore === null || (a.score ?? 0) > g.bestScore) {
      g.bestScore = a.score ?? 0;
      g.itemScores = Object.fromEntries(items.map((it) => [it.id, a.questions.find((q) => q.quizItemId === it.id)?.score ?? null]));
    }
    byStudent.set(a.userId, g);
  }
  const students = [...byStudent.values()].sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
  const itemStats = items.map((item) => {
    const answers = attempts.flatMap((a) => a.questions.filter((q) => q.quizItemId === item.id && q.submittedAt !== null));
    const scores = answers.map((q) => q.score ?? 0);
    const wrong = new Map<string, number>();
    for (const q of answers) {
      const r = readStoredResult(q.feedback);
      if (!r || r.correct) continue;
      const key = Object.values(r.answerDisplay).map((a) => a.en).join(" | ");
      wrong.set(key, (wrong.get(key) ?? 0) + 1);
    }
    return {
      itemId: item.id,
      answered: answers.length,
      meanScore: scores.length === 0 ? null : scores.reduce((s, x) => s + x, 0) / scores.length,
      fullMarks: scores.filter((s) => s >= 1).length,
      commonWrong: [...wrong.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([answer, count]) => ({ answer, count })),
    };
  });
  // The results page's link: each student's latest attempt with the best score.
  const link = new Map<string, string>();
  for (const a of [...attempts].reverse()) {
    const s = students.find((x) => x.userId === a.userId);
    if (s && !link.has(a.userId) && a.score === s.bestScore) link.set(a.userId, a.id);
  }
  return { students, itemStats, link, submitted: attempts.length };
}

/** Mastery as the old masteryByTopic computed it. */
async function referenceMastery(userId: string, now: Date) {
  const rows = await db.questionAttempt.findMany({
    where: { userId, submittedAt: { not: null }, OR: [{ quizAttemptId: null }, { quizAttempt: { quiz: { mode: "PRACTICE" } } }, { quizAttempt: { quiz: { closesAt: { lte: now } } } }] },
    orderBy: { submittedAt: "desc" },
    select: { topic: true, score: true },
    take: 2000,
  });
  return TOPICS.map(({ id }) => {
    const scores = rows.filter((r) => r.topic === id).slice(0, MASTERY_WINDOW).map((r) => r.score ?? 0);
    return { topic: id, answered: scores.length, mastery: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 };
  });
}

describe("report views in SQL (issue #16)", () => {
  let h: History;
  beforeAll(async () => {
    h = buildHistory({ tag: `rep-${randomUUID().slice(0, 8)}`, students: 23, items: 5, attemptsPerStudent: 6, practicePerStudent: 90, openExam: true }, 7);
    await insert(h);
  });

  it("should give the old grades, item statistics, distribution and links", async () => {
    const teacher = { id: h.instructor.id, role: "INSTRUCTOR" as const };
    const quizId = h.quizzes[0]!.id;
    const ref = await referenceResults(quizId);
    const got = await quizResults(teacher, quizId, "en");
    // The data must exercise what the SQL has to get right: ties between attempts, open attempts.
    expect(ref.students.some((s) => h.attempts.filter((a) => a.userId === s.userId && a.score === s.bestScore).length > 1)).toBe(true);
    expect(h.attempts.some((a) => a.submittedAt === null)).toBe(true);

    expect(got.students.map(({ bestAttemptId: _link, ...s }) => s)).toEqual(ref.students);
    expect(Object.fromEntries(got.students.map((s) => [s.userId, s.bestAttemptId]))).toEqual(Object.fromEntries(ref.link));
    expect(got.submittedAttempts).toBe(ref.submitted);
    expect(got.distribution).toEqual(histogram(ref.students.map((s) => s.bestScore ?? 0)));
    expect(got.itemStats.map((s) => ({ itemId: s.itemId, answered: s.answered, meanScore: s.meanScore, fullMarks: s.fullMarks, commonWrong: s.commonWrong }))).toEqual(
      ref.itemStats.map((s) => ({ ...s, meanScore: s.meanScore === null ? null : expect.closeTo(s.meanScore, 12) })),
    );
    expect(got.itemStats.every((s) => s.commonWrong.length > 0)).toBe(true);
  });

  it("should write the old grades to the CSV", async () => {
    const teacher = { id: h.instructor.id, role: "INSTRUCTOR" as const };
    const quizId = h.quizzes[0]!.id;
    const ref = await referenceResults(quizId);
    const { csv } = await gradesCsv(teacher, quizId, "en", { name: "Name", email: "Email", attempts: "Attempts", best: "Best %", lastSubmitted: "Last", question: (n) => `Q${n}` });
    const rows = Papa.parse<string[]>(csv.trim()).data.slice(1);
    const pct = (x: number | null) => (x === null ? "" : (Math.round(x * 10_000) / 100).toFixed(2));
    expect(rows).toEqual(
      ref.students.map((s) => [s.name, s.email, String(s.attempts), pct(s.bestScore), s.lastSubmittedAt?.toISOString() ?? "", ...h.items.map((it) => pct(s.itemScores[it.id] ?? null))]),
    );
  });

  it("should give the old mastery, leaving out an exam that is still open", async () => {
    const now = new Date(Date.UTC(2026, 5, 1));
    for (const s of h.students.slice(0, 8)) expect(await masteryByTopic(s.id, now)).toEqual(await referenceMastery(s.id, now));
    // After the exam closes its answers count (the exam's row is the student's newest).
    const later = new Date(h.quizzes[1]!.closesAt!.getTime() + 1);
    const s = h.students[0]!;
    const after = await masteryByTopic(s.id, later);
    expect(after).toEqual(await referenceMastery(s.id, later));
    expect(after).not.toEqual(await masteryByTopic(s.id, now));
  });
});
