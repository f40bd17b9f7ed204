import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * Sign-in attempts are limited per account and per client IP (issue #2), over a 15-minute window.
 * In-memory: each app instance counts on its own, which bounds a single instance; a shared store
 * (rate-limiter-flexible supports Redis and PostgreSQL) is the upgrade for many instances.
 */
const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: env.AUTH_RATE_LIMIT_PER_ACCOUNT, duration: 15 * 60 });
const perIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: env.AUTH_RATE_LIMIT_PER_IP, duration: 15 * 60 });

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

async function consume(limiter: RateLimiterMemory, key: string): Promise<LimitResult> {
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
  const limiter = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
  return (key: string) => consume(limiter, key);
}
