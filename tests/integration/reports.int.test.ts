import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { TOPICS } from "@/lib/content/topics";
import { db } from "@/lib/server/db";
import { masteryByTopic, MASTERY_WINDOW } from "@/lib/server/quiz/mastery";
import { finalizeAttempt } from "@/lib/server/quiz/finalize";
import { rebuildQuizSummaries } from "@/lib/server/quiz/report-stats";
import { gradesCsv, histogram, quizResults } from "@/lib/server/quiz/results";
import { migrationsDir } from "@/lib/server/migrate";
import { buildHistory, type History } from "../../bench/lib/history";
import { comparable, expected, referenceResults } from "./fixtures/report-reference";
import { dbKind } from "./helpers";

/**
 * The report views moved into SQL and kept summaries (issue #16) must give the numbers the
 * JavaScript aggregation gave: ./fixtures/report-reference.ts and `referenceMastery` below are
 * that aggregation (lib/server/quiz/results.ts and mastery.ts before the change), run over the
 * same rows read with plain model queries. The summaries are built the three ways an app's
 * database gets them: rebuilt from a history (as the benchmark seeds it), kept as attempts are
 * finished, and back-filled by the migration that created them.
 */

async function insert(h: History): Promise<void> {
  await db.user.createMany({ data: [h.instructor, ...h.students] });
  await db.quiz.createMany({ data: h.quizzes });
  await db.quizItem.createMany({ data: h.items });
  await db.quizAttempt.createMany({ data: h.attempts });
  await db.questionAttempt.createMany({ data: h.questions.map((q) => ({ ...q, feedback: q.feedback ?? undefined })) });
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

/** The migration's back-fill statements (prisma/…/migrations/*_report_summaries), as the migration runs them. */
function backfillStatements(): string[] {
  const dir = migrationsDir(dbKind());
  const name = readdirSync(dir).find((n) => n.endsWith("_report_summaries"))!;
  const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
  const marker = sql.indexOf("-- Back-fill (issue #16)");
  expect(marker).toBeGreaterThan(0);
  return sql
    .slice(marker)
    .split(/;\s*\n/)
    .map((st) => st.split("\n").filter((line) => !line.startsWith("--")).join("\n").trim())
    .filter((st) => st.length > 0);
}

const LONG = randomBytes(4000).toString("hex");

/**
 * A class whose attempts the app finishes (finalizeAttempt) instead of being written finished:
 * the answers of item 0 that are wrong in an even-numbered attempt diverged (a scenario family's
 * kind of feedback), every answer reads differently in Chinese, and one wrong answer is a free
 * text longer than a B-tree entry may be.
 */
function finishedClass(): History {
  const f = buildHistory({ tag: `fin-${randomUUID().slice(0, 8)}`, students: 17, items: 4, attemptsPerStudent: 5, practicePerStudent: 0 }, 11);
  const number = new Map(f.attempts.map((a) => [a.id, a.number]));
  let long = false;
  for (const q of f.questions) {
    if (!q.feedback) continue;
    const en = q.feedback.answerDisplay.state!.en;
    q.feedback = { ...q.feedback, answerDisplay: { state: { en, zh: `状态 ${en}` } } };
    if (q.feedback.correct) continue;
    if (q.quizItemId === f.items[0]!.id && number.get(q.quizAttemptId!)! % 2 === 0) {
      q.feedback.divergence = { step: 2, message: { en: "The SYN was lost at step 2", zh: "第 2 步 SYN 丢失" } };
    } else if (!long && q.quizItemId === f.items[1]!.id) {
      q.feedback.answerDisplay = { state: { en: `en ${LONG}`, zh: `zh ${LONG}` } };
      long = true;
    }
  }
  return f;
}

describe(`report views on ${dbKind()} (issue #16)`, () => {
  let h: History;
  let f: History;
  beforeAll(async () => {
    h = buildHistory({ tag: `rep-${randomUUID().slice(0, 8)}`, students: 23, items: 5, attemptsPerStudent: 6, practicePerStudent: 90, openExam: true }, 7);
    await insert(h);
    for (const q of h.quizzes) await rebuildQuizSummaries(q.id);

    f = finishedClass();
    // Written open, as students leave them when they press "finish"; then finished by the app,
    // several at once (a class finishing together), in the order they were submitted.
    await insert({ ...f, attempts: f.attempts.map((a) => ({ ...a, submittedAt: null, score: null })) });
    const toFinish = f.attempts.filter((a) => a.submittedAt !== null).sort((x, y) => x.submittedAt!.getTime() - y.submittedAt!.getTime());
    for (let i = 0; i < toFinish.length; i += 6) {
      const closed = await Promise.all(toFinish.slice(i, i + 6).map((a) => finalizeAttempt(a.id, a.submittedAt!)));
      expect(closed.every(Boolean)).toBe(true);
    }
    // Two histories and 83 finishing transactions take ~12 s alone; with a build on the same two
    // cores the set-up once failed on SQLite (not reproduced since), most likely the suite's
    // 60 s hook budget.
  }, 180_000);

  it("should give the old grades, item statistics, distribution and links from a rebuilt history", async () => {
    const teacher = { id: h.instructor.id, role: "INSTRUCTOR" as const };
    const quizId = h.quizzes[0]!.id;
    const ref = await referenceResults(quizId);
    const got = await quizResults(teacher, quizId, "en");
    // The data must exercise what the SQL has to get right: ties between attempts, open attempts.
    expect(ref.students.some((s) => h.attempts.filter((a) => a.userId === s.userId && a.score === s.bestScore).length > 1)).toBe(true);
    expect(h.attempts.some((a) => a.submittedAt === null)).toBe(true);

    expect(comparable(got)).toEqual(expected(ref));
    expect(got.distribution).toEqual(histogram(ref.students.map((s) => s.bestScore ?? 0)));
    expect(got.itemStats.every((s) => s.commonWrong.length > 0)).toBe(true);
  });

  it("should keep the same numbers as the app finishes attempts, in both languages, counting each attempt once", async () => {
    const teacher = { id: f.instructor.id, role: "INSTRUCTOR" as const };
    const quizId = f.quizzes[0]!.id;
    const check = async () => {
      for (const locale of ["en", "zh"] as const) {
        const ref = await referenceResults(quizId, locale);
        const got = await quizResults(teacher, quizId, locale);
        expect(comparable(got)).toEqual(expected(ref));
        expect(got.distribution).toEqual(histogram(ref.students.map((s) => s.bestScore ?? 0)));
      }
    };
    await check();
    const zh = await quizResults(teacher, quizId, "zh");
    expect(zh.itemStats[0]!.commonWrong.map((w) => w.answer)).toContain("第 2 步 SYN 丢失");
    expect(zh.itemStats[1]!.commonWrong.every((w) => w.answer.startsWith("状态 "))).toBe(true);
    expect(await db.quizItemWrongAnswer.findMany({ where: { answer: `zh ${LONG}` }, select: { count: true } })).toEqual([{ count: 1 }]);
    // Scores were totalled by the app (finalize.ts), so ties come from the answers themselves.
    const ref = await referenceResults(quizId);
    const totals = await db.quizAttempt.findMany({ where: { quizId, submittedAt: { not: null } }, select: { userId: true, score: true } });
    expect(ref.students.some((s) => totals.filter((a) => a.userId === s.userId && a.score === s.bestScore).length > 1)).toBe(true);

    // Finishing again (a retry, a second tab, the deadline sweep) closes nothing and adds nothing.
    const again = await Promise.all(f.attempts.filter((a) => a.submittedAt !== null).slice(0, 12).map((a) => finalizeAttempt(a.id, new Date())));
    expect(again.some(Boolean)).toBe(false);
    await check();
  });

  it("should give the same numbers from the migration's back-fill", async () => {
    await db.quizGrade.deleteMany({});
    await db.quizItemStat.deleteMany({});
    await db.quizItemWrongAnswer.deleteMany({});
    const statements = backfillStatements();
    expect(statements).toHaveLength(3);
    for (const st of statements) await db.$executeRawUnsafe(st);
    for (const hist of [h, f]) {
      const teacher = { id: hist.instructor.id, role: "INSTRUCTOR" as const };
      for (const locale of ["en", "zh"] as const) {
        const got = await quizResults(teacher, hist.quizzes[0]!.id, locale);
        expect(comparable(got)).toEqual(expected(await referenceResults(hist.quizzes[0]!.id, locale)));
      }
    }
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
