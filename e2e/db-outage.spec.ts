import { createServer, connect, type Server, type Socket } from "node:net";
import { freePort, startServer, type AppServer } from "../bench/lib/app";
import { ADMIN_PG_URL, createPostgresDatabase } from "../bench/lib/databases";
import { signIn as apiSignIn } from "../bench/lib/session";
import { expect, scaled, test } from "./fixtures";

/**
 * PostgreSQL unreachable (issue #7): pages answer a real 503 with a localized page that retries by
 * itself, API routes a 503 JSON, pages that never read the database keep working, and the app
 * recovers on its own when the database is back — in the production build, where proxy.ts and
 * the pages must share the outage mark (lib/server/db-health.ts).
 *
 * The outage is a small TCP relay in front of the machine's PostgreSQL that this test closes and
 * opens (closing also cuts the app's pooled connections); the shared server itself is never
 * stopped. A second `next start` of the same build runs on a fresh PostgreSQL database behind
 * the relay; the Playwright web server (SQLite) is not used.
 */

test.describe.configure({ mode: "serial" });

/** A TCP relay to `target` on a fixed loopback port that can refuse connections and reopen. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) this.sockets.add(s);
      const cut = () => {
        for (const s of [client, upstream]) {
          s.destroy();
          this.sockets.delete(s);
        }
      };
      client.on("error", cut).on("close", cut);
      upstream.on("error", cut).on("close", cut);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(this.port, "127.0.0.1", resolve));
    this.server = server;
  }

  /** Refuses new connections (ECONNREFUSED) and resets the open ones, like a database crash. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

const secret = "outage-secret-outage-secret-outage-secret-0123";
let relay: Relay;
let database: { url: string; drop: () => Promise<void> };
let server: AppServer | null = null;
let cookie = "";

async function start(): Promise<AppServer> {
  const url = new URL(database.url);
  url.port = String(relay.port);
  return startServer({
    databaseUrl: url.toString(),
    // The build the Playwright web server serves (npm test builds into .next).
    distDir: process.env.NEXT_DIST_DIR ?? ".next",
    env: { NEXTAUTH_SECRET: secret },
    // One process: the outage mark and its probe are per process (lib/server/db-health.ts), and
    // each step below must meet the same one; with several, each worker behaves alike on its own.
    workers: 1,
  });
}

// A fresh server's first render of a page loads that page's modules: seconds of CPU on a loaded
// 2-core machine (a fixed 10 s budget once ran out there), so the budget scales with the load.
const get = (path: string, headers: Record<string, string> = {}) => fetch(server!.url + path, { headers, redirect: "manual", signal: AbortSignal.timeout(scaled(10_000)) });

test.beforeAll(async () => {
  // Two server starts, a sign-up and a sign-in: more than one test's worth of time on a busy machine.
  test.setTimeout(scaled(180_000));
  database = await createPostgresDatabase(`outage_e2e_${process.pid}_${Date.now()}`);
  const target = new URL(ADMIN_PG_URL);
  relay = new Relay(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
  // A signed-in student, made while the database is reachable. Sessions are JWTs, so the cookie
  // stays valid for a later server on the same secret.
  await relay.open();
  const first = await start();
  try {
    const email = `outage-${Date.now()}@example.test`;
    const password = `pw-${Date.now()}-outage-test`;
    const res = await fetch(`${first.url}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Outage Olly", email, password }) });
    const body = await res.text();
    // The server's own log explains an unexpected answer (a 500's stack) in the failure message.
    expect(res.status, `${body}\n--- server log ---\n${first.output()}`).toBe(201);
    cookie = (await apiSignIn(first.url, email, password)).cookie;
  } finally {
    await first.stop();
  }
  // A fresh server with no pooled connection meets the outage in its first page render.
  await relay.close();
  server = await start();
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("outage-server-log", { body: server.output(), contentType: "text/plain" });
    console.error(`--- outage server log ---\n${server.output().slice(-20_000)}--- end ---`);
  }
});

test.afterAll(async () => {
  await server?.stop();
  await relay?.close();
  await database?.drop();
});

test("should answer pages with a localized 503 and Retry-After, the API with a 503 JSON, while PostgreSQL is unreachable", async () => {
  await test.step("a render that meets the outage redirects to its own URL", async () => {
    const res = await get("/en/practice?from=test", { cookie });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/en/practice?from=test");
  });

  await test.step("which the proxy answers with the 503 page, in English", async () => {
    const res = await get("/en/practice?from=test", { cookie });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>Temporarily unavailable</h1>");
    expect(html).toContain('href="/en/practice?from=test"');
  });

  await test.step("in Chinese for /zh, signed in or not, on every page that needs the database", async () => {
    for (const path of ["/zh/dashboard", "/zh/signin", "/zh/teach"]) {
      const res = await get(path);
      expect(res.status, path).toBe(503);
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain("服务暂时不可用");
    }
  });

  await test.step("pages that never read the database keep working", async () => {
    for (const path of ["/en", "/zh/lessons", "/en/lessons/three-way-handshake", "/en/sim"]) {
      expect((await get(path)).status, path).toBe(200);
    }
  });

  await test.step("the API answers its 503 JSON", async () => {
    const res = await get("/api/progress", { cookie, "accept-language": "en" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});

test("should show an accessible retrying page that reloads by itself when PostgreSQL is back", async ({ page }) => {
  const url = new URL(server!.url);
  await page.context().addCookies(
    cookie.split("; ").map((pair) => {
      const eq = pair.indexOf("=");
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: url.hostname, path: "/" };
    }),
  );
  const response = await page.goto(`${server!.url}/en/practice`);
  expect(response?.status()).toBe(503);
  await expect(page).toHaveTitle("Temporarily unavailable · tcplab");
  await expect(page.getByRole("heading", { level: 1, name: "Temporarily unavailable" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/Retrying automatically/);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Try again now" })).toBeFocused();

  await relay.open();
  // The page asks every 2 s; the app clears the mark within 250 ms of the database answering.
  await expect(page.getByRole("heading", { level: 1, name: /Practice/ })).toBeVisible({ timeout: scaled(10_000) });
  expect((await get("/api/progress", { cookie })).status).toBe(200);
});

test("should notice an outage from its pooled connections before any page renders, and recover again", async () => {
  expect((await get("/en/practice", { cookie })).status).toBe(200);
  const marks = () => server!.output().split("[db] unreachable").length - 1;
  const before = marks();
  await relay.close();
  // The reset reaches the idle pooled connections (the pool's 'error' event), and the app marks
  // the outage by itself — no request is sent until it has. (How soon is the machine's business:
  // a request sent at once may be read before the reset on a loaded machine, and then renders.)
  await expect.poll(marks, { intervals: [50], timeout: scaled(5000) }).toBeGreaterThan(before);
  // From then on not even the first page renders: no 307 from a render meeting the outage.
  expect((await get("/en/dashboard", { cookie })).status).toBe(503);
  await relay.open();
  await expect.poll(async () => (await get("/en/dashboard", { cookie })).status, { intervals: [100], timeout: scaled(5000) }).toBe(200);
});
