import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * Counters in memory. Under `npm start` (scripts/serve.ts: one worker process per core) they live
 * in the cluster's primary process, which every worker asks over IPC, so a limit holds across
 * workers; a single process (`next start`, tests) counts on its own. Several machines would need
 * a shared store (rate-limiter-flexible supports Redis and PostgreSQL).
 */
function limiter(options: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract {
  if (cluster.isWorker && process.env.TCPLAB_CLUSTER === "1") return new RateLimiterCluster({ ...options, timeoutMs: 3000 });
  return new RateLimiterMemory(options);
}

/** Sign-in attempts are limited per account and per client IP (issue #2), over a 15-minute window. */
const perAccount = limiter({ keyPrefix: "signin-account", points: env.AUTH_RATE_LIMIT_PER_ACCOUNT, duration: 15 * 60 });
const perIp = limiter({ keyPrefix: "signin-ip", points: env.AUTH_RATE_LIMIT_PER_IP, duration: 15 * 60 });

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

async function consume(limiter: RateLimiterAbstract, key: string): Promise<LimitResult> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
    throw rejection;
  }
}

export async function limitSignIn(email: string, ip: string): Promise<LimitResult> {
  const byIp = await consume(perIp, ip);
  if (!byIp.ok) return byIp;
  return consume(perAccount, email);
}

/** A successful sign-in forgives that account's earlier failures. */
export async function resetSignInLimit(email: string): Promise<void> {
  await perAccount.delete(email);
}

/** A general-purpose limiter for other endpoints (grading, sign-up). */
export function createLimiter(keyPrefix: string, points: number, durationSeconds: number) {
  const counter = limiter({ keyPrefix, points, duration: durationSeconds });
  return (key: string) => consume(counter, key);
}
