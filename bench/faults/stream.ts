/**
 * A stream of one-shot requests with a fixed number in flight, recording what each got back:
 * a status and body, or a transport error (connection reset/refused: the server was killed or
 * is restarting). Used by the fault scripts; nothing is retried, so every outcome is visible.
 */
export type Job = { key: string; path: string; cookie: string; body?: unknown; method?: "GET" | "POST" };

export type Outcome = {
  key: string;
  /** Milliseconds since the stream started (performance.now() based). */
  sentAt: number;
  doneAt: number;
  status: number | null;
  body: unknown;
  retryAfter?: string | null;
  /** The Location header of a redirect (requests are sent with redirect: "manual"). */
  location?: string | null;
  error?: string;
};

export type Stream = {
  outcomes: Outcome[];
  /** Stop sending new requests; resolves when the in-flight ones have settled. */
  stop(): Promise<void>;
  /** Resolves when every job has been sent and settled (or stop() was called). */
  done: Promise<void>;
  sent(): number;
};

export type StreamOptions = {
  timeoutMs?: number;
  /** A pause after each request per worker, to bound the rate (e.g. while requests fail fast). */
  pauseMs?: number;
  /** The clock origin (performance.now()); defaults to the stream's start. */
  t0?: number;
  onOutcome?: (o: Outcome) => void;
};

export function startStream(baseUrl: string, jobs: Job[], inFlight: number, options: StreamOptions = {}): Stream {
  const outcomes: Outcome[] = [];
  let next = 0;
  let stopped = false;
  const t0 = options.t0 ?? performance.now();
  const worker = async () => {
    while (!stopped && next < jobs.length) {
      const job = jobs[next++]!;
      const sentAt = performance.now() - t0;
      let outcome: Outcome;
      try {
        const method = job.method ?? "POST";
        const res = await fetch(baseUrl + job.path, {
          method,
          headers: { ...(method === "POST" ? { "content-type": "application/json" } : {}), cookie: job.cookie },
          body: method === "POST" ? JSON.stringify(job.body) : undefined,
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        outcome = { key: job.key, sentAt, doneAt: performance.now() - t0, status: res.status, body, retryAfter: res.headers.get("retry-after"), location: res.headers.get("location") };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        outcome = { key: job.key, sentAt, doneAt: performance.now() - t0, status: null, body: null, error: cause ?? (error as Error).name };
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: inFlight }, worker)).then(() => undefined);
  return {
    outcomes,
    done,
    sent: () => next,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Counts of outcomes by status ("ECONNRESET" etc. for transport errors). */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.status === null ? (o.error ?? "error") : String(o.status);
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}
