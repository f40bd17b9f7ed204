/**
 * `npm run fault:pg-restart` — PostgreSQL stopped and started again under load (issue #7): while
 * it is down, API requests must fail with a clear 503 (JSON `{ error: { code: "unavailable",
 * message } }`, Retry-After) and pages with a real 503 (the localized "temporarily unavailable"
 * page of proxy.ts, Retry-After), never a 500 or a crash; once it is back, the app must recover
 * by itself (no restart of the app). Afterwards every acknowledged submission is in the database
 * and none is half-written.
 *
 * This is the machine's shared PostgreSQL: the outage is kept to OUTAGE_MS (< 10 s) and the
 * server is started again in a `finally` whatever happens, also on Ctrl+C.
 *
 * Load: 8 workers, each sending a request then pausing 25 ms: quiz submissions (writes), GET
 * /api/progress (reads) and a signed-in page (/en/practice).
 *
 *   tsx bench/faults/pg-restart.ts        (BENCH_REUSE_BUILD=1 reuses out/bench)
 * Env: PG_CLUSTER="15 main" (default: the one cluster in /etc/postgresql).
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import pg from "pg";
import { ensureBuild, startServer } from "../lib/app";
import { ADMIN_PG_URL, query, withDatabase, type FreshDb } from "../lib/databases";
import { seedDatabase } from "../lib/seed";
import { signInAll } from "../lib/session";
import { startStream, tally, type Job, type Outcome } from "./stream";

const OUTAGE_MS = 3000;
const BEFORE_MS = 3000;
const AFTER_MS = 8000;
const cluster = (process.env.PG_CLUSTER ?? `${readdirSync("/etc/postgresql")[0]} main`).split(" ");

function pgctl(action: "stop" | "start"): void {
  // `-m fast` terminates open sessions at once (the app's pool sees 57P01), like a real failover.
  const args = ["--skip-systemctl-redirect", ...(action === "stop" ? ["--mode", "fast"] : []), ...cluster, action];
  execFileSync("pg_ctlcluster", args, { stdio: "inherit" });
}

async function pgIsUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_PG_URL, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Makes sure the shared server is running (used in finally blocks and signal handlers). */
async function ensurePgStarted(): Promise<void> {
  if (await pgIsUp()) return;
  try {
    pgctl("start");
  } catch (error) {
    console.error("starting PostgreSQL failed:", error);
  }
  for (let i = 0; i < 50 && !(await pgIsUp()); i += 1) await new Promise((r) => setTimeout(r, 200));
}

type Check = { name: string; ok: boolean; detail: string };

