import Papa from "papaparse";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/server/generated/sqlite/client";
import { epochMs, jsonText } from "@/lib/server/sql";
import type { Actor } from "./errors";
import { getManagedQuiz } from "./quizzes";
import { itemLabel, safeCell } from "./results";
import type { Locale } from "@/lib/core";
import { splitFacets, type ParameterRate } from "@/lib/scenarios/facets";

/**
 * Item analysis of a quiz (issue #15 item 6; what Moodle's quiz statistics report shows): per
 * question its facility (mean score), discrimination (the point-biserial correlation between
 * the question's score and the attempt's total, i.e. Pearson's r with a 0/1 or partial-credit
 * item score — Moodle calls it the discrimination index when computed this way, see
 * https://docs.moodle.org/en/Quiz_statistics_calculations), how often each option was chosen
 * (authored questions: the authored choice id, whatever letter the student saw), mean time on
 * the question, and for scenario families the correct rate per generated parameter (the
 * family's difficulty, stored with each variant).
 *
 * Every aggregate is computed by the database (GROUP BY with SUMs, a LAG window for times), so
 * the work per request is O(items), not O(rows): 200 students × 50 questions × 3 attempts is
 * 30,000 rows read by two grouped statements (`npm run bench:items`). Only finished attempts
 * count. The total includes the item itself (not the "corrected" r of the rest), as Moodle's
 * discrimination index does.
 */

export type ItemAnalysis = {
  itemId: string;
  position: number;
  label: string;
  source: string;
  responses: number;
  facility: number | null;
  discrimination: number | null;
  meanSeconds: number | null;
  choices: { choice: string; count: number; rate: number }[];
  /** Per drawn parameter (lib/scenarios/facets.ts) and value: how many answered, how many fully right. */
  byParameter: ParameterRate[];
};


/**
 * One grouped row: the answers to one item with one chosen option (authored questions) or one
 * facet set (scenario families), with the sums Pearson's r needs. Sums add up across groups, so
 * an item's statistics are the sum of its groups: O(groups) in JavaScript, whatever the rows.
 */
type Group = {
  item: string;
  choice: string | null;
  facets: string | null;
  difficulty: string | number | null;
  n: number | bigint;
  correct: number | bigint;
  sx: number | null;
  sy: number | null;
  sxx: number | null;
  syy: number | null;
  sxy: number | null;
};

const num = (v: number | bigint | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/** Pearson's r from sums; null when either side has no variance (everyone scored the same). */
export function correlation(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): number | null {
  const vx = n * sxx - sx * sx;
  const vy = n * syy - sy * sy;
  if (n < 2 || vx <= 1e-12 || vy <= 1e-12) return null;
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy);
}

