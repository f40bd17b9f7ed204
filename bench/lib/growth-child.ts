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
import { gradesCsv, quizResults } from "@/lib/server/quiz/results";
import { buildHistory, type History } from "./history";

export const CLASS_SIZE = 200;
export const ITEMS = 10;
/** cpuMs: this process's CPU per call plus, on PostgreSQL, its server backends' (from /proc). */
export type GrowthView = { view: string; medianMs: number; cpuMs: number; runs: number };
export type GrowthResult = { rows: number; seedSeconds: number; views: GrowthView[] };

const CHUNK = 2000;

async function insert(h: History): Promise<void> {
  const chunks = async <T>(rows: T[], write: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
  };
  await db.user.createMany({ data: [h.instructor, ...h.students] });
  await db.quiz.createMany({ data: h.quizzes });
  await db.quizItem.createMany({ data: h.items });
  await chunks(h.attempts, (data) => db.quizAttempt.createMany({ data }));
  await chunks(h.questions, (data) => db.questionAttempt.createMany({ data: data.map((q) => ({ ...q, feedback: q.feedback ?? undefined })) }));
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
  const cls = buildHistory({ tag: "growth", students: CLASS_SIZE, items: ITEMS, attemptsPerStudent, practicePerStudent: 0 }, 1);
  await insert(cls);
  const heavy = buildHistory({ tag: "heavy", students: 1, items: 0, attemptsPerStudent: 0, practicePerStudent: Math.round(rows / 2), openExam: true }, 2);
  await insert(heavy);
  const seedSeconds = (performance.now() - t0) / 1000;
  const teacher = { id: cls.instructor.id, role: "INSTRUCTOR" as const };
  const quizId = cls.quizzes[0]!.id;
  const headers = { name: "Name", email: "Email", attempts: "Attempts", best: "Best %", lastSubmitted: "Last", question: (n: number) => `Q${n}` };
  const views = [
    await time("results page (grades, distribution, item statistics)", () => quizResults(teacher, quizId, "en")),
    await time("grades CSV", () => gradesCsv(teacher, quizId, "en", headers)),
    await time("dashboard mastery (one student)", () => masteryByTopic(heavy.students[0]!.id)),
  ];
  const result: GrowthResult = { rows: cls.questions.length + heavy.questions.length, seedSeconds, views };
  writeFileSync(out, JSON.stringify(result));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
