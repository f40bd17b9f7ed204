/**
 * Item analysis benchmark (issue #15 item 6): 200 students × 50 questions × 3 finished attempts
 * (30,000 answers, 40 authored questions with chosen options, 10 scenario families with a
 * difficulty) in a fresh database, then the two grouped statements of
 * lib/server/quiz/item-analysis.ts timed. Target: ≤ 100 ms per analysis (wall, median of
 * runs) — an instructor opening the page must not wait, and the page must not hold the server.
 *
 *   npm run bench:items                      # a fresh SQLite file under data/
 *   BENCH_DATABASE_URL=postgresql://… npm run bench:items   # an empty PostgreSQL database (migrated here)
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { migrate, sqliteFilePath } from "../lib/server/migrate";

const STUDENTS = 200;
const QUESTIONS = 50;
const ATTEMPTS = 3;
const RUNS = 15;
const TARGET_MS = 100;

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? `file:./data/bench-items-${process.pid}.db`;
  const sqlite = url.startsWith("file:");
  if (sqlite) rmSync(sqliteFilePath(url), { force: true });
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-01";
  const { db } = await import("../lib/server/db");
  const { itemAnalysisRows } = await import("../lib/server/quiz/item-analysis");
  try {
    // ---- seed: deterministic pseudo-random abilities and answers (no Math.random: repeatable figures)
    let state = 12345;
    const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const owner = await db.user.create({ data: { email: `bench-${randomUUID()}@example.test`, name: "Bench", passwordHash: "x", role: "INSTRUCTOR" } });
    const quiz = await db.quiz.create({ data: { ownerId: owner.id, title: "Bench", mode: "EXAM" } });
    const items = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const family = i >= 40;
      items.push(await db.quizItem.create({ data: { quizId: quiz.id, position: i + 1, source: family ? "family" : "bank", bankId: family ? null : `bench-q${i}`, family: family ? "backlog" : null } }));
    }
    const users = [];
    for (let s = 0; s < STUDENTS; s++) users.push({ id: randomUUID(), email: `bench-s${s}-${randomUUID()}@example.test`, name: `Student ${s}`, passwordHash: "x" });
    await db.user.createMany({ data: users });
    const start = Date.parse("2026-01-01T09:00:00Z");
    const attempts: { id: string; quizId: string; userId: string; number: number; startedAt: Date; submittedAt: Date; score: number }[] = [];
    const answers: Record<string, unknown>[] = [];
    for (const [s, u] of users.entries()) {
      const ability = rand();
      for (let n = 1; n <= ATTEMPTS; n++) {
        const id = randomUUID();
        const t0 = start + (s * ATTEMPTS + n) * 3_600_000;
        let total = 0;
        let t = t0;
        for (const [i, item] of items.entries()) {
          const difficulty = (i % 3) + 1;
          const p = Math.min(0.95, Math.max(0.05, ability + 0.4 - difficulty * 0.15));
          const correct = rand() < p;
          const score = correct ? 1 : 0;
          total += score;
          t += 10_000 + Math.floor(rand() * 50_000);
          const choice = item.source === "bank" ? (correct ? "a" : "bcd"[Math.floor(rand() * 3)]!) : null;
          answers.push({
            id: randomUUID(),
            userId: u.id,
            quizAttemptId: id,
            quizItemId: item.id,
            source: item.source,
            ref: item.bankId ?? item.family ?? "",
            origin: "quiz",
            topic: "backlog",
            seed: i,
            // Family variants carry the parameters they drew (lib/scenarios/facets.ts): a few values each.
            params: { v: 1, kind: item.source === "bank" ? "authored" : "family", params: { config: { difficulty } }, ...(item.source === "bank" ? {} : { facets: { difficulty, backlog: 1 << Math.floor(rand() * 5), loss: ["syn", "synack", "ack"][Math.floor(rand() * 3)] } }) },
            score,
            choice,
            createdAt: new Date(t0),
            submittedAt: new Date(t),
          });
        }
        attempts.push({ id, quizId: quiz.id, userId: u.id, number: n, startedAt: new Date(t0), submittedAt: new Date(t + 1000), score: total / QUESTIONS });
      }
    }
    await db.quizAttempt.createMany({ data: attempts });
    for (let i = 0; i < answers.length; i += 2000) {
      await db.questionAttempt.createMany({ data: answers.slice(i, i + 2000) as never });
    }

    // ---- measure
    const walls: number[] = [];
    const cpusUsed: number[] = [];
    let sample;
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      sample = await itemAnalysisRows(quiz.id);
      walls.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpusUsed.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wall = median(walls);
    const cpu = median(cpusUsed);
    const rowsSeen = sample ? sample.groups.reduce((a, s) => a + Number(s.n), 0) : 0;
    console.log(`tcplab item analysis benchmark — ${sqlite ? "SQLite" : "PostgreSQL"}, node ${process.version}, ${cpus().length} cores, load average ${(loadavg()[0] ?? 0).toFixed(2)}`);
    console.log(`${STUDENTS} students × ${QUESTIONS} questions × ${ATTEMPTS} attempts = ${answers.length} answers (${rowsSeen} aggregated), ${RUNS} runs`);
    console.log(`item analysis: median ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU in this process (SQLite runs in this process, so its work is included; PostgreSQL's is not)`);
    console.log(`target ≤ ${TARGET_MS} ms wall: ${wall <= TARGET_MS ? "MET" : "MISSED"}`);
    if (rowsSeen !== answers.length) throw new Error(`aggregated ${rowsSeen} answers, expected ${answers.length}`);
  } finally {
    await db.$disconnect();
    if (sqlite) ["", "-wal", "-shm", "-journal"].forEach((s) => rmSync(sqliteFilePath(url) + s, { force: true }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
