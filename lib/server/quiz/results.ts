import Papa from "papaparse";
import { getBankQuestion } from "@/lib/content/questions";
import type { Locale } from "@/lib/content/topics";
import { db } from "@/lib/server/db";
import type { Actor } from "./errors";
import { getScenarioFamily } from "./families";
import { getManagedQuiz } from "./quizzes";
import { familyIdSchema, readStoredResult } from "./types";

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
};

export function itemLabel(item: { source: string; bankId: string | null; family: string | null; question?: { data: unknown } | null }, locale: Locale): string {
  if (item.source === "bank" && item.bankId) return getBankQuestion(item.bankId)?.prompt[locale].slice(0, 80) ?? item.bankId;
  if (item.source === "family" && item.family) {
    const id = familyIdSchema.safeParse(item.family);
    return (id.success ? getScenarioFamily(id.data)?.title[locale] : undefined) ?? item.family;
  }
  const data = item.question?.data as { prompt?: Record<Locale, string>; id?: string } | undefined;
  return data?.prompt?.[locale]?.slice(0, 80) ?? data?.id ?? "?";
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
 * A wrong answer's key for grouping: for scenario families the first divergence (students'
 * numbers differ per variant, but where they go wrong is comparable), else the answer in words.
 */
function wrongKey(feedback: unknown, locale: Locale): string | null {
  const r = readStoredResult(feedback);
  if (!r || r.correct) return null;
  if (r.divergence) return r.divergence.message[locale];
  const parts = Object.values(r.answerDisplay).map((a) => a[locale]);
  return parts.length > 0 ? parts.join(" | ") : null;
}

export async function quizResults(actor: Actor, quizId: string, locale: Locale) {
  const quiz = await getManagedQuiz(actor, quizId);
  const items = await db.quizItem.findMany({ where: { quizId }, orderBy: { position: "asc" }, include: { question: { select: { data: true } } } });
  const attempts = await db.quizAttempt.findMany({
    where: { quizId, submittedAt: { not: null } },
    include: {
      user: { select: { id: true, name: true, email: true } },
      questions: { select: { quizItemId: true, score: true, feedback: true, submittedAt: true } },
    },
    orderBy: { submittedAt: "asc" },
  });

  const byStudent = new Map<string, StudentGrade>();
  for (const a of attempts) {
    const g = byStudent.get(a.userId) ?? {
      userId: a.userId,
      name: a.user.name,
      email: a.user.email,
      attempts: 0,
      bestScore: null,
      lastSubmittedAt: null,
      itemScores: {},
    };
    g.attempts += 1;
    g.lastSubmittedAt = a.submittedAt;
    if (g.bestScore === null || (a.score ?? 0) > g.bestScore) {
      g.bestScore = a.score ?? 0;
      g.itemScores = Object.fromEntries(items.map((it) => [it.id, a.questions.find((q) => q.quizItemId === it.id)?.score ?? null]));
    }
    byStudent.set(a.userId, g);
  }
  const students = [...byStudent.values()].sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));

  const itemStats: ItemStats[] = items.map((item) => {
    const answers = attempts.flatMap((a) => a.questions.filter((q) => q.quizItemId === item.id && q.submittedAt !== null));
    const scores = answers.map((q) => q.score ?? 0);
    const wrong = new Map<string, number>();
    for (const q of answers) {
      const key = wrongKey(q.feedback, locale);
      if (key) wrong.set(key, (wrong.get(key) ?? 0) + 1);
    }
    return {
      itemId: item.id,
      position: item.position,
      label: itemLabel(item, locale),
      source: item.source,
      answered: answers.length,
      meanScore: scores.length === 0 ? null : scores.reduce((s, x) => s + x, 0) / scores.length,
      fullMarks: scores.filter((s) => s >= 1).length,
      commonWrong: [...wrong.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([answer, count]) => ({ answer, count })),
    };
  });

  const best = students.map((s) => s.bestScore ?? 0);
  return {
    quiz,
    items,
    students,
    itemStats,
    distribution: histogram(best),
    submittedAttempts: attempts.length,
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

const pct = (x: number | null) => (x === null ? "" : (Math.round(x * 10_000) / 100).toFixed(2));

export type CsvHeaders = { name: string; email: string; attempts: string; best: string; lastSubmitted: string; question: (n: number) => string };

/** The grade table as CSV (RFC 4180 quoting by papaparse; percentages with two decimals). */
export async function gradesCsv(actor: Actor, quizId: string, locale: Locale, headers: CsvHeaders): Promise<{ filename: string; csv: string }> {
  const r = await quizResults(actor, quizId, locale);
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
