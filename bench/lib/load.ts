/**
 * One bounded autocannon run with our own latency record: autocannon's summary keeps only 2xx
 * latencies and has no p95, so every response time (any status) is collected from its
 * `response` event and the percentiles are computed here (nearest-rank).
 */
import http from "node:http";
import zlib from "node:zlib";
import autocannon, { type AutocannonRequest } from "autocannon";

export type Req = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/**
 * What a browser sends for a page: Chromium's Accept-Encoding (the server answers lessons in
 * brotli, half the bytes of gzip, and other pages in gzip; the paced client decompresses both,
 * below) and an Accept-Language, which decides, as in next-intl's proxy, whether a
 * first visit sets the locale cookie (lib/server/static-lessons.ts); a request without it is not
 * a browser's.
 */
export const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd", "accept-language": "en-US,en;q=0.9" };

export type LoadResult = {
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Socket errors and timeouts (no HTTP response at all). */
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  /** The first few non-2xx bodies, to say what went wrong. */
  samples: string[];
  /** Server CPU time per request (ms), when the caller measured it. */
  cpuPerRequest?: number;
};

/**
 * Round-robin over per-user lists: element k of every list before element k+1 of any, so
 * request i of the result belongs to user i mod n while the lists last (no user bursts ahead
 * into its rate limit).
 */
export function interleave<T>(perUser: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let k = 0; perUser.some((list) => k < list.length); k += 1) for (const list of perUser) if (list[k] !== undefined) out.push(list[k]!);
  return out;
}

/** Nearest-rank percentile of a sorted array. @see https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type LoadOptions = {
  name: string;
  baseUrl: string;
  connections: number;
  /** Upper bound on the run's length. */
  seconds: number;
  /** Stop after this many requests (pools of one-shot requests, e.g. fresh submissions). */
  amount?: number;
  /** Called once per request: what to send next. */
  next: () => Req;
  /** The server's CPU clock (ms), read before and after the run. */
  cpuMs?: () => number;
};

/** What both load generators measured, as one result row (times are sorted in place). */
function summarize(
  options: { name: string; cpuMs?: () => number },
  run: { times: number[]; statuses: Record<string, number>; samples: string[]; errors: number; started: number; cpuBefore: number },
): LoadResult {
  const { times, statuses, samples, errors, started, cpuBefore } = run;
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = options.cpuMs?.() ?? NaN;
  times.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses).reduce((n, [code, count]) => (code.startsWith("2") ? n : n + count), 0);
  return {
    name: options.name,
    requests: times.length,
    seconds,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    errors,
    non2xx,
    statuses,
    samples,
    ...(options.cpuMs ? { cpuPerRequest: (cpuAfter - cpuBefore) / Math.max(1, times.length) } : {}),
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let errors = 0;
  const request: AutocannonRequest = {
    setupRequest: (req) => {
      const r = options.next();
      req.method = r.method;
      req.path = r.path;
      req.headers = { ...(r.headers ?? {}), ...(r.body !== undefined ? { "content-type": "application/json" } : {}) };
      req.body = r.body ?? "";
      return req;
    },
    // Keeps the first failures' text, to say what went wrong.
    onResponse: (status, body) => {
      if ((status < 200 || status >= 300) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
    },
  };
  const started = performance.now();
  const cpuBefore = options.cpuMs?.() ?? NaN;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        ...(options.amount ? { amount: options.amount } : {}),
        timeout: 20,
        requests: [request],
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
    instance.on("reqError", () => {
      errors += 1;
    });
    // `amount` overrides `duration` in autocannon; this keeps a pool run bounded in time too.
    if (options.amount) setTimeout(() => instance.stop(), options.seconds * 1000).unref();
  });
  return summarize(options, { times, statuses, samples, errors, started, cpuBefore });
}

export type OpenLoopOptions = {
  name: string;
  baseUrl: string;
  /** Mean arrivals per second, all users together. */
  rate: number;
  seconds: number;
  /** What to send next; undefined ends the run early (a one-shot pool is used up). */
  next: () => Req | undefined;
  cpuMs?: () => number;
  /** How many users (each with its own keep-alive connections, as a browser has); default 50. */
  users?: number;
  /**
   * A cheap path each user fetches once before the measured window, so that users arrive with an
   * open connection, as a class does that has the page open (connection set-up is then not
   * part of a submission's time, as in a browser tab).
   */
  warmUpPath?: string;
};

