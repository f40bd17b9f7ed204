/**
 * Practice question pages from memory (issue #16). A question variant is immutable once generated
 * (lib/server/quiz/practice.ts: its prompt, options and order are fixed by its stored params and
 * seed), and so is its page in each state — unanswered, then graded — so the page of one variant,
 * locale and state is rendered once and then served from memory by the production server
 * (scripts/serve.ts), in front of Next's router, like the lessons (lib/server/static-lessons.ts).
 * A hit costs the session check and one indexed query. The one render is made from the page's
 * template (`templates`, lib/server/practice-template.ts) once Next has rendered that page
 * once, and by Next until then.
 *
 * What is checked on every request, hit or miss, before anything is sent:
 * - it is a document request (no RSC or server-action header, no `_rsc` parameter) for
 *   `/<locale>/practice/{<family>|topic/<topic>|adaptive}?v=<id>` and nothing else;
 * - next-intl's proxy would not set a cookie on it (static-lessons.ts proxyLeavesUntouched);
 * - `viewer` (lib/server/page-viewer.ts): the session cookie decodes, its session version is the
 *   user's current one (a signed-out session is refused, issue #14), and the row is that user's
 *   own practice row. It returns the row's state, which is part of the key.
 * Anything else — and any error — goes to Next unchanged, which redirects, refuses or renders;
 * the template checks again everything the page itself checks.
 *
 * Only a 200 HTML answer without Set-Cookie is kept, per origin (next-intl's `Link` header names
 * it), URL, Accept-Encoding (Next compresses) and viewer state, in an LRU bounded in bytes. Why a
 * render can never be served in a state it does not show: the state is read before the render and
 * a row only moves from unanswered to graded, so an entry keyed "unanswered" can at worst hold
 * the graded page, and is unreachable once the row is graded.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { isLocale } from "@/lib/core";
import { isId } from "./sanitize";
import { proxyLeavesUntouched, requestOrigin } from "./static-lessons";

/** The user and row state behind a request, as a key part; null sends the request to Next. */
export type Viewer = (cookieHeader: string | undefined, rowId: string) => Promise<string | null>;

export type Entry = { headers: [string, string | number | string[]][]; body: Buffer };

/** Practice pages whose content is a function of their `?v=` row alone (app/[locale]/(learn)/practice). */
const PRACTICE_PATH = /^\/(en|zh)\/practice\/(?:topic\/)?[a-z0-9-]{1,40}$/;
/** Headers of client navigations, prefetches and server actions: their answers are RSC payloads, not this page. */
const RSC_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];
/** Headers of a response that belong to it alone. */
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-cache"]);
/**
 * Says where an answer came from (the X-Cache convention of HTTP caches): HIT from memory, MISS
 * rendered by Next, RENDER made from the page's template (./practice-template.ts). Never replayed itself.
 */
export const CACHE_HEADER = "x-cache";
/** A page larger than this is not kept (the largest practice page is about 100 KB uncompressed). */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/** The row id of a cacheable practice page request, or null. */
export function practiceRowId(req: IncomingMessage): string | null {
  if (req.method !== "GET") return null;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  if (q < 0 || !PRACTICE_PATH.test(url.slice(0, q))) return null;
  const query = url.slice(q + 1);
  if (!query.startsWith("v=")) return null;
  // An id as the app accepts one (the page's getPracticeRow checks the same); nothing to decode.
  const id = query.slice(2);
  if (!isId(id)) return null;
  return isRscRequest(req) ? null : id;
}

/** A client navigation, prefetch or server action of the App Router (RSC_HEADERS). */
function isRscRequest(req: IncomingMessage): boolean {
  return RSC_HEADERS.some((h) => req.headers[h] !== undefined);
}

/**
 * A request for a practice question page that is not someone opening it: the App Router's
 * prefetches and soft navigations (its links to these pages, e.g. the practice list's, send
 * `RSC: 1`) and browsers' speculative prefetches. Opening the page without `?v=` makes a
 * question, so scripts/serve.ts answers these before Next with an empty 204: a prefetch
 * discards it, and a navigation that gets no flight payload loads the page as a document
 * instead (next/dist/client/components/router-reducer/fetch-server-response.js). Without this, a
 * prefetch of every topic on the practice list left a question in each (and the adaptive page
 * reused one of them). Here, not in proxy.ts or the page: Next strips the RSC headers from a
 * Pages Router request before either sees them.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Purpose
 */
export function isPracticePrefetch(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  if (!PRACTICE_PATH.test(q < 0 ? url : url.slice(0, q))) return false;
  if (isRscRequest(req)) return true;
  const purpose = req.headers["sec-purpose"] ?? req.headers.purpose;
  return typeof purpose === "string" && /prefetch/i.test(purpose);
}

export type PageCache = {
  /** Takes the request (true) or leaves it to the caller (false); `next` renders it with Next. */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): boolean;
};

/** Renders a page nobody has kept yet without Next, when it can (./practice-template.ts). */
export type Templates = {
  /**
   * The page for this request, made from its template, or null: no template yet (or none that
   * proved itself), or a request that is not a question the user may already see.
   */
  render(req: IncomingMessage, key: string): Promise<Entry | null>;
  /** Next's answer to a request whose template is not known yet: the template to learn, once checked. */
  learn(req: IncomingMessage, key: string, entry: Entry): void;
};

