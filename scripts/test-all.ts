/**
 * `npm test` — the whole suite, in the order that fails fastest:
 * type-check, lint, unit tests, integration tests on SQLite and PostgreSQL, production build,
 * Playwright end-to-end tests in Chromium against `next start`. Stops at the first failing step.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

const steps: { name: string; cmd: string; args: string[]; env?: Record<string, string> }[] = [
  { name: "type-check", cmd: bin("tsc"), args: ["--noEmit", "-p", "."] },
  { name: "lint", cmd: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "unit tests", cmd: bin("vitest"), args: ["run", "--project", "unit"] },
  { name: "integration tests (SQLite + PostgreSQL)", cmd: bin("tsx"), args: ["scripts/test-integration.ts"] },
  {
    name: "production build",
    cmd: process.execPath,
    args: ["node_modules/next/dist/bin/next", "build"],
    env: { NODE_ENV: "production", NEXTAUTH_SECRET: "build-secret-build-secret-build-secret-0123" },
  },
  { name: "end-to-end tests (Chromium)", cmd: bin("playwright"), args: ["test"] },
];

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n━━━ ${step.name} ━━━`);
  const started = performance.now();
  const run = spawnSync(step.cmd, step.args, { stdio: "inherit", env: { ...env, ...step.env } });
  const ok = run.status === 0;
  results.push({ name: step.name, ok, seconds: (performance.now() - started) / 1000 });
  if (!ok) break;
}

console.log("\n━━━ summary ━━━");
for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name.padEnd(42)} ${r.seconds.toFixed(1).padStart(6)} s`);
const failed = results.filter((r) => !r.ok).length;
const skipped = steps.length - results.length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