/**
 * Open-loop load: requests arrive as a Poisson process (exponential gaps, mean 1/rate), each
 * timed on its own, whether or not earlier ones have been answered — how many independent users
 * behave. (autocannon's connectionRate fires every connection in step, once a second: 50 users
 * clicking at the same instant, a worst-case burst rather than a class at work.)
 *
 * Each user keeps its own HTTP keep-alive connections (a Node http.Agent, up to 6 sockets like a
 * browser per host), chosen by the request's cookie (one session per user) or, for anonymous
 * requests, round-robin. One shared client pool would instead open a new TCP connection for
 * many requests (measured: 51 connections for 175 requests with Node's fetch), timing
 * connection set-up that a browser tab does once.
 * @see https://en.wikipedia.org/wiki/Poisson_point_process
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let errors = 0;
  const inflight = new Set<Promise<void>>();
  const users = options.users ?? 50;
  const agents = Array.from({ length: users }, () => new http.Agent({ keepAlive: true, maxSockets: 6 }));
  const agentOf = new Map<string, http.Agent>();
  let anonymous = 0;
  const agentFor = (r: Req) => {
    const cookie = r.headers?.cookie;
    if (!cookie) return agents[anonymous++ % users]!;
    let agent = agentOf.get(cookie);
    if (!agent) {
      agent = agents[agentOf.size % users]!;
      agentOf.set(cookie, agent);
    }
    return agent;
  };
  const base = new URL(options.baseUrl);
  if (options.warmUpPath) for (const agent of agents) await send(base, { method: "GET", path: options.warmUpPath }, agent);
  const started = performance.now();
  const cpuBefore = options.cpuMs?.() ?? NaN;
  let due = 0;
  for (;;) {
    // Benchmark arrivals only need to be random, not reproducible.
    due += (-Math.log(1 - Math.random()) / options.rate) * 1000;
    if (due > options.seconds * 1000) break;
    const wait = started + due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const r = options.next();
    if (!r) break;
    const one = (async () => {
      const t0 = performance.now();
      try {
        const { status, body } = await send(base, r, agentFor(r));
        times.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if ((status < 200 || status >= 300) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
      } catch {
        errors += 1;
      }
    })();
    inflight.add(one);
    void one.finally(() => inflight.delete(one));
  }
  await Promise.all(inflight);
  for (const agent of agents) agent.destroy();
  return summarize(options, { times, statuses, samples, errors, started, cpuBefore });
}

/** The encodings the server may answer with (Node 20 has no zstd; the server never sends it). */
const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = { gzip: zlib.createGunzip, br: zlib.createBrotliDecompress, deflate: zlib.createInflate };

/** One request (on a user's agent, or a connection of its own); resolves with the status, the headers and the whole (decompressed) body. */
export function send(base: URL, r: Req, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        agent,
        timeout: 20_000,
        headers: { ...(r.headers ?? {}), ...(r.body !== undefined ? { "content-type": "application/json" } : {}) },
      },
      (response) => {
        // A browser decompresses what it receives: the time to read a body includes that.
        const encoding = response.headers["content-encoding"];
        const decoder = encoding === undefined ? null : DECODERS[encoding];
        if (decoder === undefined) return reject(new Error(`content-encoding ${encoding} not decoded by the load client`));
        const stream = decoder ? response.pipe(decoder()) : response;
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
        stream.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(r.body);
  });
}

/** A few sequential requests before measuring, so route modules are loaded and JIT-warm. */
export async function warmUp(baseUrl: string, reqs: Req[]): Promise<void> {
  for (const r of reqs) {
    const res = await fetch(baseUrl + r.path, {
      method: r.method,
      headers: { ...(r.headers ?? {}), ...(r.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: r.body,
      redirect: "manual",
    });
    await res.arrayBuffer();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

/** A fixed-width table of results (plain text, so it pastes into a README as a code block). */
export function formatTable(rows: (LoadResult & { db: string; mode: string; ratio?: number })[]): string {
  const head = ["database", "load", "scenario", "req", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "non-2xx", "CPU ms/req", "vs static"];
  const body = rows.map((r) => [
    r.db,
    r.mode,
    r.name,
    String(r.requests),
    fmt(r.rps, 0),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.max, 0),
    String(r.errors),
    String(r.non2xx),
    r.cpuPerRequest === undefined ? "" : fmt(r.cpuPerRequest, 2),
    r.ratio === undefined ? "" : `${fmt(r.ratio * 100, 0)} %`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