/** The two grouped statements; `quizId` is trusted (the caller checked the actor manages it). */
export async function itemAnalysisRows(quizId: string) {
  const finished = Prisma.sql`
    SELECT a."id", a."startedAt", COALESCE(a."score", 0) AS total
    FROM "QuizAttempt" a WHERE a."quizId" = ${quizId} AND a."submittedAt" IS NOT NULL`;
  // A family variant's facet set as JSON text (a handful of distinct sets per item), split per
  // facet in splitFacets: one statement for both databases, no JSON key enumeration (which SQLite
  // and PostgreSQL spell differently). Only family rows' params are read as JSON — an authored
  // row's params hold the whole question. Rows written before facets were stored fall back to
  // the config's difficulty.
  const family = (path: readonly string[]) => Prisma.sql`CASE WHEN q."source" = 'family' THEN ${jsonText(Prisma.sql`q."params"`, path)} END`;
  const [groups, times] = await Promise.all([
    db.$queryRaw<Group[]>`
      WITH fin AS (${finished})
      SELECT q."quizItemId" AS item, q."choice" AS choice, ${family(["facets"])} AS facets, ${family(["params", "config", "difficulty"])} AS difficulty,
             COUNT(*) AS n, SUM(CASE WHEN q."score" >= 1 THEN 1 ELSE 0 END) AS correct,
             SUM(COALESCE(q."score", 0)) AS sx, SUM(f.total) AS sy,
             SUM(COALESCE(q."score", 0) * COALESCE(q."score", 0)) AS sxx, SUM(f.total * f.total) AS syy,
             SUM(COALESCE(q."score", 0) * f.total) AS sxy
      FROM "QuestionAttempt" q JOIN fin f ON f."id" = q."quizAttemptId"
      WHERE q."quizItemId" IS NOT NULL
      GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<{ item: string; ms: number | null }[]>`
      WITH fin AS (${finished}),
      steps AS (
        SELECT q."quizItemId" AS item,
               ${epochMs(Prisma.sql`q."submittedAt"`)} - COALESCE(
                 LAG(${epochMs(Prisma.sql`q."submittedAt"`)}) OVER (PARTITION BY q."quizAttemptId" ORDER BY q."submittedAt"),
                 ${epochMs(Prisma.sql`f."startedAt"`)}) AS ms
        FROM "QuestionAttempt" q JOIN fin f ON f."id" = q."quizAttemptId"
        WHERE q."submittedAt" IS NOT NULL AND q."quizItemId" IS NOT NULL)
      SELECT item, AVG(ms) AS ms FROM steps GROUP BY item`,
  ]);
  return { groups, times };
}

/** The item analysis of a quiz the actor manages. */
export async function itemAnalysis(actor: Actor, quizId: string, locale: Locale): Promise<ItemAnalysis[]> {
  const quiz = await getManagedQuiz(actor, quizId);
  const [items, rows] = await Promise.all([
    db.quizItem.findMany({ where: { quizId: quiz.id }, orderBy: { position: "asc" }, include: { question: { select: { data: true } } } }),
    itemAnalysisRows(quiz.id),
  ]);
  const byItem = new Map<string, Group[]>();
  for (const g of rows.groups) {
    const list = byItem.get(g.item);
    if (list) list.push(g);
    else byItem.set(g.item, [g]);
  }
  const times = new Map(rows.times.map((t) => [t.item, t.ms]));
  return items.map((item, index): ItemAnalysis => {
    const groups = byItem.get(item.id) ?? [];
    const total = (pick: (g: Group) => number | bigint | null) => groups.reduce((a, g) => a + num(pick(g)), 0);
    const n = total((g) => g.n);
    const chosen = new Map<string, number>();
    for (const g of groups) if (g.choice !== null) chosen.set(g.choice, (chosen.get(g.choice) ?? 0) + num(g.n));
    const answeredChoice = [...chosen.values()].reduce((a, c) => a + c, 0);
    const ms = times.get(item.id);
    return {
      itemId: item.id,
      position: index + 1,
      label: itemLabel(item, locale),
      source: item.source,
      responses: n,
      facility: n > 0 ? total((g) => g.sx) / n : null,
      discrimination: n > 0 ? correlation(n, total((g) => g.sx), total((g) => g.sy), total((g) => g.sxx), total((g) => g.syy), total((g) => g.sxy)) : null,
      meanSeconds: ms === null || ms === undefined ? null : Number(ms) / 1000,
      choices: [...chosen]
        .map(([choice, count]) => ({ choice, count, rate: answeredChoice > 0 ? count / answeredChoice : 0 }))
        .sort((a, b) => a.choice.localeCompare(b.choice)),
      byParameter: item.source === "family" ? splitFacets(groups, locale) : [],
    };
  });
}

export type ItemCsvHeaders = { position: string; question: string; responses: string; facility: string; discrimination: string; meanSeconds: string; choices: string; byParameter: string };

/** The item analysis as CSV (one row per question; formula-like cells neutralised by safeCell). */
export function itemAnalysisCsv(rows: readonly ItemAnalysis[], headers: ItemCsvHeaders): string {
  const fixed = (x: number | null, digits: number) => (x === null ? "" : x.toFixed(digits));
  return Papa.unparse([
    [headers.position, headers.question, headers.responses, headers.facility, headers.discrimination, headers.meanSeconds, headers.choices, headers.byParameter],
    ...rows.map((r) => [
      String(r.position),
      safeCell(r.label),
      String(r.responses),
      fixed(r.facility, 3),
      fixed(r.discrimination, 3),
      fixed(r.meanSeconds, 1),
      r.choices.map((c) => `${c.choice}:${(c.rate * 100).toFixed(0)}%`).join(" "),
      safeCell(r.byParameter.map((p) => `${p.parameter}=${p.value}:${(p.correctRate * 100).toFixed(0)}%(${p.responses})`).join("; ")),
    ]),
  ]);
}
