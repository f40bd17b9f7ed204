import cluster from "node:cluster";
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * Rate limits, counted where every server process sees them (issue #14, docs/architecture.md
 * "Running for a class, and beyond one machine"):
 *
 * - `REDIS_URL` set → Redis (rate-limiter-flexible's RateLimiterRedis over ioredis): any number
 *   of app machines share one budget;
 * - else `DATABASE_URL` on PostgreSQL → a table in that database (RateLimiterPostgres), same;
 * - else (the embedded SQLite default, one machine) → memory: under `npm start`
 *   (scripts/serve.ts, one worker process per core) the cluster's primary keeps the counters for
 *   every worker (RateLimiterCluster ↔ RateLimiterClusterMaster); a single process counts alone.
 *
 * A store that fails or cannot answer within STORE_TIMEOUT_MS never becomes a 500: each limit
 * says what happens then (`onFailure`): "allow" (logged) where refusing would stop a class's
 * work — grading, reviews — and "deny" (a 429 with a short Retry-After) where letting traffic
 * through unchecked is the danger — sign-in, sign-up, simulation.
 */

export type StoreKind = "memory" | "cluster" | "postgres" | "redis";

export function storeKind(): StoreKind {
  if (env.REDIS_URL) return "redis";
  if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) return "postgres";
  if (cluster.isWorker && process.env.TCPLAB_CLUSTER === "1") return "cluster";
  return "memory";
}

/** How long a limiter may take before its limit's `onFailure` decides. */
export const STORE_TIMEOUT_MS = 3000;
/** Retry-After given when a "deny" limit could not be checked. */
const FAILURE_RETRY_SECONDS = 5;
/** The PostgreSQL table rate-limiter-flexible keeps (created here, outside Prisma's schema). */
const PG_TABLE = "tcplab_rate_limit";

type StoreOptions = IRateLimiterOptions & { keyPrefix: string };

let redisClient: import("ioredis").Redis | undefined;
async function redis(): Promise<import("ioredis").Redis> {
  if (!redisClient) {
    const { Redis } = await import("ioredis");
    // One retry per command, then the error reaches the limiter's onFailure; reconnects go on in
    // the background. The error listener keeps ioredis from printing every failed reconnect.
    redisClient = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    let logged = 0;
    redisClient.on("error", (error: Error) => {
      if (Date.now() - logged > 60_000) {
        logged = Date.now();
        console.error("[rate-limit] Redis:", error.message);
      }
    });
  }
  return redisClient;
}

