import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { memoryPageStore, practicePageCache, isPracticePrefetch, practiceRowId, type Entry, type PageStore, type Templates, type Viewer } from "./page-cache";

const ID = "cmabcdefghijklmnopqrstuv";
const PAGE = `/en/practice/topic/handshake?v=${ID}`;
const COOKIE = "NEXT_LOCALE=en; next-auth.session-token=abc";

type Answer = { status: number; headers: IncomingMessage["headers"]; body: Buffer };

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A server with the cache in front of a stand-in for Next that counts its renders and answers
 * like Next does: headers set one by one, then the body in several writes.
 */
async function start(viewer: Viewer, next: (req: IncomingMessage, res: ServerResponse) => void, store: PageStore = memoryPageStore({ maxBytes: 1024 * 1024 }), templates?: Templates) {
  const cache = practicePageCache({ viewer, store, templates });
  let renders = 0;
  server = createServer((req, res) => {
    if (cache.handle(req, res, () => ((renders += 1), next(req, res)))) return;
    res.setHeader("x-handled", "next-directly");
    next(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server!.address() as AddressInfo).port;
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, headers: { cookie: COOKIE, "accept-encoding": "gzip", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  return { get, port, renders: () => renders, store };
}

/** Renders a page whose body names the render, so a replay is told apart from a new render. */
function page(renderCount: { n: number }, extra: (res: ServerResponse) => void = () => {}) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    renderCount.n += 1;
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Vary", "rsc, Accept-Encoding");
    extra(res);
    const body = gzipSync(`<html><body>render ${renderCount.n}</body></html>`);
    res.write(body.subarray(0, 10));
    res.end(body.subarray(10));
  };
}

describe("practicePageCache", () => {
  it("renders a variant's page once and serves the same bytes and headers afterwards", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => "u1 open", page(n));
    const first = await get(PAGE);
    const second = await get(PAGE);
    expect(renders()).toBe(1);
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers["content-encoding"]).toBe("gzip");
    expect(second.headers["vary"]).toBe("rsc, Accept-Encoding");
    expect(Number(second.headers["content-length"])).toBe(first.body.length);
  });

  it("renders again when the row's state changes (answered) and keys by viewer", async () => {
    const n = { n: 0 };
    let state = "u1 open";
    const { get, renders } = await start(async () => state, page(n));
    await get(PAGE);
    state = "u1 1733500000000";
    const graded = await get(PAGE);
    expect(renders()).toBe(2);
    expect(graded.body.length).toBeGreaterThan(0);
    await get(PAGE);
    expect(renders()).toBe(2);
  });

  it("leaves a request with no valid viewer to Next every time (signed out, revoked, someone else's row)", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => null, page(n));
    await get(PAGE);
    await get(PAGE);
    expect(renders()).toBe(2);
    expect(n.n).toBe(2);
  });

  it("goes to Next when the viewer lookup fails (database unreachable)", async () => {
    const n = { n: 0 };
    const { get } = await start(async () => {
      throw new Error("connection refused");
    }, page(n));
    expect((await get(PAGE)).status).toBe(200);
    expect((await get(PAGE)).status).toBe(200);
    expect(n.n).toBe(2);
  });

  it("never keeps an answer with Set-Cookie, a redirect or a non-HTML body", async () => {
    const n = { n: 0 };
    const store = memoryPageStore();
    await start(async () => "u1 open", page(n, (res) => res.setHeader("Set-Cookie", "NEXT_LOCALE=en")), store).then(async ({ get }) => {
      await get(PAGE);
      await get(PAGE);
    });
    expect(n.n).toBe(2);
    expect(store.size).toBe(0);

    const redirects = { n: 0 };
    const other = await start(async () => "u1 open", (_req, res) => {
      redirects.n += 1;
      res.statusCode = 307;
      res.setHeader("Location", "/en/signin");
      res.end();
    });
    await other.get(PAGE);
    expect((await other.get(PAGE)).status).toBe(307);
    expect(redirects.n).toBe(2);
  });

  it("keys by Accept-Encoding: a client without gzip never gets the gzip bytes", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => "u1 open", page(n));
    await get(PAGE, { "accept-encoding": "gzip" });
    await get(PAGE, { "accept-encoding": "identity" });
    expect(renders()).toBe(2);
  });

  it("does not take RSC navigations, prefetches, server actions, other pages or a proxy cookie change", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => "u1 open", page(n));
    const directly = async (path: string, headers: Record<string, string> = {}) => (await get(path, headers)).headers["x-handled"];
    expect(await directly(PAGE, { rsc: "1" })).toBe("next-directly");
    expect(await directly(PAGE, { "next-router-prefetch": "1" })).toBe("next-directly");
    expect(await directly(PAGE, { "next-action": "abc" })).toBe("next-directly");
    expect(await directly(`${PAGE}&_rsc=x1`)).toBe("next-directly");
    expect(await directly(`/en/quizzes?v=${ID}`)).toBe("next-directly");
    // The locale cookie says zh on an /en page: next-intl's proxy would set it, so Next answers.
    expect(await directly(PAGE, { cookie: "NEXT_LOCALE=zh" })).toBe("next-directly");
    expect(renders()).toBe(0);
  });
});

