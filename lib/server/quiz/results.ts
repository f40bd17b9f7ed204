import Papa from "papaparse";
import { getBankQuestion } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";
import type { Actor } from "./errors";
import { getScenarioFamily } from "./families";
import { getManagedQuiz } from "./quizzes";
import { familyIdSchema } from "./types";
import type { Locale } from "@/lib/core";
import { formatNumber, shortMarkdown } from "@/lib/core/format";

/**
 * Results of one quiz for its instructor: score distribution, per-question success rate and the
 * most common wrong answers, and the grade table behind the CSV export. Only submitted attempts
 * count; a student's grade is their best submitted attempt.
 */

export const BUCKETS = 10;

export type ItemStats = {
  itemId: string;
  position: number;
  label: string;
  source: string;
  answered: number;
  meanScore: number | null;
  fullMarks: number;
  commonWrong: { answer: string; count: number }[];
};

export type StudentGrade = {
  userId: string;
  name: string;
  email: string;
  attempts: number;
  bestScore: number | null;
  lastSubmittedAt: Date | null;
  /** Per item id, the score in the best attempt. */
  itemScores: Record<string, number | null>;
  /** The latest of the student's attempts with the best score (the results page links to it). */
  bestAttemptId: string;
};

type GradeRow = { userId: string; name: string; email: string; attempts: number | bigint; best: number; last: Date | null; linkId: string } & Record<`i${number}`, number | null>;

/**
 * Every student's grade in one statement, read from the grades kept as attempts finish
 * (report-stats.ts `QuizGrade`: attempts, best score, first and latest attempt with it, last
 * submission) — O(students × items) rows whatever the number of attempts (issue #16). The
 * best attempt's per-question scores come back as one column per item, so the answer is one row
 * per student (each row read costs the drivers microseconds: 200 rows, not 200 × items).
 */
export async function studentGrades(quizId: string, itemIds: readonly string[]): Promise<StudentGrade[]> {
  const itemColumns = itemIds.map((id, k) => Prisma.sql`, MAX(CASE WHEN q."quizItemId" = ${id} THEN q."score" END) AS ${Prisma.raw(`"i${k}"`)}`);
  const rows = await db.$queryRaw<GradeRow[]>(Prisma.sql`
    SELECT g."userId", u."name", u."email", g."attempts", g."best", g."lastSubmittedAt" AS "last", g."linkAttemptId" AS "linkId" ${itemColumns.length ? Prisma.join(itemColumns, " ") : Prisma.empty}
    FROM "QuizGrade" g
    JOIN "User" u ON u."id" = g."userId"
    LEFT JOIN "QuestionAttempt" q ON q."quizAttemptId" = g."bestAttemptId"
    WHERE g."quizId" = ${quizId}
    GROUP BY g."userId", u."name", u."email", g."attempts", g."best", g."lastSubmittedAt", g."linkAttemptId"`);
  return rows
    .map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      attempts: Number(r.attempts),
      bestScore: Number(r.best),
      lastSubmittedAt: r.last,
      itemScores: Object.fromEntries(itemIds.map((id, k) => [id, r[`i${k}`] === null ? null : Number(r[`i${k}`])])),
      bestAttemptId: r.linkId,
    }))
    .sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}

export function itemLabel(item: { source: string; bankId: string | null; family: string | null; question?: { data: unknown } | null }, locale: Locale): string {
  if (item.source === "bank" && item.bankId) {
    const prompt = getBankQuestion(item.bankId)?.prompt[locale];
    return prompt === undefined ? item.bankId : shortMarkdown(prompt);
  }
  if (item.source === "family" && item.family) {
    const id = familyIdSchema.safeParse(item.family);
    return (id.success ? getScenarioFamily(id.data)?.title[locale] : undefined) ?? item.family;
  }
  const data = item.question?.data as { prompt?: Record<Locale, string>; id?: string } | undefined;
  const prompt = data?.prompt?.[locale];
  return prompt !== undefined ? shortMarkdown(prompt) : (data?.id ?? "?");
}


