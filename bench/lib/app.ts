/**
 * The production app for benchmarks, fault scripts and browser measurements: a build in its own
 * folder (so it never clobbers `.next`, which `npm test`, `npm start` and other people's e2e runs
 * use) and servers on free loopback ports, started as `npm start` serves (scripts/serve.ts: one
 * worker process per core unless `workers` says otherwise) and stopped by their own PID
 * (docs/offline-setup.md: an npx wrapper's PID would leave next-server running).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent as isCurrent, nextBuild } from "../../scripts/lib/build-stamp";
import { freePort } from "../../scripts/lib/free-port";

const root = process.cwd();
const serveScript = path.join(root, "scripts", "serve.ts");

/**
 * `out/` is ignored by git and by eslint-config-next, so a build here neither shows up as
 * untracked files nor gets linted. Override with BENCH_DIST_DIR.
 */
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR ?? "out/bench";

export function buildIsCurrent(distDir = BENCH_DIST_DIR): boolean {
  return isCurrent(distDir, root);
}

/**
 * Builds the app into `distDir` unless a build of the current sources is there already
 * (BENCH_REUSE_BUILD=1 reuses any existing build); scripts/lib/build-stamp.ts keeps the shared
 * tsconfig.json and next-env.d.ts as they were.
 */
export function ensureBuild(distDir = BENCH_DIST_DIR, log: (line: string) => void = console.log): void {
  const hasBuild = existsSync(path.join(root, distDir, "BUILD_ID"));
  if (hasBuild && (process.env.BENCH_REUSE_BUILD === "1" || buildIsCurrent(distDir))) {
    log(`[build] reusing ${distDir}`);
    return;
  }
  log(`[build] next build → ${distDir} (30–90 s, ~1 GB)…`);
  const started = performance.now();
  const status = nextBuild({ distDir, quiet: true, env: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-build-secret-bench-build-secret-0123" } });
  if (status !== 0) throw new Error(`next build failed (exit ${status})`);
  log(`[build] done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export { freePort } from "../../scripts/lib/free-port";

export type AppServer = {
  url: string;
  port: number;
  pid: number;
  /** Everything the server printed (stdout and stderr), for reporting 500s and crashes. */
  output(): string;
  /**
   * CPU time (user + system) the server has used so far, in ms: its primary and every worker
   * process, from /proc/<pid>/stat. Unlike latency it does not depend on how busy the rest of the
   * machine is.
   */
  cpuMs(): number;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL now, to the primary and every worker (the fault scripts' crash). */
  kill(): Promise<void>;
  exited: Promise<number | null>;
};

/** utime + stime of a process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks). @see proc(5) */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; fields are counted after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The live descendants of a process (/proc/<pid>/task/<tid>/children), deepest last. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(child, ...descendants(child));
    }
  } catch {
    // the process is gone
  }
  return out;
}

/** CPU ms of a process and all its live descendants (/proc/<pid>/task/<tid>/children). @see proc(5) */
export function processTreeCpuMs(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + (processCpuMs(p) || 0), 0);
}

/** USER_HZ: 100 on Linux for every architecture this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

export type StartOptions = {
  databaseUrl: string;
  port?: number;
  distDir?: string;
  env?: Record<string, string>;
  readyPath?: string;
  /** Extra Node flags for the server, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] to profile it (workers inherit them). */
  nodeArgs?: string[];
  /** Worker processes (WEB_CONCURRENCY); default as `npm start`: WEB_CONCURRENCY or one per core. */
  workers?: number;
};

/** Environment of every benchmark server: production mode, sign-in limits raised for many users. */
export function serverEnv(databaseUrl: string, url: string, distDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123",
    // Fifty users sign in from one loopback address within seconds (lib/env.js allows raising it).
    AUTH_RATE_LIMIT_PER_IP: "100000",
    AUTH_RATE_LIMIT_PER_ACCOUNT: "100000",
    ...extra,
  };
}

/** Starts `next start` on 127.0.0.1 and resolves once `readyPath` answers 200 (or throws after 60 s, longer on a loaded machine). */
export async function startServer(options: StartOptions): Promise<AppServer> {
  const distDir = options.distDir ?? BENCH_DIST_DIR;
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // `--import tsx` loads the TypeScript server in-process (callers may run under tsx or Playwright).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...(options.nodeArgs ?? []), serveScript, "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...serverEnv(options.databaseUrl, url, distDir, options.env), ...(options.workers ? { WEB_CONCURRENCY: String(options.workers) } : {}) },
  });
  let out = "";
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  const waitExit = async (ms: number) => Promise.race([exited, new Promise((r) => setTimeout(r, ms))]);
  const server: AppServer = {
    url,
    port,
    pid: child.pid!,
    output: () => out,
    cpuMs: () => processTreeCpuMs(child.pid!),
    exited,
    async stop() {
      if (!alive) return;
      child.kill("SIGTERM");
      await waitExit(5000);
      if (alive) {
        child.kill("SIGKILL");
        await exited;
      }
    },
    async kill() {
      if (!alive) return;
      // The whole server crashes at once: the workers (which hold the requests in flight and
      // their database work) and the primary, all with SIGKILL, not a worker noticing later
      // that its primary is gone.
      const pids = [...descendants(child.pid!), child.pid!];
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
  const readyPath = options.readyPath ?? "/bench/static.txt";
  // A hang detector, not a timing: on a busy machine (a CI runner beside other builds) two
  // workers loading the app can take longer than a minute, so the wait stretches with the load
  // average per core, 1× to 4× as in playwright.config.ts.
  const startupMs = Math.round(60_000 * Math.min(4, Math.max(1, os.loadavg()[0]! / os.availableParallelism())));
  const deadline = Date.now() + startupMs;
  while (Date.now() < deadline) {
    if (!alive) throw new Error(`next start exited early:\n${out}`);
    try {
      const res = await fetch(url + readyPath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await server.stop();
  throw new Error(`next start did not answer ${readyPath} within ${startupMs / 1000} s:\n${out}`);
}