let pgPool: Promise<import("pg").Pool> | undefined;
/** A small pool of its own (not Prisma's), and the table created once per process. */
function postgres(): Promise<import("pg").Pool> {
  pgPool ??= (async () => {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3, idleTimeoutMillis: 30_000 });
    pool.on("error", (error) => console.error("[rate-limit] PostgreSQL:", error.message));
    try {
      // rate-limiter-flexible's own DDL (RateLimiterPostgres._getCreateTableStmt), UNLOGGED: every
      // limited request (each grading) upserts a counter here, and a counter is not worth a WAL
      // record and its flush at commit; after a crash PostgreSQL empties an unlogged table, which
      // only forgives the counts of the last minute (PostgreSQL docs, CREATE TABLE "UNLOGGED";
      // issue #16). 23505 means another process created it at the same moment (PostgreSQL does
      // not serialize IF NOT EXISTS).
      await pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS "${PG_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
      // A table made by an earlier version is permanent ('p'): converted once, under the lock
      // ALTER TABLE takes, so a second process finds it unlogged and does nothing.
      const { rows } = await pool.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE oid = to_regclass($1)`, [`"${PG_TABLE}"`]);
      if (rows[0]?.relpersistence === "p") await pool.query(`ALTER TABLE "${PG_TABLE}" SET UNLOGGED`);
    } catch (error) {
      if ((error as { code?: string }).code !== "23505") {
        pgPool = undefined; // try again on the next request
        await pool.end().catch(() => {});
        throw error;
      }
    }
    return pool;
  })();
  return pgPool;
}

/** The store for one limit, made on first use (so importing this module opens no connection). */
function lazyStore(options: StoreOptions, kind: StoreKind): () => Promise<RateLimiterAbstract> {
  let made: Promise<RateLimiterAbstract> | undefined;
  return () => {
    made ??= (async (): Promise<RateLimiterAbstract> => {
      switch (kind) {
        case "redis":
          return new RateLimiterRedis({ ...options, storeClient: await redis() });
        case "postgres":
          return new RateLimiterPostgres({ ...options, storeClient: await postgres(), storeType: "pool", tableName: PG_TABLE, tableCreated: true, clearExpiredByTimeout: false });
        case "cluster":
          // The primary answers over IPC; our own timeout below is the one that counts.
          return new RateLimiterCluster({ ...options, timeoutMs: STORE_TIMEOUT_MS * 2 });
        case "memory":
          return new RateLimiterMemory(options);
      }
    })().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}

class LimiterTimeout extends Error {
  constructor() {
    super(`rate limiter did not answer within ${STORE_TIMEOUT_MS} ms`);
  }
}

/**
 * `work` or a LimiterTimeout after STORE_TIMEOUT_MS. The timer's verdict waits one turn of the
 * event loop (setImmediate runs after the poll phase): when a long synchronous task held the
 * thread, the store's answer and the timer are both due, and timers run first — the answer that
 * already arrived must win (that race turned RateLimiterCluster answers into 500s, issue #14).
 */
function withTimeout<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new LimiterTimeout());
      });
    }, STORE_TIMEOUT_MS);
    work.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };
export type OnFailure = "allow" | "deny";

export type Limit = {
  (key: string): Promise<LimitResult>;
  /** Forget the key's count (e.g. a successful sign-in forgives earlier failures). */
  reset(key: string): Promise<void>;
};

let lastFailureLog = 0;
function logFailure(prefix: string, outcome: OnFailure, error: unknown): void {
  // At most one line a second: a dead store must not flood the log under load.
  if (Date.now() - lastFailureLog < 1000) return;
  lastFailureLog = Date.now();
  console.error(`[rate-limit] ${prefix}: ${error instanceof Error ? error.message : String(error)}; request ${outcome === "allow" ? "allowed" : "refused (429)"}`);
}

/**
 * A limit of `points` per `durationSeconds` per key. `blockSeconds`: once exceeded, the key is
 * refused for that long and then starts afresh (the sign-in lockout).
 */
export function createLimiter(
  keyPrefix: string,
  points: number,
  durationSeconds: number,
  options: { onFailure?: OnFailure; blockSeconds?: number; store?: StoreKind } = {},
): Limit {
  const onFailure = options.onFailure ?? "deny";
  const store = lazyStore({ keyPrefix, points, duration: durationSeconds, blockDuration: options.blockSeconds ?? 0 }, options.store ?? storeKind());
  const limit = async (key: string): Promise<LimitResult> => {
    try {
      await withTimeout(store().then((s) => s.consume(key)));
      return { ok: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      logFailure(keyPrefix, onFailure, rejection);
      return onFailure === "allow" ? { ok: true } : { ok: false, retryAfterSeconds: FAILURE_RETRY_SECONDS };
    }
  };
  limit.reset = async (key: string) => {
    try {
      await withTimeout(store().then((s) => s.delete(key)));
    } catch (error) {
      logFailure(keyPrefix, "allow", error);
    }
  };
  return limit;
}

/**
 * Sign-in (issue #14): keyed per account first. Each attempt on an account counts; after
 * AUTH_RATE_LIMIT_PER_ACCOUNT attempts without a success in 15 minutes the account is refused for
 * AUTH_LOCKOUT_SECONDS, after which the right password signs in (and a success clears the
 * count) — nobody can lock a student out for more than that short wait at a time. Per client
 * address only at AUTH_RATE_LIMIT_PER_IP (300 per 15 minutes by default), far above a class
 * behind one NAT signing in at once, as a brake on one machine spraying many accounts.
 */
const signInPerAccount = createLimiter("signin-account", env.AUTH_RATE_LIMIT_PER_ACCOUNT, 15 * 60, { onFailure: "deny", blockSeconds: env.AUTH_LOCKOUT_SECONDS });
const signInPerAddress = createLimiter("signin-ip", env.AUTH_RATE_LIMIT_PER_IP, 15 * 60, { onFailure: "deny" });

export async function limitSignIn(email: string, ip: string): Promise<LimitResult> {
  const byAddress = await signInPerAddress(ip);
  if (!byAddress.ok) return byAddress;
  return signInPerAccount(email.toLowerCase());
}

/** A successful sign-in forgives that account's earlier failures. */
export async function resetSignInLimit(email: string): Promise<void> {
  await signInPerAccount.reset(email.toLowerCase());
}
