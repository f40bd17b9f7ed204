import { getCurrentUser, clientIp } from "./auth";
export { limitSimulation, SIMULATIONS_PER_MINUTE } from "./simulation-budget";

/**
 * The simulator's budget, shared by every entry point that runs a scenario someone sent:
 * `POST /api/simulate` and the playground's share links (`/sim?s=…`, issue #14). Counted per
 * signed-in user, else per client address (lib/client-address.js); the bounds on each run are
 * lib/tcp LIMITS. If the counter cannot answer, the run is refused: simulation is CPU on a
 * shared server, and a 429 with a short Retry-After is the safe side.
 */

/** Who pays for a run: `user:<id>` when signed in, else `ip:<address>`. */
export async function simulationCaller(headers: Headers): Promise<string> {
  const user = await getCurrentUser();
  return user ? `user:${user.id}` : `ip:${clientIp(headers)}`;
}
