/**
 * Every rate-limit store for real (issue #14): two separate app processes (the fixture
 * limiter-client.ts, started with the store's environment) draw on one budget in PostgreSQL and
 * in Redis, and a store that is down answers by its limit's `onFailure` rule — allow for
 * grading, 429 for sign-in — quickly and never with an exception. The memory store keeps
 * counting per process (the SQLite default; scripts/serve.ts's workers share the primary's).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createLimiter, STORE_TIMEOUT_MS } from "@/lib/server/rate-limit";
import { dbKind } from "./helpers";

const PG_URL = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : (process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const FIXTURE = path.join(process.cwd(), "tests/integration/fixtures/limiter-client.ts");

type Run = { store: string; answers: (number | "ok")[]; ms: number };

function appProcess(env: Record<string, string | undefined>, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(process.cwd(), "node_modules/.bin/tsx"), [FIXTURE, ...args], {
      env: { ...process.env, REDIS_URL: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`limiter process exited ${code}: ${err || out}`));
      else resolve(JSON.parse(line) as Run);
    });
  });
}

const allowed = (runs: Run[]) => runs.flatMap((r) => r.answers).filter((a) => a === "ok").length;

describe(`rate-limit stores (run on ${dbKind()})`, () => {
  it("should share one budget between two app processes through PostgreSQL", async () => {
    const prefix = `pg-${randomUUID().slice(0, 8)}`;
    const runs = await Promise.all([1, 2].map(() => appProcess({ DATABASE_URL: PG_URL }, [prefix, "7", "6", "deny"])));
    expect(runs.map((r) => r.store)).toEqual(["postgres", "postgres"]);
    // 12 attempts against 7 points: exactly 7 allowed in all, whatever the interleaving.
    expect(allowed(runs)).toBe(7);
    expect(runs.flatMap((r) => r.answers).filter((a) => typeof a === "number" && a >= 1 && a <= 60)).toHaveLength(5);
    // The counters' table writes no WAL (lib/server/rate-limit.ts), even when an earlier version made it.
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    try {
      const persistence = async () => (await pool.query(`SELECT relpersistence FROM pg_class WHERE oid = to_regclass('"tcplab_rate_limit"')`)).rows[0]?.relpersistence;
      expect(await persistence()).toBe("u");
      await pool.query(`ALTER TABLE "tcplab_rate_limit" SET LOGGED`);
      const again = await appProcess({ DATABASE_URL: PG_URL }, [`${prefix}-b`, "1", "1", "deny"]);
      expect(again.answers).toEqual(["ok"]);
      expect(await persistence()).toBe("u");
    } finally {
      await pool.end();
    }
  }, 60_000);

  it("should share one budget between two app processes through Redis (REDIS_URL wins over PostgreSQL)", async () => {
    const prefix = `redis-${randomUUID().slice(0, 8)}`;
    const runs = await Promise.all([1, 2].map(() => appProcess({ DATABASE_URL: PG_URL, REDIS_URL }, [prefix, "9", "8", "deny"])));
    expect(runs.map((r) => r.store)).toEqual(["redis", "redis"]);
    expect(allowed(runs)).toBe(9);
  }, 60_000);

  it("should keep counting per process in memory (the SQLite default without the cluster)", async () => {
    const prefix = `mem-${randomUUID().slice(0, 8)}`;
    const runs = await Promise.all([1, 2].map(() => appProcess({ DATABASE_URL: "file:./data/unused-limiter.db" }, [prefix, "3", "5", "deny"])));
    expect(runs.map((r) => r.store)).toEqual(["memory", "memory"]);
    expect(runs.map((r) => r.answers.filter((a) => a === "ok").length)).toEqual([3, 3]);
  }, 60_000);

  it("should allow (grading) or refuse with a short Retry-After (sign-in) when Redis is down — never throw", async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const [grading, signIn] = await Promise.all([
      appProcess({ DATABASE_URL: PG_URL, REDIS_URL: "redis://127.0.0.1:9" }, ["down", "2", "3", "allow"]),
      appProcess({ DATABASE_URL: PG_URL, REDIS_URL: "redis://127.0.0.1:9" }, ["down", "2", "3", "deny"]),
    ]);
    expect(grading.answers).toEqual(["ok", "ok", "ok"]);
    expect(signIn.answers).toEqual([5, 5, 5]);
    // Each call gives up within the limiter's timeout (plus process noise), not a socket timeout.
    expect(signIn.ms).toBeLessThan(3 * (STORE_TIMEOUT_MS + 500));
  }, 60_000);

  it("should allow or refuse by the rule when PostgreSQL is unreachable", async () => {
    const dead = "postgresql://postgres@127.0.0.1:9/none";
    const [grading, signIn] = await Promise.all([
      appProcess({ DATABASE_URL: dead }, ["down", "2", "3", "allow"]),
      appProcess({ DATABASE_URL: dead }, ["down", "2", "3", "deny"]),
    ]);
    expect(grading.answers).toEqual(["ok", "ok", "ok"]);
    expect(signIn.answers).toEqual([5, 5, 5]);
  }, 60_000);

  it("should count in this process with the store the test database implies", async () => {
    const limit = createLimiter(`here-${randomUUID().slice(0, 8)}`, 2, 60, { onFailure: "deny" });
    const answers = [await limit("k"), await limit("k"), await limit("k")];
    expect(answers.map((a) => a.ok)).toEqual([true, true, false]);
    await limit.reset("k");
    expect((await limit("k")).ok).toBe(true);
  });
});