/** A page rendered after `ms`, as a slow first render under load is. */
function slowPage(renderCount: { n: number }, ms: number, extra?: (res: ServerResponse) => void) {
  const render = page(renderCount, extra);
  return (req: IncomingMessage, res: ServerResponse) => void setTimeout(() => render(req, res), ms);
}

describe("practicePageCache: first views made from a template (practice-template.ts)", () => {
  /** Templates that make the page named by `made` (or throw, or decline), and record what they learn. */
  function templates(made: () => Entry | null) {
    const learnt: { key: string; body: string }[] = [];
    const keys: string[] = [];
    const t: Templates = {
      render: async (_req, key) => {
        keys.push(key);
        return made();
      },
      learn: (_req, key, entry) => void learnt.push({ key, body: entry.body.toString() }),
    };
    return { t, learnt, keys };
  }
  const entry: Entry = { headers: [["content-type", "text/html; charset=utf-8"], ["cache-control", "private, no-store"]], body: Buffer.from("<html>from the template</html>") };

  it("serves what the template made without Next, keeps it, and answers the next load from memory", async () => {
    const n = { n: 0 };
    const { t, learnt, keys } = templates(() => entry);
    const { get, renders } = await start(async () => "u1 open", page(n), undefined, t);
    const first = await get(PAGE, { host: "app.test" });
    expect(first.headers["x-cache"]).toBe("RENDER");
    expect(first.body.toString()).toBe("<html>from the template</html>");
    expect(first.headers["cache-control"]).toBe("private, no-store");
    expect(Number(first.headers["content-length"])).toBe(first.body.length);
    const second = await get(PAGE, { host: "app.test" });
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body.equals(first.body)).toBe(true);
    expect(renders()).toBe(0);
    expect(learnt).toEqual([]);
    // The template is asked by origin, path without the query, and Accept-Encoding.
    expect(keys).toEqual(["http://app.test\n/en/practice/topic/handshake\ngzip"]);
  });

  it("leaves the page to Next when the template declines or fails, and gives Next's kept answer to learn", async () => {
    const n = { n: 0 };
    let outcome: "decline" | "throw" = "decline";
    const { t, learnt } = templates(() => {
      if (outcome === "throw") throw new Error("database unreachable");
      return null;
    });
    const { get, renders } = await start(async () => "u1 open", page(n), undefined, t);
    const declined = await get(PAGE, { host: "app.test" });
    expect(declined.headers["x-cache"]).toBe("MISS");
    outcome = "throw";
    const failed = await get(`/en/practice/topic/handshake?v=${ID.replace("a", "b")}`, { host: "app.test" });
    expect(failed.status).toBe(200);
    expect(failed.headers["x-cache"]).toBe("MISS");
    expect(renders()).toBe(2);
    expect(learnt.map((l) => l.key)).toEqual(["http://app.test\n/en/practice/topic/handshake\ngzip", "http://app.test\n/en/practice/topic/handshake\ngzip"]);
    // What is learnt is the answer as sent (gzip), which the template decodes itself.
    expect(learnt[0]!.body).toBe(gzipSync("<html><body>render 1</body></html>").toString());
  });

  it("gives Next's answer to learn only when it would be kept (no Set-Cookie, a 200 HTML page)", async () => {
    const n = { n: 0 };
    const { t, learnt } = templates(() => null);
    const { get } = await start(async () => "u1 open", page(n, (res) => res.setHeader("Set-Cookie", "NEXT_LOCALE=zh")), undefined, t);
    await get(PAGE);
    expect(learnt).toEqual([]);
  });
});

