import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";

/**
 * End-to-end tests against the production build (`next build` must have run; `npm test` does it)
 * served as `npm start` serves it (scripts/serve.ts, one worker process per core) on a fresh
 * SQLite database that e2e/global-setup.ts migrates and seeds.
 * Chromium comes from Debian (`apt-get install chromium`): Playwright cannot download browsers here.
 */
// A free loopback port unless E2E_PORT names one (`npm test` picks one). The config is evaluated
// again in every worker process, which inherits this process's environment: setting E2E_PORT here
// makes them all agree on the port.
process.env.E2E_PORT ??= execFileSync(
  process.execPath,
  ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
  { encoding: "utf8" },
);
const port = Number(process.env.E2E_PORT);
// Timeouts are for catching hangs, not for timing: on a machine that is busy with other work
// (a shared CI runner, a second build) everything takes longer, so they stretch with the load
// average per core measured once at the start (at least 1×, at most 4×), stored for the workers
// as E2E_SLOWDOWN (e2e/fixtures.ts `scaled()` applies it to a test's own timeouts).
process.env.E2E_SLOWDOWN ??= String(Math.min(4, Math.max(1, os.loadavg()[0]! / os.availableParallelism())).toFixed(2));
const slowdown = Number(process.env.E2E_SLOWDOWN);
export const baseURL = `http://127.0.0.1:${port}`;
/** The build being tested: `.next` (`npx next build`) unless NEXT_DIST_DIR says (`npm test`: `.next-test`). */
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
/** Everything the web server prints; e2e/fixtures.ts attaches the part written during a failing test. */
export const SERVER_LOG = `data/e2e-server-${port}.log`;
mkdirSync("data", { recursive: true });
const e2eEnv = {
  NEXT_DIST_DIR: distDir,
  E2E_SERVER_LOG: SERVER_LOG,
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db",
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  NEXTAUTH_URL: baseURL,
  AUTH_RATE_LIMIT_PER_IP: "100000",
};
Object.assign(process.env, e2eEnv);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  timeout: Math.round(45_000 * slowdown),
  expect: { timeout: Math.round(10_000 * slowdown) },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // What `npm start` serves: scripts/serve.ts, one worker process per core (tsx loads it in-process).
    // `exec`: the server itself is the process Playwright stops, not a shell around it.
    command: `exec node --import tsx scripts/serve.ts -p ${port} -H 127.0.0.1 > ${SERVER_LOG} 2>&1`,
    url: `${baseURL}/en`,
    reuseExistingServer: false,
    // A loaded 2-core machine may take a while to start two workers.
    timeout: Math.round(120_000 * slowdown),
    env: { ...e2eEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