export function practicePageCache({ viewer, store = memoryPageStore(), templates }: { viewer: Viewer; store?: PageStore; templates?: Templates }): PageCache {
  async function serve(req: IncomingMessage, res: ServerResponse, id: string, origin: string, next: () => void): Promise<void> {
    let state: string | null;
    try {
      state = await viewer(req.headers.cookie, id);
    } catch {
      // The database is unreachable or the cookie is malformed: Next answers that (503, sign-in).
      state = null;
    }
    if (state === null) return next();
    const encodings = String(req.headers["accept-encoding"] ?? "").slice(0, 200);
    const key = `${origin}\n${req.url}\n${encodings}\n${state}`;
    let kept: Entry | null;
    try {
      kept = await store.claim(key);
    } catch {
      kept = null;
    }
    if (kept) return send(res, kept, "HIT");
    // This request renders the page; requests for the same key wait for it (PageStore.claim).
    // From the page's template when there is one; by Next otherwise, whose answer may become the template.
    const page = `${origin}\n${req.url!.slice(0, req.url!.indexOf("?"))}\n${encodings}`;
    let made: Entry | null = null;
    try {
      made = (await templates?.render(req, page)) ?? null;
    } catch {
      // The database is unreachable, say: Next answers that.
    }
    if (made) {
      store.fill(key, made);
      return send(res, made, "RENDER");
    }
    capture(res, (body) => {
      const cacheable =
        body !== null &&
        res.statusCode === 200 &&
        res.getHeader("set-cookie") === undefined &&
        String(res.getHeader("content-type") ?? "").startsWith("text/html");
      if (!cacheable) return store.abandon(key);
      const entry = { headers: replayable(res.getHeaders()), body };
      store.fill(key, entry);
      templates?.learn(req, page, entry);
    });
    res.setHeader(CACHE_HEADER, "MISS");
    next();
  }

  return {
    handle(req, res, next) {
      const id = practiceRowId(req);
      if (id === null) return false;
      const locale = req.url!.split("/")[1]!;
      const origin = requestOrigin(req.headers);
      if (!origin || !isLocale(locale) || !proxyLeavesUntouched(req.headers, locale)) return false;
      void serve(req, res, id, origin, next);
      return true;
    },
  };
}

/**
 * Where rendered pages are kept, and who renders a page nobody has yet. Without the second part,
 * fifty students opening their questions at once would each start a render of a page that another
 * request is already rendering, and a cold page would be rendered many times over (measured with
 * `npm run bench`: 135 answers in 8 s at saturation, 42 ms of CPU each). So the first request for
 * a key renders it, and the requests that arrive meanwhile wait for its bytes — what HTTP caches
 * call request collapsing (nginx `proxy_cache_lock`, Varnish's waiting list).
 */
export type PageStore<E = Entry> = {
  /**
   * The kept page, or null: then the caller renders it and must call `fill` or `abandon`. A key
   * being rendered elsewhere makes the caller wait for that render, at most `waitMs`.
   */
  claim(key: string): Promise<E | null>;
  fill(key: string, entry: E): void;
  /** The render was not kept (an error, a redirect, Set-Cookie, an aborted answer): waiters render themselves. */
  abandon(key: string): void;
};

/** How long a request waits for another's render of the same page before rendering it itself. */
export const WAIT_MS = 5000;

/** Pages kept in this process: an LRU bounded in bytes, plus the renders under way and their waiters. */
export function memoryPageStore<E extends { body: { length: number } } = Entry>({
  maxBytes = 32 * 1024 * 1024,
  waitMs = WAIT_MS,
}: { maxBytes?: number; waitMs?: number } = {}): PageStore<E> & { readonly size: number } {
  const entries = new LRUCache<string, E>({ maxSize: maxBytes, sizeCalculation: (e) => e.body.length + 1024 });
  const rendering = new Map<string, { since: number; waiters: ((entry: E | null) => void)[] }>();
  const settle = (key: string, entry: E | null) => {
    const pending = rendering.get(key);
    rendering.delete(key);
    for (const wake of pending?.waiters ?? []) wake(entry);
  };
  return {
    claim(key) {
      const kept = entries.get(key);
      if (kept) return Promise.resolve(kept);
      const pending = rendering.get(key);
      // A render that has not finished in waitMs (its worker died, its client vanished) no longer holds the key.
      if (!pending || performance.now() - pending.since > waitMs) {
        rendering.set(key, { since: performance.now(), waiters: [] });
        return Promise.resolve(null);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), waitMs);
        timer.unref?.();
        pending.waiters.push((entry) => {
          clearTimeout(timer);
          resolve(entry);
        });
      });
    },
    fill(key, entry) {
      entries.set(key, entry);
      settle(key, entry);
    },
    abandon(key) {
      settle(key, null);
    },
    get size() {
      return entries.size;
    },
  };
}

function send(res: ServerResponse, entry: Entry, how: "HIT" | "RENDER"): void {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader("Content-Length", entry.body.length);
  res.setHeader(CACHE_HEADER, how);
  res.statusCode = 200;
  res.end(entry.body);
}

function replayable(headers: OutgoingHttpHeaders): Entry["headers"] {
  const out: Entry["headers"] = [];
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !NOT_REPLAYED.has(name)) out.push([name, value]);
  return out;
}

/**
 * Collects what is written to `res` — after Next's compression, which wraps write/end later and
 * calls these with the compressed bytes — and hands the whole body to `done` once the response
 * has finished completely, or null when it was aborted or too large (never kept).
 */
function capture(res: ServerResponse, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function" || size > MAX_ENTRY_BYTES) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  let finished = false;
  res.once("finish", () => {
    finished = true;
    done(size <= MAX_ENTRY_BYTES ? Buffer.concat(chunks) : null);
  });
  res.once("close", () => {
    if (!finished) done(null);
  });
}
