/**
 * `npm run bench:profile [-- sqlite|postgres] [--requests 600] [--paced 50] [--pages]` — where a
 * grading request's CPU goes (`--pages`: a practice question page's first view instead, each
 * request a variant never shown before, so none is served from the page store). Starts the
 * production build with V8's `--cpu-prof`, sends submissions one at a time (no queue, so the profile is of the work itself) or as Poisson arrivals at a given rate
 * (to see what concurrency adds), stops the server and prints the heaviest
 * functions by self time and the packages they live in. The .cpuprofile file is kept for
 * Chrome DevTools (Performance → Load profile). The npm script builds its own copy of the app
 * (out/bench-profile) without server minification, so function names are readable.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, startServer } from "./lib/app";
import { requestedKinds, withDatabase } from "./lib/databases";
import { BROWSER_HEADERS, interleave, runOpenLoop, type Req } from "./lib/load";
import { seedDatabase } from "./lib/seed";
import { signInAll } from "./lib/session";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const i = process.argv.indexOf("--requests");
const REQUESTS = i >= 0 ? Number(process.argv[i + 1]) : 600;
/** `--paced 50`: Poisson arrivals at this rate (as `npm run bench`'s paced run) instead of one at a time. */
const p = process.argv.indexOf("--paced");
const PACED = p >= 0 ? Number(process.argv[p + 1]) : 0;
const WARM_UP = 50;
/** `--pages`: profile first views of question pages (GET) instead of submissions. */
const PAGES = process.argv.includes("--pages");
/** The grading limit is 120 submissions per user and minute: spread the requests over enough users. */
const USERS = Math.ceil((REQUESTS + WARM_UP) / 100);

/** Which package (or "app"/"node") a script URL belongs to. */
function owner(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node core";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes("/server/chunks/") || url.includes("/server/app/")) return "app bundle (next build)";
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

/** Self time per node over the samples taken in [from, to] (µs on CLOCK_MONOTONIC, V8's clock on Linux). */
function summarize(profile: Profile, from: number, to: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let k = 0; k < profile.samples.length; k += 1) {
    t += profile.timeDeltas[k] ?? 0;
    if (t < from || t > to) continue;
    const id = profile.samples[k]!;
    const next = profile.timeDeltas[k + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + next);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    const key = `${functionName || "(anonymous)"}  ${owner(url)}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    pkg.set(owner(url), (pkg.get(owner(url)) ?? 0) + us);
  }
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, us]) => a + us, 0);
  const busy = total - idle;
  const row = (label: string, us: number) => `${((us / REQUESTS) / 1000).toFixed(3).padStart(8)} ms/req  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${label}`;
  console.log(`\nbusy (not idle) time: ${(busy / 1000).toFixed(0)} ms for ${REQUESTS} requests = ${(busy / REQUESTS / 1000).toFixed(2)} ms per request (main thread only; GC included)\n`);
  console.log("by package:");
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(row(k, us));
  console.log("\nby function (self time):");
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(row(k, us));
}

async function main(): Promise<void> {
  const [kind] = requestedKinds();
  ensureBuild();
  await withDatabase(kind!, "profile", async (fresh) => {
    const seeded = seedDatabase(fresh.url, { users: USERS, attemptsPerUser: 100, cardsPerUser: 1, topic: "handshake" });
    const window = { from: 0, to: 0 };
    const dir = mkdtempSync(path.join(os.tmpdir(), "tcplab-prof-"));
    // One worker: its profile is then the whole app (the primary only hands out connections).
    const server = await startServer({ databaseUrl: fresh.url, workers: 1, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    try {
      const cookies = await signInAll(server.url, seeded.users);
      // Round-robin over the users, so no one reaches the rate limit.
      const reqs: Req[] = interleave(
        seeded.users.map((_, u) =>
          seeded.attempts
            .filter((a) => a.user === u)
            .map((a): Req =>
              PAGES
                ? { method: "GET", path: `/en/practice/topic/handshake?v=${encodeURIComponent(a.id)}`, headers: { cookie: cookies[u]!, ...BROWSER_HEADERS } }
                : { method: "POST", path: `/api/quiz/questions/${a.id}/submit`, headers: { cookie: cookies[u]! }, body: JSON.stringify({ answer: a.raw }) },
            ),
        ),
      );
      // Warm-up: route modules load lazily, V8 optimizes after a few hundred calls.
      for (const r of reqs.splice(0, WARM_UP)) await send(server.url, r);
      const cpu0 = server.cpuMs();
      window.from = monotonicUs();
      const t0 = performance.now();
      const measured = reqs.slice(0, REQUESTS);
      if (PACED > 0) {
        // The paced generator of `npm run bench`, bounded by the pool (and, generously, in time).
        let next = 0;
        const run = await runOpenLoop({ name: "profile", baseUrl: server.url, rate: PACED, seconds: (3 * REQUESTS) / PACED + 10, next: () => measured[next++], users: USERS });
        if (run.errors + run.non2xx > 0) throw new Error(`paced run failed: ${JSON.stringify(run.statuses)} ${run.samples.join(" | ")}`);
      } else {
        for (const r of measured) await send(server.url, r);
      }
      const wall = performance.now() - t0;
      window.to = monotonicUs();
      console.log(`${fresh.label}: ${REQUESTS} ${PAGES ? "question pages (first views)" : "submissions"} ${PACED ? `at ${PACED}/s (Poisson)` : "one at a time"}, ${(wall / REQUESTS).toFixed(2)} ms wall and ${((server.cpuMs() - cpu0) / REQUESTS).toFixed(2)} ms server CPU (all threads) per request`);
    } finally {
      await server.stop();
    }
    // The primary writes a profile too; the worker's is the big one.
    const file = readdirSync(dir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
    if (!file) throw new Error(`no profile written in ${dir}`);
    console.log(`profile: ${path.join(dir, file)} (the figures below count only the measured window)`);
    summarize(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile, window.from, window.to);
  });
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function send(base: string, r: Req): Promise<void> {
  const res = await fetch(base + r.path, r.method === "GET" ? { headers: r.headers, redirect: "manual" } : { method: r.method, headers: { ...r.headers, "content-type": "application/json" }, body: r.body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${r.path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
