/**
 * `npm test` — the whole suite, in the order that fails fastest:
 * what the suite needs from the machine (Chromium, PostgreSQL), type-check, lint, unit tests,
 * integration tests on SQLite and PostgreSQL, production build, the hostile-input run (shortened)
 * and Playwright end-to-end tests in Chromium against that build. Stops at the first failing step.
 *
 * The build goes to its own folder (`.next-test`), so `npm start`'s build in `.next` and its
 * stamp stay valid; the end-to-end server listens on a free loopback port (E2E_PORT to choose
 * one), so an app already running on 3000 or any other port is never in the way.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { nextBuild } from "./lib/build-stamp";
import { freePort } from "./lib/free-port";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const E2E_DIST_DIR = ".next-test";
const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

/** The two things besides npm packages the suite needs, checked before minutes of other steps. */
async function preflight(): Promise<string[]> {
  const problems: string[] = [];
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    problems.push(`Chromium not found at ${chromium}: install it with \`sudo apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.`);
  }
  const pgUrl = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.push(`PostgreSQL not reachable at ${pgUrl} (${why}): install and start it (\`sudo apt-get install postgresql\`, trust auth for 127.0.0.1) or set TEST_PG_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return problems;
}

type Step = { name: string; run: () => boolean };
const command = (cmd: string, args: string[], extra: Record<string, string> = {}) => () =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env, ...extra } }).status === 0;

async function main(): Promise<void> {
  const e2ePort = process.env.E2E_PORT ?? String(await freePort());
  const e2eEnv = { NEXT_DIST_DIR: E2E_DIST_DIR, E2E_PORT: e2ePort };
  const steps: Step[] = [
    { name: "type-check", run: command(bin("tsc"), ["--noEmit", "-p", "."]) },
    { name: "lint", run: command(bin("eslint"), ["--max-warnings", "0", "."]) },
    { name: "unit tests", run: command(bin("vitest"), ["run", "--project", "unit"]) },
    { name: "integration tests (SQLite + PostgreSQL)", run: command(bin("tsx"), ["scripts/test-integration.ts"]) },
    {
      name: `production build (${E2E_DIST_DIR})`,
      run: () => nextBuild({ distDir: E2E_DIST_DIR, env: { ...env, NEXTAUTH_SECRET: "build-secret-build-secret-build-secret-0123" } }) === 0,
    },
    // The attacks of issue #14, shortened, against the same build (bench/hostile.ts --quick):
    // any 5xx or any row written by a refused request fails the suite.
    { name: "hostile input (quick, SQLite)", run: command(bin("tsx"), ["bench/hostile.ts", "sqlite", "--quick"], { BENCH_DIST_DIR: E2E_DIST_DIR, BENCH_REUSE_BUILD: "1" }) },
    { name: `end-to-end tests (Chromium, port ${e2ePort})`, run: command(bin("playwright"), ["test"], e2eEnv) },
  ];

  const results: { name: string; ok: boolean; seconds: number }[] = [];
  const record = (name: string, ok: boolean, started: number) => results.push({ name, ok, seconds: (performance.now() - started) / 1000 });

  console.log("\n━━━ requirements ━━━");
  const started = performance.now();
  const problems = await preflight();
  for (const p of problems) console.error(`✗ ${p}`);
  record("requirements (Chromium, PostgreSQL)", problems.length === 0, started);
  if (problems.length === 0) {
    console.log("Chromium and PostgreSQL found");
    for (const step of steps) {
      console.log(`\n━━━ ${step.name} ━━━`);
      const t = performance.now();
      const ok = step.run();
      record(step.name, ok, t);
      if (!ok) break;
    }
  }

  console.log("\n━━━ summary ━━━");
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name.padEnd(48)} ${r.seconds.toFixed(1).padStart(6)} s`);
  const failed = results.filter((r) => !r.ok).length;
  const skipped = steps.length + 1 - results.length;
  console.log(`steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed ? 1 : 0);
}

void main();
