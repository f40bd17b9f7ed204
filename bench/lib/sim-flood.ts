import type { Scenario, ScenarioInput } from "@/lib/tcp";

/**
 * The SYN flood of `npm run bench:sim` (bench/sim.bench.ts), also checked by
 * `npm run sim:equivalence` (scripts/sim-equivalence.ts): `count` SYNs at 10,000/s on a
 * listen(128) socket, syncookies=1 (the default), then one real connect().
 *
 * The input asks for `validCount` SYNs, at most the schema's cap (LIMITS.maxFloodSyns, a bound
 * on what a public request may cost); `raiseFlood` then sets the flood's real count, and an
 * event cap to match, after validation — the engine itself has no such bound.
 */
export function floodInput(validCount: number): ScenarioInput {
  return {
    seed: 2,
    hosts: [
      { name: "client", ip: "10.0.0.1" },
      { name: "server", ip: "10.0.0.2" },
    ],
    link: { latencyMs: 1 },
    flood: { target: "server", port: 80, count: validCount, ratePerSec: 10_000 },
    script: [
      { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
      { at: 0, host: "server", sock: "l", call: "listen", backlog: 128 },
      { at: 50, host: "client", sock: "c", call: "connect", to: "server:80" },
    ],
  };
}

/** A validated flood scenario with `count` SYNs, past the schema's cap if need be. */
export function raiseFlood(sc: Scenario, count: number): Scenario {
  if (!sc.flood) throw new Error("flood lost in parsing");
  return { ...sc, flood: { ...sc.flood, count }, maxEvents: Math.max(sc.maxEvents, count * 10) };
}
