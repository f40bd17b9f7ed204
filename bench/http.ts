/**
 * `npm run bench` — HTTP load against the production build (`next start`) on SQLite and on
 * PostgreSQL, loopback only, bounded in time, 50 concurrent connections (issue #7):
 *   static  a small file from public/ (the serving floor of the same server, same run), and a
 *           file of the lesson's own bytes (its brotli file, copied to public/ before the server
 *           starts): the yardstick of "lessons at static speed"

 *   (a)     a lesson page (prerendered)
 *   (b)     a practice question page of a signed-in student (server-rendered, reads the DB)
 *   (c)     answer submission + grading (POST /api/quiz/questions/:id/submit, each request a
 *           fresh question, so every one is really graded and written)
 *   (d)     a flashcard review (POST /api/flashcards/review, state + log in one transaction)
 * Prints requests/s, p50/p95/p99 latency, errors and non-2xx, and each page's throughput as a
 * share of the static file's. Budgets: zero errors; grading p95 ≤ 25 ms.
 *
 * Ends with issue #16's targets, one row each per database, MET or MISSED.
 *
 *   tsx bench/http.ts [sqlite] [postgres] [--seconds 8] [--connections 50] [--only c,d] [--no-sim]
 * `--only` keeps the listed scenarios (letters a–d; the static file runs with a) for quick checks.
 * Env: BENCH_REUSE_BUILD=1 reuses out/bench as is; TEST_PG_URL picks the PostgreSQL server.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { growthTargets, latestGrowth } from "./growth";
import { BENCH_DIST_DIR, ensureBuild, startServer } from "./lib/app";
import { precompressLessons } from "../lib/server/static-lessons";
import { query, requestedKinds, withDatabase } from "./lib/databases";
import { BROWSER_HEADERS, formatTable, interleave, runLoad, runOpenLoop, warmUp, type LoadResult, type Req } from "./lib/load";
import { seedDatabase } from "./lib/seed";
import { signInAll } from "./lib/session";
import { formatTargets, httpTargets, TARGETS, type HttpRow, type TargetRow } from "./lib/targets";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SECONDS = flag("seconds", Number(process.env.BENCH_SECONDS ?? 8));
const CONNECTIONS = flag("connections", 50);
const USERS = 50;
const LESSON = "/en/lessons/three-way-handshake";
const STATIC = "/bench/static.txt";
/**
 * The lesson's brotli bytes as a static file. A page is judged against a static file of the same
 * size: with 50 connections on two cores the load generator (autocannon, one thread) is what
 * runs out first, and it spends per byte of each answer (it keeps every body as a string), so
 * against a 678-byte file a 20 KB lesson measures the client more than the server.
 */
const STATIC_LESSON = "/bench/lesson.br";
const TOPIC = "handshake";
const GRADING_P95_BUDGET_MS = TARGETS.gradingP95Ms;
/** Per user: one-shot requests for the saturation run, then for the paced run. */
const SATURATION_SHARE = 80;
const PACED_SHARE = 12;
const SINGLE_SHARE = 4;
/**
 * Per user, the first variants are only ever viewed, never submitted: the first by the question
 * page runs, the others once each by the first-view run (250 renders of variants never shown,
 * enough for a steady figure; 50 were at the mercy of one slow second). Grading a variant
 * changes its page (the feedback), so a page run after the grading runs would otherwise measure
 * renders of the graded state, not loads of one page.
 */
const PAGE_VARIANTS = 6;
/** Paced runs: each of the USERS sends this many requests per second on average. */
const PACE = flag("pace", 1);
const ONLY = (() => {
  const i = process.argv.indexOf("--only");
  return i >= 0 ? new Set((process.argv[i + 1] ?? "").split(",").map((x) => x.trim())) : null;
})();
/** Whether scenario "(x) …" (or the static file, which belongs to a) is selected. */
const selected = (name: string) => !ONLY || ONLY.has(/^\((\w)\)/.exec(name)?.[1] ?? "a");

/** Round-robin over a list; `take` returns undefined once a one-shot pool is used up. */
function cycle<T>(items: readonly T[]) {
  let i = 0;
  return () => items[i++ % items.length]!;
}
function pool<T>(items: readonly T[]) {
  let i = 0;
  return { take: (): T | undefined => items[i++], left: () => items.length - i };
}

type Row = HttpRow;


