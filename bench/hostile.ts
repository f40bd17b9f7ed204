/**
 * `npm run hostile` — the attacks of issue #14 against the production build on loopback
 * (bench/lib/hostile.ts says what is sent and what counts as a violation): a fresh database,
 * the app served as `npm start` serves it (scripts/serve.ts, two worker processes) with the
 * production sign-in limits, a table of every attack class, and a non-zero exit on a violation.
 *
 *   tsx bench/hostile.ts [sqlite|postgres] [--quick]
 * Env: BENCH_REUSE_BUILD=1 reuses out/bench as is; TEST_PG_URL picks the PostgreSQL server.
 * ~1.5 minutes plus the build. `--quick` is the shortened form `npm test` runs against its own
 * build (scripts/test-all.ts, ~1 minute): it fails on any 5xx, any row written by a refused
 * request or any other broken expectation, but not on the latency budget, which a busy machine
 * (a shared CI runner) can miss without the app being at fault — the full run judges that.
 */
import os from "node:os";
import { ensureBuild, startServer } from "./lib/app";
import { requestedKinds, withDatabase } from "./lib/databases";
import { formatReport, hostileSeed, hostileServerEnv, runHostile } from "./lib/hostile";
import { seedDatabase } from "./lib/seed";

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const [kind = "sqlite"] = requestedKinds();
  ensureBuild();
  const load = os.loadavg()[0]!.toFixed(1);
  const report = await withDatabase(kind, "hostile", async (fresh) => {
    console.log(`[hostile] ${fresh.label}: seeding…`);
    const seeded = seedDatabase(fresh.url, hostileSeed(quick));
    const server = await startServer({ databaseUrl: fresh.url, workers: 2, env: hostileServerEnv });
    try {
      const result = await runHostile({ baseUrl: server.url, databaseUrl: fresh.url, seeded, quick, cpuMs: () => server.cpuMs() });
      // A render error that Next turned into an error page still prints its stack: count those too.
      const logged = (server.output().match(/\b(Error|TypeError|RangeError)\b.*\n\s+at /g) ?? []).length;
      if (logged > 0) result.violations.push(`the server logged ${logged} uncaught errors (see its output)`);
      return { ...result, label: fresh.label };
    } finally {
      await server.stop();
    }
  });
  console.log(`\nHostile run on ${report.label}${quick ? " (quick)" : ""}, 2 worker processes, load average ${load} at the start:\n`);
  console.log(formatReport(report));
  const ok = report.violations.length === 0 && (quick || report.budgetMisses.length === 0);
  const met = `no 5xx, nothing written by refused requests, every expectation held${quick ? "" : ", legitimate p95 within 2× idle"}`;
  console.log(ok ? `\nMET: ${met}` : "\nMISSED");
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
