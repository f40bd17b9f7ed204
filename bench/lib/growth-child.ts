/**
 * One size of `npm run bench:growth`, in its own process (lib/server/db binds one client per
 * process, to DATABASE_URL): seeds a class history of about `rows` question rows into a fresh
 * database, then times each report view as the app calls it.
 *   tsx bench/lib/growth-child.ts <out.json> <rows>
 * Half the rows are the class's quiz answers (200 students retaking a 10-question quiz), half
 * are one student's practice history (the mastery figure is that student's).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { db } from "@/lib/server/db";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { rebuildQuizSummaries } from "@/lib/server/quiz/report-stats";
import { gradesCsv, quizResults } from "@/lib/server/quiz/results";
import { BulkTable } from "./bulk-insert";
import { historyRows } from "./history";

export const CLASS_SIZE = 200;
export const ITEMS = 10;
/** cpuMs: this process's CPU per call plus, on PostgreSQL, its server backends' (from /proc). */
export type GrowthView = { view: string; medianMs: number; cpuMs: number; runs: number };
/** seedSeconds includes summarySeconds: building the results page's summaries from the seeded rows (the migration's back-fill). */
export type GrowthResult = { rows: number; seedSeconds: number; summarySeconds?: number; views: GrowthView[] };

/**
 * Writes a history in bulk (./bulk-insert.ts: multi-row INSERTs, not one model call per 2,000
 * rows), streaming its rows, then builds the results page's summaries from them as the
 * migration `report_summaries` back-fills an existing database (report-stats.ts
 * rebuildQuizSummaries) — the app keeps them as attempts finish, which a seeded history skips.
 */
async function insert(h: ReturnType<typeof historyRows>): Promise<{ questions: number; summarySeconds: number }> {
  // The few people, quizzes and items through the model API (it fills @updatedAt).
  await db.user.createMany({ data: [h.instructor, ...h.students] });
  await db.quiz.createMany({ data: h.quizzes });
  await db.quizItem.createMany({ data: h.items });
  const attempts = new BulkTable("QuizAttempt");
  const questions = new BulkTable("QuestionAttempt", { json: ["params", "feedback"], after: attempts });
  for (const r of h.rows()) await (r.table === "attempts" ? attempts.add(r.row) : questions.add(r.row));
  await questions.flush();
  const t0 = performance.now();
  for (const q of h.quizzes) await rebuildQuizSummaries(q.id);
  return { questions: questions.count, summarySeconds: (performance.now() - t0) / 1000 };
}

const postgres = (process.env.DATABASE_URL ?? "").startsWith("postgres");
const TICK_MS = 10; // USER_HZ = 100 on Linux (proc(5): utime and stime are in clock ticks)

/**
 * CPU time (ms) of the PostgreSQL backends serving this database, from /proc/<pid>/stat: the
 * query work happens there, not in this process. 0 on SQLite (in-process, already counted).
 */
async function serverCpuMs(): Promise<number> {
  if (!postgres) return 0;
  const pids = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** Median wall time and mean CPU time per call (this process + the database server), after two warm-up calls. */
async function time(view: string, fn: () => Promise<unknown>, runs = 11): Promise<GrowthView> {
  await fn();
  await fn();
  const walls: number[] = [];
  const s0 = await serverCpuMs();
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    walls.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  const server = (await serverCpuMs()) - s0;
  walls.sort((a, b) => a - b);
  return { view, medianMs: walls[Math.floor(runs / 2)]!, cpuMs: ((c.user + c.system) / 1000 + server) / runs, runs };
}

async function main(): Promise<void> {
  const [out, rowsArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (!out || !Number.isFinite(rows) || rows < 1000) throw new Error("usage: tsx bench/lib/growth-child.ts <out.json> <rows ≥ 1000>");
  const t0 = performance.now();
  const attemptsPerStudent = Math.max(1, Math.round(rows / 2 / CLASS_SIZE / ITEMS));
  const cls = historyRows({ tag: "growth", students: CLASS_SIZE, items: ITEMS, attemptsPerStudent, practicePerStudent: 0 }, 1);
  const a = await insert(cls);
  const heavy = historyRows({ tag: "heavy", students: 1, items: 0, attemptsPerStudent: 0, practicePerStudent: Math.round(rows / 2), openExam: true }, 2);
  const b = await insert(heavy);
  // PostgreSQL's autovacuum analyses a table this size on its own (ANALYZE after ~10 % changed
  // rows, https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM); here it is
  // done at once rather than whenever the daemon gets to it, so that every size is timed with statistics.
  if (postgres) await db.$executeRawUnsafe("ANALYZE");
  const seedSeconds = (performance.now() - t0) / 1000;
  const teacher = { id: cls.instructor.id, role: "INSTRUCTOR" as const };
  const quizId = cls.quizzes[0]!.id;
  const headers = { name: "Name", email: "Email", attempts: "Attempts", best: "Best %", lastSubmitted: "Last", question: (n: number) => `Q${n}` };
  const views = [
    await time("results page (grades, distribution, item statistics)", () => quizResults(teacher, quizId, "en")),
    await time("grades CSV", () => gradesCsv(teacher, quizId, "en", headers)),
    await time("dashboard mastery (one student)", () => masteryByTopic(heavy.students[0]!.id)),
  ];
  const result: GrowthResult = { rows: a.questions + b.questions, seedSeconds, summarySeconds: a.summarySeconds + b.summarySeconds, views };
  writeFileSync(out, JSON.stringify(result));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
