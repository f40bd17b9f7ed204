import { randomUUID } from "node:crypto";

/**
 * "Is the database reachable?" for the whole process (issue #7: PostgreSQL restarted under load).
 *
 * The PostgreSQL client (lib/server/db.ts, lib/server/db-outage.ts) marks the database down when
 * a query or an idle pooled connection fails with a connection-class error; a background probe
 * clears the mark as soon as `SELECT 1` answers again. The proxy (proxy.ts) reads the mark before
 * every page request and answers a localized 503 page without rendering anything.
 *
 * The state lives on globalThis, not in a module variable: the proxy and the route code are
 * separate bundles with separate copies of this module. In `next start` they run in one Node.js
 * process and share globalThis (Next 16 runs the proxy in the Node.js runtime by default; checked
 * against a production build by tests/integration/db-outage.int.test.ts). Next's docs warn that a
 * proxy deployed elsewhere (a CDN) shares nothing: then `proxyToken` below never matches and the
 * pages simply fail as they did before, without a redirect loop.
 * @see https://nextjs.org/docs/app/api-reference/file-conventions/proxy#runtime
 *
 * This module imports nothing from Next, Prisma or the database client: the proxy bundles it.
 */

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** How often the background probe tries `SELECT 1` while the database is marked down. */
export const PROBE_INTERVAL_MS = 250;

/**
 * Request header the proxy puts on page GETs: `<token> <path and query>`, so that a page render
 * that discovers an outage can redirect to itself (lib/server/db-outage.ts). The token is random
 * per process, so a client cannot forge the header to make a render redirect elsewhere.
 */
export const PAGE_URL_HEADER = "x-tcplab-page-url";

type Health = {
  /** True from the first connection-class failure until the probe succeeds. */
  down: boolean;
  /** Date.now() of the mark, for logs. */
  since: number;
  probe: (() => Promise<unknown>) | null;
  probing: boolean;
  /** Set by proxy.ts when it is loaded into this process (see PAGE_URL_HEADER). */
  proxyToken: string | null;
};

const KEY = Symbol.for("tcplab.db-health");
const store = globalThis as unknown as Record<typeof KEY, Health | undefined>;

function health(): Health {
  return (store[KEY] ??= { down: false, since: 0, probe: null, probing: false, proxyToken: null });
}

/**
 * Connection-class failures by structured code: pg socket errors, PostgreSQL SQLSTATEs of class
 * 08 (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now), Prisma's
 * P1001 (unreachable) and P1017 (connection closed), and @prisma/adapter-pg's DriverAdapterError
 * kinds for the socket errors it maps.
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 * @see https://www.prisma.io/docs/orm/reference/error-reference#common
 */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "P1001", "P1017"]);
const CONNECTION_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** Failures known by their text: pg's closed socket, Prisma's wording, SQLite lock timeouts, codes quoted in a message. */
const CONNECTION_TEXT = /ECONNREFUSED|ECONNRESET|57P0[123]|P1001|P1017|Can't reach database|Connection terminated|SQLITE_BUSY|database is locked/i;

type Coded = { name?: unknown; message?: unknown; code?: unknown; kind?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/** True for errors that mean "the database is unreachable right now" (→ 503, not 500). */
export function isDatabaseDown(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return CONNECTION_TEXT.test(String(error));
  const e = error as Coded;
  // A DriverAdapterError carries the driver's classification in `cause` (an in-flight query cut
  // by a shutdown reaches the caller as one, with no code of its own); Prisma's wrapped errors
  // carry that DriverAdapterError in `meta`.
  const layers = [e, e.cause, e.meta?.driverAdapterError, (e.meta?.driverAdapterError as Coded | undefined)?.cause].filter(
    (x): x is Coded => typeof x === "object" && x !== null,
  );
  for (const x of layers) {
    if (CONNECTION_CODES.has(String(x.code)) || CONNECTION_CODES.has(String(x.originalCode)) || CONNECTION_KINDS.has(String(x.kind))) return true;
  }
  return CONNECTION_TEXT.test(`${String(e.name ?? "")} ${String(e.message ?? "")}`);
}

/** The proxy's hot-path check: one property read (false until a PostgreSQL client marks an outage). */
export function databaseMarkedDown(): boolean {
  return store[KEY]?.down === true;
}

/**
 * Registers the query the probe runs (the app's own client, so it tests the same pool and
 * credentials). Called once by the PostgreSQL branch of lib/server/db.ts; SQLite never calls it,
 * so it never gets a mark or a probe.
 */
export function watchDatabase(probe: () => Promise<unknown>): void {
  health().probe = probe;
}

/** Records an outage if `error` is connection-class; returns whether it was. */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseDown(error)) return false;
  const h = health();
  // Without a probe nothing could ever clear the mark (e.g. SQLite's "database is locked").
  if (!h.probe) return true;
  if (!h.down) {
    h.down = true;
    h.since = Date.now();
    console.warn(`[db] unreachable (${error instanceof Error ? error.message.split("\n").pop()?.trim() : String(error)}); answering 503 until it is back`);
  }
  scheduleProbe(h);
  return true;
}

/**
 * A query that was sent while the database was marked down has just succeeded: it is back. This
 * lets pages recover with the first successful API request instead of waiting for the probe.
 */
export function noteDatabaseReachable(): void {
  const h = store[KEY];
  if (!h?.down) return;
  h.down = false;
  console.warn(`[db] reachable again after ${((Date.now() - h.since) / 1000).toFixed(1)} s`);
}

/**
 * One probe at a time, PROBE_INTERVAL_MS apart, on an unref'd timer (it never keeps the process
 * alive), and only while marked down: a healthy app runs no probe at all.
 */
function scheduleProbe(h: Health): void {
  if (h.probing || !h.probe) return;
  h.probing = true;
  const probe = h.probe;
  const attempt = () => {
    probe().then(
      () => {
        h.probing = false;
        noteDatabaseReachable();
      },
      () => {
        setTimeout(attempt, PROBE_INTERVAL_MS).unref();
      },
    );
  };
  setTimeout(attempt, PROBE_INTERVAL_MS).unref();
}

/** Called by proxy.ts at load: the token it stamps PAGE_URL_HEADER with. */
export function attachProxy(): string {
  const h = health();
  h.proxyToken ??= randomUUID();
  return h.proxyToken;
}

/** The page's own path and query from PAGE_URL_HEADER, if the proxy of this process set it. */
export function pageUrlFromHeader(value: string | null): string | null {
  const token = store[KEY]?.proxyToken;
  if (!value || !token || !value.startsWith(`${token} `)) return null;
  const url = value.slice(token.length + 1);
  // Only a path on this site: "/x", never "//host" or "/\host" (open redirect).
  return /^\/(?![/\\])/.test(url) ? url : null;
}