/** Buckets 0–10 %, 10–20 %, …, 90–100 % (100 % falls in the last one). */
export function histogram(scores: number[], buckets = BUCKETS): number[] {
  const counts = Array.from({ length: buckets }, () => 0);
  for (const s of scores) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(s * buckets)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/**
 * Per item: how many answered, mean score, full marks and the most common wrong answers (in the
 * page's language), read from the counters kept as attempts finish (report-stats.ts
 * `QuizItemStat`, `QuizItemWrongAnswer`): two statements of O(items + distinct wrong answers)
 * rows, whatever the quiz's history (issue #16).
 */
async function itemStatistics(quizId: string, items: ItemRow[], locale: Locale): Promise<ItemStats[]> {
  const [totals, wrongRows] = await Promise.all([
    db.$queryRaw<{ quizItemId: string; answered: number | bigint; total: number | null; full: number | bigint }[]>(Prisma.sql`
      SELECT s."quizItemId", s."answered", s."total", s."full"
      FROM "QuizItemStat" s JOIN "QuizItem" i ON i."id" = s."quizItemId"
      WHERE i."quizId" = ${quizId}`),
    db.$queryRaw<{ quizItemId: string; answer: string; count: number | bigint }[]>(Prisma.sql`
      SELECT w."quizItemId", w."answer", w."count"
      FROM "QuizItemWrongAnswer" w JOIN "QuizItem" i ON i."id" = w."quizItemId"
      WHERE i."quizId" = ${quizId} AND w."locale" = ${locale}`),
  ]);
  const byItem = new Map(totals.map((t) => [t.quizItemId, t]));
  const wrongByItem = new Map<string, [string, number][]>();
  for (const w of wrongRows) {
    const list = wrongByItem.get(w.quizItemId);
    if (list) list.push([w.answer, Number(w.count)]);
    else wrongByItem.set(w.quizItemId, [[w.answer, Number(w.count)]]);
  }
  return items.map((item) => {
    const t = byItem.get(item.id);
    const answered = t ? Number(t.answered) : 0;
    return {
      itemId: item.id,
      position: item.position,
      label: itemLabel(item, locale),
      source: item.source,
      answered,
      meanScore: answered === 0 ? null : Number(t!.total ?? 0) / answered,
      fullMarks: t ? Number(t.full) : 0,
      commonWrong: (wrongByItem.get(item.id) ?? [])
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([answer, count]) => ({ answer, count })),
    };
  });
}

type ItemRow = { id: string; position: number; source: string; bankId: string | null; family: string | null; question: { data: unknown } | null };

const quizItems = (quizId: string): Promise<ItemRow[]> =>
  db.quizItem.findMany({ where: { quizId }, orderBy: { position: "asc" }, include: { question: { select: { data: true } } } });

/**
 * The results page: a constant number of statements whatever the history (issue #16), reading
 * the summaries kept as attempts finish (report-stats.ts); only the students' grades and the
 * items reach JavaScript.
 */
export async function quizResults(actor: Actor, quizId: string, locale: Locale) {
  const quiz = await getManagedQuiz(actor, quizId);
  const items = await quizItems(quizId);
  const [students, itemStats] = await Promise.all([studentGrades(quizId, items.map((it) => it.id)), itemStatistics(quizId, items, locale)]);
  const best = students.map((s) => s.bestScore ?? 0);
  return {
    quiz,
    items,
    students,
    itemStats,
    distribution: histogram(best),
    submittedAttempts: students.reduce((n, s) => n + s.attempts, 0),
    meanBest: best.length === 0 ? null : best.reduce((s, x) => s + x, 0) / best.length,
  };
}

/**
 * A spreadsheet cell must not start a formula: a name like `=HYPERLINK(…)` would run in Excel
 * or LibreOffice (OWASP "CSV injection"). Such cells get a leading apostrophe.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// Machine-read: always two decimals, no grouping, no % sign, whatever the CSV's language.
const pct = (x: number | null) => (x === null ? "" : formatNumber(x * 100, { digits: 2, fixed: true, grouping: false }));

export type CsvHeaders = { name: string; email: string; attempts: string; best: string; lastSubmitted: string; question: (n: number) => string };

/** The grade table as CSV (RFC 4180 quoting by papaparse; percentages with two decimals). */
export async function gradesCsv(actor: Actor, quizId: string, locale: Locale, headers: CsvHeaders): Promise<{ filename: string; csv: string }> {
  // The grade table only: no item statistics.
  const quiz = await getManagedQuiz(actor, quizId);
  const items = await quizItems(quizId);
  const r = { quiz, items, students: await studentGrades(quizId, items.map((it) => it.id)) };
  const fields = [headers.name, headers.email, headers.attempts, headers.best, headers.lastSubmitted, ...r.items.map((it) => headers.question(it.position))];
  const data = r.students.map((s) => [
    safeCell(s.name),
    safeCell(s.email),
    String(s.attempts),
    pct(s.bestScore),
    s.lastSubmittedAt ? s.lastSubmittedAt.toISOString() : "",
    ...r.items.map((it) => pct(s.itemScores[it.id] ?? null)),
  ]);
  const slug = r.quiz.title.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40).toLowerCase() || "quiz";
  return { filename: `${slug}-grades.csv`, csv: Papa.unparse({ fields, data }, { newline: "\r\n" }) };
}
