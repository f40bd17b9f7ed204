/**
 * `npm run bench:growth` — the report views against a growing history (issue #16): for each
 * size (default 10k, 100k and 1M question rows) and database, a fresh database is seeded
 * (bench/lib/growth-child.ts: a class of 200 retaking a 10-question quiz, plus one student's
 * practice history) and the instructor's results page, the grades CSV and the dashboard's mastery
 * are timed as the app calls them (median of 11 after warm-up; the CPU column is the app process plus, on PostgreSQL, its server backends,
 * which for SQLite includes the database's work and for PostgreSQL does not).
 * Targets: results and CSV ≤ 100 ms for the class at 100k rows, mastery ≤ 30 ms, flat in history size.
 *
 *   tsx bench/growth.ts [sqlite] [postgres] [--sizes 10k,100k,1M]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { requestedKinds, withDatabase } from "./lib/databases";
import type { GrowthResult } from "./lib/growth-child";
import { formatTargets, TARGETS, type TargetRow } from "./lib/targets";

const sizeArg = (() => {
  const i = process.argv.indexOf("--sizes");
  return i >= 0 ? process.argv[i + 1] ?? "" : "10k,100k,1M";
})();
const SIZES = sizeArg.split(",").map((s) => {
  const m = /^(\d+)([kM]?)$/.exec(s.trim());
  if (!m) throw new Error(`--sizes: ${s} is not a size like 10k or 1M`);
  return Number(m[1]) * (m[2] === "k" ? 1000 : m[2] === "M" ? 1_000_000 : 1);
});

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

function measure(databaseUrl: string, rows: number): GrowthResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcplab-growth-"));
  const out = path.join(dir, "growth.json");
  try {
    const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["bench/lib/growth-child.ts", out, String(rows)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    });
    if (run.status !== 0) throw new Error(`growth run of ${rows} rows failed (exit ${run.status})`);
    return JSON.parse(readFileSync(out, "utf8")) as GrowthResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A view is flat when its time at the largest size is at most twice that at the smallest (noise allowance on a shared machine). */
const FLAT_FACTOR = 2;

export type GrowthRun = { db: string; size: number; result: GrowthResult };

export async function runGrowth(kinds = requestedKinds(), sizes = SIZES, log = console.log): Promise<GrowthRun[]> {
  const runs: GrowthRun[] = [];
  for (const kind of kinds) {
    for (const size of sizes) {
      const r = await withDatabase(kind, "growth", async (fresh) => {
        log(`[growth] ${fresh.label}: seeding ~${label(size)} question rows…`);
        const result = measure(fresh.url, size);
        log(`[growth] ${fresh.label} ${label(size)}: seeded ${result.rows} rows in ${result.seedSeconds.toFixed(0)} s${result.summarySeconds === undefined ? "" : ` (summaries ${result.summarySeconds.toFixed(1)} s)`}; ${result.views.map((v) => `${v.view.split(" (")[0]} ${v.medianMs.toFixed(1)} ms`).join(", ")}`);
        return { db: fresh.label, size, result };
      });
      runs.push(r);
    }
  }
  return runs;
}

/** Issue #16's report rows: the 100k figure against the target, and flatness from smallest to largest size. */
export function growthTargets(runs: readonly GrowthRun[]): TargetRow[] {
  const out: TargetRow[] = [];
  for (const db of [...new Set(runs.map((r) => r.db))]) {
    const mine = runs.filter((r) => r.db === db).sort((a, b) => a.size - b.size);
    const at100k = mine.find((r) => r.size === 100_000) ?? mine.at(-1)!;
    const views = at100k.result.views.map((v) => v.view);
    for (const view of views) {
      const limit = view.startsWith("dashboard mastery") ? TARGETS.masteryMs : TARGETS.reportMs;
      // Judged on CPU time (app process + database server), which the machine's other load does
      // not inflate; the wall-clock median is printed beside it.
      const series = mine.map((r) => ({ size: r.size, ms: r.result.views.find((v) => v.view === view)!.cpuMs }));
      const v = at100k.result.views.find((x) => x.view === view)!;
      const first = series[0]!;
      const last = series.at(-1)!;
      const flat = series.length < 2 || last.ms <= Math.max(first.ms * FLAT_FACTOR, first.ms + 5);
      out.push({
        what: `${view}${view.startsWith("dashboard") ? "" : ", class of 200"}, ${label(at100k.size)} rows`,
        db,
        target: `≤ ${limit} ms, flat`,
        measured: `CPU ${v.cpuMs.toFixed(1)} ms (wall ${v.medianMs.toFixed(1)} ms); CPU ${series.map((s) => `${label(s.size)} ${s.ms.toFixed(1)}`).join(" → ")} ms`,
        verdict: v.cpuMs <= limit && flat ? "MET" : "MISSED",
      });
    }
  }
  return out;
}

const RESULTS = path.join(process.cwd(), "bench", "results");

/** The newest `npm run bench:growth` result in bench/results, for `npm run bench`'s table. */
export function latestGrowth(): { at: string; loadavg: number[]; runs: GrowthRun[] } | null {
  if (!existsSync(RESULTS)) return null;
  const file = readdirSync(RESULTS).filter((f) => /^growth-.*\.json$/.test(f)).sort().at(-1);
  return file ? (JSON.parse(readFileSync(path.join(RESULTS, file), "utf8")) as { at: string; loadavg: number[]; runs: GrowthRun[] }) : null;
}

async function main(): Promise<void> {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const runs = await runGrowth();
  mkdirSync(RESULTS, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(path.join(RESULTS, `growth-${at.replace(/[:.]/g, "-")}.json`), JSON.stringify({ at, loadavg: os.loadavg(), runs }, null, 2));
  console.log(`\n=== Report views vs history size (load average ${load} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} now) ===`);
  console.log(`verdicts on CPU ms per call (app process + database server backends, /proc), median wall time beside it; flat = the largest size's CPU ≤ ${FLAT_FACTOR}× the smallest's (or + 5 ms)\n`);
  console.log(formatTargets(growthTargets(runs)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
