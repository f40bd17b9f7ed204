/**
 * Runs the integration tests (vitest project "integration") twice: on a fresh SQLite file and on
 * a fresh PostgreSQL database created for this run and dropped afterwards. PostgreSQL is found
 * at TEST_PG_URL (default: the `test` database on 127.0.0.1:5432, as on the development and CI
 * machines); it is required — both database paths are part of the suite.
 *   tsx scripts/test-integration.ts [sqlite|postgres] [vitest args…]
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate, sqliteFilePath } from "../lib/server/migrate";

const only = ["sqlite", "postgres"].includes(process.argv[2] ?? "") ? process.argv[2] : undefined;
const vitestArgs = process.argv.slice(only ? 3 : 2);
const adminUrl = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "test",
  NEXTAUTH_SECRET: "integration-secret-integration-secret-0123",
  AUTH_RATE_LIMIT_PER_ACCOUNT: "5",
  AUTH_RATE_LIMIT_PER_IP: "20",
  // A short lockout, so a test can wait it out (tests/integration/accounts.int.test.ts).
  AUTH_LOCKOUT_SECONDS: "2",
};

function runVitest(databaseUrl: string, label: string): number {
  console.log(`\n=== integration tests on ${label} ===`);
  const bin = path.join(process.cwd(), "node_modules", ".bin", "vitest");
  const result = spawnSync(bin, ["run", "--project", "integration", ...vitestArgs], {
    stdio: "inherit",
    env: { ...baseEnv, DATABASE_URL: databaseUrl },
  });
  return result.status ?? 1;
}

async function onSqlite(): Promise<number> {
  const url = `file:./data/test-int-${process.pid}.db`;
  const file = sqliteFilePath(url);
  const clean = () => ["", "-wal", "-shm", "-journal"].forEach((s) => rmSync(file + s, { force: true }));
  clean();
  await migrate(url);
  try {
    return runVitest(url, "SQLite");
  } finally {
    clean();
  }
}

async function onPostgres(): Promise<number> {
  const name = `tcplab_int_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.error(`PostgreSQL is not reachable at ${adminUrl} (${(error as Error).message}).`);
    console.error("Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_PG_URL.");
    return 1;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await migrate(url.toString());
    return runVitest(url.toString(), "PostgreSQL");
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  let failed = 0;
  if (!only || only === "sqlite") failed += (await onSqlite()) === 0 ? 0 : 1;
  if (!only || only === "postgres") failed += (await onPostgres()) === 0 ? 0 : 1;
  process.exit(failed ? 1 : 0);
}

void main();