async function benchOne(kind: "sqlite" | "postgres"): Promise<{ rows: Row[]; notes: string[] }> {
  return withDatabase(kind, "bench", async (fresh) => {
    const notes: string[] = [];
    console.log(`\n[${fresh.label}] seeding ${USERS} students, practice variants and card pools…`);
    // One-shot pools (every submission a fresh question, every review a card not yet reviewed),
    // sized to stay under the per-user limits: 120 submissions and 300 reviews per minute.
    const seeded = seedDatabase(fresh.url, { users: USERS, attemptsPerUser: PAGE_VARIANTS + SATURATION_SHARE + PACED_SHARE + SINGLE_SHARE, cardsPerUser: SATURATION_SHARE + PACED_SHARE + SINGLE_SHARE, topic: TOPIC });
    notes.push(`${fresh.label}: ${seeded.attempts.length} question variants seeded (${seeded.familyAttempts} simulator-graded scenario questions, the rest bank questions); ${seeded.cards.length} card reviews`);
    const server = await startServer({ databaseUrl: fresh.url });
    const rows: Row[] = [];
    try {
      const cookies = await signInAll(server.url, seeded.users);
      const questionPages: Req[] = seeded.users.map((_, u) => {
        const first = seeded.attempts.find((a) => a.user === u)!;
        return { method: "GET", path: `/en/practice/topic/${TOPIC}?v=${encodeURIComponent(first.id)}`, headers: { cookie: cookies[u]!, ...BROWSER_HEADERS } };
      });
      const submitsOf = (u: number): Req[] =>
        seeded.attempts
          .filter((a) => a.user === u)
          .slice(PAGE_VARIANTS)
          .map((a) => ({ method: "POST", path: `/api/quiz/questions/${a.id}/submit`, headers: { cookie: cookies[u]! }, body: JSON.stringify({ answer: a.raw }) }));
      const reviewsOf = (u: number): Req[] =>
        seeded.cards
          .filter((c) => c.user === u)
          .map((c) => ({ method: "POST", path: "/api/flashcards/review", headers: { cookie: cookies[u]! }, body: JSON.stringify({ cardRef: c.cardRef, rating: "good" }) }));
      const users = seeded.users.map((_, u) => u);
      // The paced and one-user runs get fixed shares; saturation gets the rest (there may be
      // fewer built-in cards than SATURATION_SHARE).
      const split = (lists: Req[][]) => ({
        saturation: interleave(lists.map((l) => l.slice(0, Math.max(0, l.length - PACED_SHARE - SINGLE_SHARE)))),
        paced: interleave(lists.map((l) => l.slice(-(PACED_SHARE + SINGLE_SHARE), -SINGLE_SHARE))),
        single: interleave(lists.map((l) => l.slice(-SINGLE_SHARE))),
      });
      const submissions = split(users.map(submitsOf));
      const reviews = split(users.map(reviewsOf));

      const run = async (name: string, mode: Row["mode"], reqs: Req[], oneShot: boolean): Promise<LoadResult | null> => {
        if (!selected(name)) return null;
        // Let the previous scenario's stragglers and garbage collection settle.
        await new Promise((r) => setTimeout(r, 1000));
        // Route modules load lazily on the first hit; a few sequential requests take that out.
        const warm = oneShot ? 0 : 5;
        await warmUp(server.url, reqs.slice(0, warm));
        const source = oneShot ? pool(reqs) : { take: cycle(reqs), left: () => Infinity };
        const result =
          mode === "paced"
            ? await runOpenLoop({ name, baseUrl: server.url, rate: USERS * PACE, seconds: SECONDS, next: () => source.take(), cpuMs: server.cpuMs, users: USERS, warmUpPath: STATIC })
            : await runLoad({
                name,
                baseUrl: server.url,
                connections: mode === "1 user" ? 1 : CONNECTIONS,
                seconds: SECONDS,
                ...(oneShot ? { amount: reqs.length } : {}),
                cpuMs: server.cpuMs,
                // A drained pool repeats its last request (an idempotent re-submission) until autocannon stops.
                next: () => source.take() ?? reqs[reqs.length - 1]!,
              });
        console.log(`[${fresh.label}] ${mode} ${name}: ${result.requests} requests in ${result.seconds.toFixed(1)} s, p95 ${result.p95.toFixed(1)} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
        for (const sample of result.samples) console.log(`    e.g. ${sample}`);
        return result;
      };
      const add = (r: LoadResult | null, mode: Row["mode"], ratio?: number) => {
        // A paced run offers its arrivals within SECONDS; what it answered is judged against that.
        if (r) rows.push({ ...r, db: fresh.label, mode, ...(ratio === undefined ? {} : { ratio }), ...(mode === "paced" ? { offeredSeconds: SECONDS } : {}) });
      };

      // A route that does not exist yet in this checkout is reported, not benchmarked.
      const exists = async (r: Req) => {
        const res = await fetch(server.url + r.path, { method: "POST", headers: { ...r.headers, "content-type": "application/json" }, body: "{}" });
        await res.arrayBuffer();
        return !(res.status === 404 && !(res.headers.get("content-type") ?? "").includes("json"));
      };
      const reviewExists = await exists(reviews.saturation[0]!);
      if (!reviewExists) notes.push(`${fresh.label}: POST /api/flashcards/review does not exist in this build; (d) not measured`);

      // Saturation: 50 connections in a closed loop, the server's ceiling.
      const staticRun = await run("static file", "saturation", [{ method: "GET", path: STATIC, headers: BROWSER_HEADERS }], false);
      add(staticRun, "saturation");
      const staticLesson = await run("static file, the lesson's bytes", "saturation", [{ method: "GET", path: STATIC_LESSON, headers: BROWSER_HEADERS }], false);
      add(staticLesson, "saturation");
      const lesson = await run("(a) lesson page", "saturation", [{ method: "GET", path: LESSON, headers: BROWSER_HEADERS }], false);
      add(lesson, "saturation", lesson && staticRun ? lesson.rps / staticRun.rps : undefined);
      const page = await run("(b) question page", "saturation", questionPages, false);
      add(page, "saturation", page && staticRun ? page.rps / staticRun.rps : undefined);
      add(await run("(c) submit + grade", "saturation", submissions.saturation, true), "saturation");
      if (reviewExists) add(await run("(d) flashcard review", "saturation", reviews.saturation, true), "saturation");

      // Paced: 50 users each sending one request a second on average, at random moments
      // (Poisson arrivals, 50/s in all) — latency under a real class's load.
      // Cheapest first: a page that overloads the server must not leave a queue behind for the
      // grading figures.
      // One user at a time: the latency of a request with no queue in front of it.
      add(await run("(c) submit + grade", "1 user", submissions.single, true), "1 user");
      if (reviewExists) add(await run("(d) flashcard review", "1 user", reviews.single, true), "1 user");
      add(await run("(c) submit + grade", "paced", submissions.paced, true), "paced");
      if (reviewExists) add(await run("(d) flashcard review", "paced", reviews.paced, true), "paced");
      add(await run("(a) lesson page", "paced", [{ method: "GET", path: LESSON, headers: BROWSER_HEADERS }], false), "paced");
      add(await run("(b) question page", "paced", questionPages, false), "paced");
      // Every load above after a variant's first is served from memory (lib/server/page-cache.ts);
      // a variant's first view is Next's render. Its cost, one at a time, on variants never shown.
      const firstViews: Req[] = seeded.users.flatMap((_, u) =>
        seeded.attempts
          .filter((a) => a.user === u)
          .slice(1, PAGE_VARIANTS)
          .map((unseen) => ({ method: "GET", path: `/en/practice/topic/${TOPIC}?v=${encodeURIComponent(unseen.id)}`, headers: { cookie: cookies[u]!, ...BROWSER_HEADERS } })),
      );
      add(await run("(b) question page, first view", "1 user", firstViews, true), "1 user");

      const graded = await query<{ n: number | string }>(fresh.url, `SELECT COUNT(*) AS n FROM "QuestionAttempt" WHERE "submittedAt" IS NOT NULL`);
      const answered = rows.filter((r) => r.name.startsWith("(c)")).reduce((n, r) => n + (r.statuses["200"] ?? 0), 0);
      notes.push(`${fresh.label}: ${answered} submissions answered 200, ${Number(graded[0]?.n)} distinct rows graded in the database (requests still in flight when a run ends are graded but not counted)`);
      const crashes = server.output().match(/\[api\] unexpected error/g)?.length ?? 0;
      if (crashes) notes.push(`${fresh.label}: the server logged ${crashes} unexpected error(s)`);
    } finally {
      await server.stop();
    }
    return { rows, notes };
  });
}

/**
 * The rows of issue #16's table that are not HTTP load: report views on a grown history
 * (the newest `npm run bench:growth` result) and the simulator (`npm run bench:sim`, run here in its own process
 * unless `--no-sim`; its own verdict lines are carried over).
 */
function otherTargets(): TargetRow[] {
  // Seeding 100k rows per database takes minutes: the report rows come from the newest
  // `npm run bench:growth` run, dated, rather than from this one.
  const growth = latestGrowth();
  const rows: TargetRow[] = growth
    ? growthTargets(growth.runs).map((r) => ({ ...r, measured: `${r.measured} [bench:growth ${growth.at.slice(0, 16)}Z]` }))
    : [
        { what: "instructor results page and CSV, class of 200, 100k question rows", db: "both", target: `≤ ${TARGETS.reportMs} ms, flat`, measured: "run npm run bench:growth", verdict: "NOT MEASURED" },
        { what: "dashboard mastery, 100k rows for one student", db: "both", target: `≤ ${TARGETS.masteryMs} ms, flat`, measured: "run npm run bench:growth", verdict: "NOT MEASURED" },
      ];
  if (process.argv.includes("--no-sim")) {
    rows.push({ what: "simulator (bench:sim)", db: "–", target: "see issue #16", measured: "skipped (--no-sim)", verdict: "NOT MEASURED" });
    return rows;
  }
  console.log("\n[sim] npm run bench:sim (one thread)…");
  const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["bench/sim.bench.ts"], { encoding: "utf8", env: { ...process.env, BENCH_SECONDS: process.env.BENCH_SIM_SECONDS ?? "2" } });
  process.stdout.write(run.stdout ?? "");
  // bench:sim judges its own targets; every line of it that does is one row here.
  const verdicts = (run.stdout ?? "").split("\n").filter((l) => /\b(MET|MISSED|met|not met)\b/.test(l));
  if (run.status !== 0 || verdicts.length === 0)
    rows.push({ what: "simulator (bench:sim)", db: "–", target: "see issue #16", measured: run.status !== 0 ? `bench:sim failed (exit ${run.status})` : "no verdict printed", verdict: "NOT MEASURED" });
  for (const line of verdicts) {
    const missed = /\b(MISSED|not met)\b/.test(line);
    rows.push({ what: "simulator (bench:sim)", db: "–", target: "as printed", measured: line.trim().slice(0, 140), verdict: missed ? "MISSED" : "MET" });
  }
  return rows;
}

async function main(): Promise<void> {
  const kinds = requestedKinds();
  ensureBuild();
  // The lesson's brotli file (written by the build, or here), served from public/ as any static
  // file (STATIC_LESSON); Next lists public/ when it starts, so before any server does.
  precompressLessons(BENCH_DIST_DIR);
  copyFileSync(path.join(BENCH_DIST_DIR, "server/pages", `${LESSON}.html.br`), path.join("public", STATIC_LESSON));
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const all: Row[] = [];
  const notes: string[] = [];
  for (const kind of kinds) {
    const r = await benchOne(kind);
    all.push(...r.rows);
    notes.push(...r.notes);
  }
  const failures = all.reduce((n, r) => n + r.errors + r.non2xx, 0);
  console.log(`\n=== HTTP load: ${CONNECTIONS} connections, ≤ ${SECONDS} s per scenario, loopback, next start (production) ===`);
  console.log(`saturation = closed loop, ${CONNECTIONS} connections (each sends again as soon as it is answered); paced = ${USERS} users × ${PACE} request/s, Poisson arrivals (open loop); 1 user = one connection, closed loop`);
  console.log("CPU ms/req = the server process's CPU time per request (/proc): independent of the machine's other load");
  console.log(`machine: ${os.cpus().length} cores, load average before the run ${load} (shared machine: figures are noisy)\n`);
  console.log(formatTable(all));
  console.log("");
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\nbudget: zero errors/non-2xx ............ ${failures === 0 ? "MET" : `MISSED (${failures})`}`);
  for (const g of all.filter((r) => r.name.startsWith("(c)"))) {
    const verdict = g.p95 <= GRADING_P95_BUDGET_MS ? "MET" : "MISSED";
    // Little's law: in a closed loop, mean latency = connections / throughput, whatever the code does.
    const floor = g.mode === "saturation" ? `; closed-loop mean ≥ ${CONNECTIONS} / ${g.rps.toFixed(0)} req/s = ${((CONNECTIONS / g.rps) * 1000).toFixed(0)} ms` : "";
    const cpu = g.cpuPerRequest !== undefined ? `; ${g.cpuPerRequest.toFixed(1)} ms CPU per grading` : "";
    console.log(`budget: grading p95 ≤ ${GRADING_P95_BUDGET_MS} ms, ${g.db}, ${g.mode}: ${verdict} (${g.p95.toFixed(1)} ms${floor}${cpu})`);
  }

  // Issue #16's table, row by row, for each database measured.
  const targets: TargetRow[] = [];
  for (const db of [...new Set(all.map((r) => r.db))]) targets.push(...httpTargets(db, all, USERS));
  targets.push(...otherTargets());
  console.log(`\n=== Issue #16 targets (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} now, ${load} at the start; CPU ms/req and ratios are the robust figures) ===`);
  console.log(formatTargets(targets));
  const missed = targets.filter((t) => t.verdict !== "MET").length;
  console.log(`\n${targets.length - missed} of ${targets.length} targets met${missed ? `; ${missed} missed or not measured` : ""}`);

  const dir = path.join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `http-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, loadavg: os.loadavg(), rows: all, targets, notes }, null, 2));
  console.log(`\nraw results: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
