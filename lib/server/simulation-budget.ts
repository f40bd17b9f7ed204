import { createLimiter, type LimitResult } from "./rate-limit";

/**
 * The simulator's budget (lib/server/simulation.ts says who pays). Its own module without the
 * database, so the playground page, which must work while the database is down, can use it.
 */
export const SIMULATIONS_PER_MINUTE = 60;
const limit = createLimiter("simulate", SIMULATIONS_PER_MINUTE, 60, { onFailure: "deny" });

export function limitSimulation(caller: string): Promise<LimitResult> {
  return limit(caller);
}