async function runOn(fresh: FreshDb): Promise<{ checks: Check[]; figures: string[]; log: string }> {
  const seeded = seedDatabase(fresh.url, { users: 20, attemptsPerUser: 60, cardsPerUser: 0, topic: "handshake" });
  const server = await startServer({ databaseUrl: fresh.url });
  const checks: Check[] = [];
  const figures: string[] = [];
  let stoppedAt = NaN;
  let startedAt = NaN;
  try {
    const cookies = await signInAll(server.url, seeded.users);
    const jobs: Job[] = [];
    const byUser = seeded.users.map((_, u) => seeded.attempts.filter((a) => a.user === u));
    for (let k = 0; k < 60; k += 1) {
      byUser.forEach((list, u) => {
        const a = list[k];
        if (a) jobs.push({ key: `qa:${a.id}`, path: `/api/quiz/questions/${a.id}/submit`, cookie: cookies[u]!, body: { answer: a.raw } });
        jobs.push({ key: "progress", path: "/api/progress", cookie: cookies[u]!, method: "GET" });
        // A quarter of the users ask for the page in each round (not every user every fourth
        // round), so pages are spread evenly through the stream and their recovery time is the
        // app's, not the gap between bursts of pages.
        if ((k + u) % 4 === 0) jobs.push({ key: "page", path: "/en/practice", cookie: cookies[u]!, method: "GET" });
      });
    }
    const t0 = performance.now();
    const stream = startStream(server.url, jobs, 8, { pauseMs: 25, t0 });
    await new Promise((r) => setTimeout(r, BEFORE_MS));
    try {
      stoppedAt = performance.now() - t0;
      pgctl("stop");
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
    } finally {
      await ensurePgStarted();
      startedAt = performance.now() - t0;
    }
    await new Promise((r) => setTimeout(r, AFTER_MS));
    await stream.stop();
    const all = stream.outcomes;
    const api = all.filter((o) => o.key !== "page");
    const pages = all.filter((o) => o.key === "page");
    // Phases by when the request was sent: a request sent before the stop may be cut by it.
    const before = api.filter((o) => o.doneAt < stoppedAt);
    const down = api.filter((o) => o.sentAt >= stoppedAt && o.doneAt <= startedAt);
    const after = api.filter((o) => o.sentAt >= startedAt);
    const firstOk = after.find((o) => o.status === 200);
    const recoveredAt = firstOk ? firstOk.doneAt : NaN;
    const afterRecovery = after.filter((o) => o.sentAt >= recoveredAt);
    const phase = (list: Outcome[]) => JSON.stringify(tally(list));
    figures.push(`PostgreSQL stopped at ${(stoppedAt / 1000).toFixed(1)} s for ${((startedAt - stoppedAt) / 1000).toFixed(1)} s (pg_ctlcluster --mode fast ${cluster.join(" ")} stop, then start)`);
    figures.push(`API before: ${phase(before)} · down: ${phase(down)} · after restart: ${phase(after)}`);
    // Pages come back when the app's probe (every 250 ms, lib/server/db-health.ts) sees the
    // database again, so they have their own recovery time.
    const pagesDown = pages.filter((o) => o.sentAt >= stoppedAt && o.doneAt <= startedAt);
    const pageFirstOk = pages.find((o) => o.sentAt >= startedAt && o.status === 200);
    const pagesRecoveredAt = pageFirstOk ? pageFirstOk.doneAt : NaN;
    const pagesAfterRecovery = pages.filter((o) => o.sentAt >= pagesRecoveredAt);
    figures.push(`pages (/en/practice) before: ${phase(pages.filter((o) => o.doneAt < stoppedAt))} · in flight at the stop: ${phase(pages.filter((o) => o.sentAt < stoppedAt && o.doneAt >= stoppedAt))} · down: ${phase(pagesDown)} · after restart: ${phase(pages.filter((o) => o.sentAt >= startedAt))}`);
    figures.push(`first success ${((recoveredAt - startedAt) / 1000).toFixed(2)} s (API) and ${((pagesRecoveredAt - startedAt) / 1000).toFixed(2)} s (pages) after PostgreSQL was back`);

    checks.push({ name: "all API requests succeed before the outage", ok: before.length > 0 && before.every((o) => o.status === 200), detail: phase(before) });
    const clear503 = (o: Outcome) => {
      const e = (o.body as { error?: { code?: string; message?: string } } | null)?.error;
      return o.status === 503 && e?.code === "unavailable" && typeof e.message === "string" && e.message.length > 0 && o.retryAfter !== null;
    };
    checks.push({ name: "while down: every API request gets a clear 503 (code, message, Retry-After)", ok: down.length > 0 && down.every(clear503), detail: `${down.filter(clear503).length}/${down.length}` });
    // The 503 page: a real 503, Retry-After, in the URL's language (en here).
    const page503 = (o: Outcome) => o.status === 503 && o.retryAfter !== null && typeof o.body === "string" && o.body.includes('<html lang="en">') && o.body.includes("Temporarily unavailable");
    // A render already under way when the database went away redirects to its own URL, which
    // the proxy then answers with the 503 page (App Router cannot set a 503 from a render).
    const selfRedirect = (o: Outcome) => o.status === 307 && o.location === "/en/practice";
    checks.push({
      name: "while down: every page request gets the 503 page (Retry-After, localized) or, if its render met the outage, a redirect to itself",
      ok: pagesDown.length > 0 && pagesDown.every((o) => page503(o) || selfRedirect(o)),
      detail: `${pagesDown.filter(page503).length} × 503 + ${pagesDown.filter(selfRedirect).length} × 307 of ${pagesDown.length}`,
    });
    checks.push({ name: "no 500 at any time (API and pages)", ok: !all.some((o) => o.status !== null && o.status >= 500 && o.status !== 503), detail: phase(all.filter((o) => o.status !== null && o.status >= 500)) });
    checks.push({ name: "no connection error (the app process stays up)", ok: !all.some((o) => o.status === null), detail: `${all.filter((o) => o.status === null).length}` });
    checks.push({ name: "recovers by itself within 5 s of PostgreSQL being back", ok: recoveredAt - startedAt <= 5000, detail: `${((recoveredAt - startedAt) / 1000).toFixed(2)} s` });
    checks.push({ name: "after recovery every API request succeeds", ok: afterRecovery.length > 0 && afterRecovery.every((o) => o.status === 200), detail: phase(afterRecovery) });
    checks.push({ name: "pages recover by themselves within 5 s of PostgreSQL being back", ok: pagesRecoveredAt - startedAt <= 5000, detail: `${((pagesRecoveredAt - startedAt) / 1000).toFixed(2)} s` });
    checks.push({ name: "after recovery every page request succeeds", ok: pagesAfterRecovery.length > 0 && pagesAfterRecovery.every((o) => o.status === 200), detail: phase(pagesAfterRecovery) });
    checks.push({ name: "every page request before the outage succeeds", ok: pages.some((o) => o.doneAt < stoppedAt) && pages.filter((o) => o.doneAt < stoppedAt).every((o) => o.status === 200), detail: phase(pages.filter((o) => o.doneAt < stoppedAt)) });

    const acked = new Set(all.filter((o) => o.key.startsWith("qa:") && o.status === 200).map((o) => o.key.slice(3)));
    const rows = await query<{ id: string; submittedAt: unknown; answer: unknown; score: unknown; feedback: unknown }>(fresh.url, `SELECT "id", "submittedAt", "answer", "score", "feedback" FROM "QuestionAttempt"`);
    const graded = new Set(rows.filter((r) => r.submittedAt !== null).map((r) => r.id));
    const half = rows.filter((r) => {
      const set = [r.submittedAt, r.answer, r.score, r.feedback].map((v) => v !== null);
      return set.some(Boolean) && !set.every(Boolean);
    });
    const sentSubs = all.filter((o) => o.key.startsWith("qa:")).length;
    figures.push(`submissions: sent ${sentSubs}, acknowledged ${acked.size}, found graded ${graded.size}`);
    checks.push({ name: "every acknowledged submission is in the database", ok: [...acked].every((id) => graded.has(id)), detail: `${[...acked].filter((id) => !graded.has(id)).length} lost` });
    checks.push({ name: "no half-written question attempt", ok: half.length === 0, detail: `${half.length}` });
    const unexpected = server.output().match(/\[api\] unexpected error/g)?.length ?? 0;
    checks.push({ name: "no unexpected (500) error in the server log", ok: unexpected === 0, detail: `${unexpected}` });
    // Next prints every error that escapes a page render as "⨯ Error …" (a redirect is not one).
    const renderErrors = server.output().match(/^\s*⨯ /gm)?.length ?? 0;
    checks.push({ name: "no page render error in the server log", ok: renderErrors === 0, detail: `${renderErrors}` });
  } finally {
    await server.stop();
  }
  return { checks, figures, log: server.output() };
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void ensurePgStarted().finally(() => process.exit(130));
    });
  }
  if (!(await pgIsUp())) throw new Error(`PostgreSQL is not reachable at ${ADMIN_PG_URL}`);
  ensureBuild();
  let failed = 0;
  try {
    const { checks, figures, log } = await withDatabase("postgres", "fault_pg", async (fresh) => {
      console.log("\n=== PostgreSQL stop/start under load ===");
      return runOn(fresh);
    });
    for (const f of figures) console.log(`  ${f}`);
    for (const c of checks) {
      if (!c.ok) failed += 1;
      console.log(`  ${c.ok ? "✓" : "✗"} ${c.name} (${c.detail})`);
    }
    if (failed) console.log(`\n--- server log (last 8000 characters) ---\n${log.slice(-8000)}`);
  } finally {
    await ensurePgStarted();
  }
  console.log(failed ? `\n${failed} check(s) FAILED` : "\nall checks passed");
  process.exit(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await ensurePgStarted();
  process.exit(1);
});