describe("practicePageCache: requests that arrive during a render", () => {
  it("wait for the render under way instead of starting their own, and get its bytes", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => "u1 open", slowPage(n, 80));
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(PAGE)));
    expect(renders()).toBe(1);
    expect(answers.map((a) => a.headers["x-cache"]).sort()).toEqual(["HIT", "HIT", "HIT", "HIT", "HIT", "MISS"]);
    for (const a of answers) expect(a.body.equals(answers[0]!.body)).toBe(true);
  });

  it("render for themselves when the render they waited for is not kept (Set-Cookie)", async () => {
    const n = { n: 0 };
    const { get, renders } = await start(async () => "u1 open", slowPage(n, 50, (res) => res.setHeader("Set-Cookie", "NEXT_LOCALE=en")));
    const answers = await Promise.all(Array.from({ length: 3 }, () => get(PAGE)));
    expect(answers.every((a) => a.status === 200 && a.headers["x-cache"] === "MISS")).toBe(true);
    expect(renders()).toBe(3);
  });

  it("do not wait on a render whose client went away", async () => {
    const n = { n: 0 };
    const { get, port, renders } = await start(async () => "u1 open", slowPage(n, 300));
    // A client that gives up before the page is rendered: its response closes unfinished.
    await new Promise<void>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: PAGE, headers: { cookie: COOKIE } });
      req.on("error", () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 30);
    });
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    const next = await get(PAGE);
    expect(next.status).toBe(200);
    expect(next.headers["x-cache"]).toBe("MISS");
    expect(renders()).toBe(2);
    // It rendered at once rather than waiting out the abandoned render (WAIT_MS is 5 s).
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("isPracticePrefetch", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;
  it("takes the App Router's prefetches and navigations and browsers' speculative prefetches of the three practice pages", () => {
    expect(isPracticePrefetch(req("/en/practice/topic/teardown?_rsc=X8AQ", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" }))).toBe(true);
    expect(isPracticePrefetch(req("/zh/practice/adaptive?_rsc=X8AQ", { rsc: "1" }))).toBe(true);
    expect(isPracticePrefetch(req("/en/practice/time-wait", { "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isPracticePrefetch(req("/en/practice/time-wait", { purpose: "prefetch" }))).toBe(true);
  });
  it("leaves document requests, other pages and other methods alone", () => {
    expect(isPracticePrefetch(req("/en/practice/topic/teardown"))).toBe(false);
    expect(isPracticePrefetch(req(`/en/practice/time-wait?v=${ID}`, { "sec-fetch-dest": "document" }))).toBe(false);
    // The practice list is an App Router page: its prefetches are its own.
    expect(isPracticePrefetch(req("/en/practice?_rsc=1", { rsc: "1" }))).toBe(false);
    expect(isPracticePrefetch(req("/en/dashboard", { rsc: "1" }))).toBe(false);
    expect(isPracticePrefetch(req("/en/practice/topic/teardown", { rsc: "1" }, "POST"))).toBe(false);
  });
});

describe("practiceRowId", () => {
  const req = (url: string, method = "GET", headers: Record<string, string> = {}) => ({ url, method, headers }) as unknown as IncomingMessage;
  it("accepts the three practice pages with exactly one v parameter", () => {
    expect(practiceRowId(req(`/en/practice/time-wait?v=${ID}`))).toBe(ID);
    expect(practiceRowId(req(`/zh/practice/topic/backlog?v=${ID}`))).toBe(ID);
    expect(practiceRowId(req(`/en/practice/adaptive?v=${ID}`))).toBe(ID);
    // The app's id shape (lib/server/sanitize.ts): cuids, and the UUIDs a bulk seed writes.
    expect(practiceRowId(req("/en/practice/adaptive?v=0b5e7a9c-3f1d-4c2e-9a8b-1d2c3e4f5a6b"))).toBe("0b5e7a9c-3f1d-4c2e-9a8b-1d2c3e4f5a6b");
  });
  it("refuses everything else", () => {
    expect(practiceRowId(req(`/en/practice/time-wait?v=${ID}`, "POST"))).toBeNull();
    expect(practiceRowId(req(`/en/practice/time-wait?v=${ID}`, "HEAD"))).toBeNull();
    expect(practiceRowId(req("/en/practice/time-wait"))).toBeNull();
    expect(practiceRowId(req(`/en/practice/time-wait?v=${ID}&x=1`))).toBeNull();
    expect(practiceRowId(req("/en/practice/time-wait?v=../../etc"))).toBeNull();
    expect(practiceRowId(req("/en/practice/time-wait?v=a%2Fb"))).toBeNull();
    expect(practiceRowId(req(`/fr/practice/time-wait?v=${ID}`))).toBeNull();
    expect(practiceRowId(req(`/en/practice/a/b/c?v=${ID}`))).toBeNull();
  });
});
