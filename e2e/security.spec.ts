import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { signIn as apiSignIn } from "../bench/lib/session";
import type { World } from "../tests/security/world";
import { buildWorld, pagePatterns, pageRows as allPageRows, WHO, type Who } from "./page-matrix";
import { expect, signIn, test } from "./fixtures";

/**
 * Security in the real app (issue #7): response headers, session cookie flags, CSRF and rate
 * limits on sign-in, the grading rate limit, the page access matrix with real sign-ins, no
 * answer in a question page before submission, and user-written Markdown (a learner's card, an
 * instructor's question) rendered as text, never as markup. The world is built through the
 * services by tests/security/world.ts; the API/action matrix is tests/integration/access-matrix.
 */

// One worker runs this file in order: the world is built once (two builders at once would
// contend for the SQLite file), and a failing test does not skip the others.
test.describe.configure({ mode: "default" });

let world: World;
const cookies = {} as Record<Who, string>;
let api: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  world = buildWorld();
  cookies.anonymous = "";
  for (const who of WHO.slice(1) as (keyof World["users"])[]) cookies[who] = (await apiSignIn(baseURL!, world.users[who].email, world.password)).cookie;
  api = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await api?.dispose();
});

test.describe("security headers and cookies", () => {
  test("should send CSP, frame, referrer, nosniff and permissions headers on pages, files and API answers", async ({ request }) => {
    for (const p of ["/en", "/en/lessons/three-way-handshake", "/bench/static.txt", "/api/progress"]) {
      await test.step(p, async () => {
        const res = await request.get(p, { maxRedirects: 0 });
        const h = res.headers();
        const csp = h["content-security-policy"] ?? "";
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain("unsafe-eval");
        expect(h["x-frame-options"]).toBe("DENY");
        expect(h["x-content-type-options"]).toBe("nosniff");
        expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
        expect(h["permissions-policy"]).toContain("camera=()");
        expect(h["x-powered-by"]).toBeUndefined();
      });
    }
  });

  test("should load a lesson, the simulator and a question page under the CSP without violations", async ({ page, student }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/en/lessons/three-way-handshake");
    await page.goto("/en/sim");
    await signIn(page, student);
    await page.goto("/en/practice/topic/handshake");
    await expect(page.getByRole("heading", { level: 1, name: /Practice/ })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });

  test("should set the session cookie httpOnly and SameSite=Lax, Secure only over https", async ({ page, student, baseURL }) => {
    await signIn(page, student);
    const jar = await page.context().cookies();
    const session = jar.find((c) => /next-auth\.session-token$/.test(c.name));
    expect(session, "session cookie").toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.secure).toBe(baseURL!.startsWith("https://"));
    const csrf = jar.find((c) => /next-auth\.csrf-token$/.test(c.name));
    expect(csrf?.httpOnly).toBe(true);
  });

  test("should refuse a credentials post without the CSRF token", async ({ request, student }) => {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: student.email, password: student.password, json: "true" },
      maxRedirects: 0,
    });
    const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(setCookie.some((c) => /next-auth\.session-token=[^;]+/.test(c))).toBe(false);
  });
});

test.describe("rate limits", () => {
  test("should lock an account after repeated wrong passwords, even for the right one", async ({ baseURL, student }) => {
    const attempt = async (password: string) => {
      const ctx = await playwrightRequest.newContext({ baseURL });
      try {
        const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
        const res = await ctx.post("/api/auth/callback/credentials", { form: { email: student.email, password, csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0 });
        // With json=true next-auth answers { url } (200 on success, 401 on a refused sign-in).
        const url = (res.headers()["content-type"] ?? "").includes("json") ? (((await res.json()) as { url?: string }).url ?? "") : (res.headers()["location"] ?? "");
        return new URL(url, baseURL).searchParams.get("error");
      } finally {
        await ctx.dispose();
      }
    };
    const errors: (string | null)[] = [];
    // lib/env.js: AUTH_RATE_LIMIT_PER_ACCOUNT (default 10) attempts per 15 minutes.
    const limit = Number(process.env.AUTH_RATE_LIMIT_PER_ACCOUNT ?? 10);
    for (let i = 0; i <= limit; i += 1) errors.push(await attempt("wrong-password"));
    expect(errors.slice(0, limit)).toEqual(Array(limit).fill("invalidCredentials"));
    expect(errors[limit]).toBe("rateLimited");
    expect(await attempt(student.password)).toBe("rateLimited");
  });

  test("should answer 429 with a message once a user submits more than 120 answers a minute", async ({ baseURL, student }) => {
    const { cookie } = await apiSignIn(baseURL!, student.email, student.password);
    const statuses: number[] = [];
    let last: { error?: { message?: string } } = {};
    for (let i = 0; i < 121; i += 1) {
      const res = await api.post(`/api/quiz/questions/nope-${i}/submit`, { headers: { cookie }, data: { answer: {} } });
      statuses.push(res.status());
      last = (await res.json()) as typeof last;
    }
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect(last.error?.message).toBeTruthy();
  });
});

/** How a page request ended, in the matrix's words. */
async function outcome(who: Who, p: string): Promise<string> {
  const res = await api.get(p, { headers: cookies[who] ? { cookie: cookies[who] } : {}, maxRedirects: 0 });
  const status = res.status();
  if (status >= 300 && status < 400) return /\/signin\b/.test(res.headers()["location"] ?? "") ? "signin" : "ok";
  if (status === 200) return "ok";
  return String(status);
}

const pageRows = allPageRows(() => world);

test.describe("page access matrix", () => {
  test("should have a row for every page of the app", () => {
    const covered = new Set(pageRows.map((r) => r.pattern));
    expect(pagePatterns().filter((p) => !covered.has(p)), "add a row to e2e/security.spec.ts").toEqual([]);
  });

  for (const row of pageRows) {
    test(`should allow and deny ${row.pattern} as expected`, async () => {
      const got: Record<string, string> = {};
      for (const who of WHO) got[who] = await outcome(who, row.path());
      expect(got).toEqual(row.expect);
    });
  }

  test("should never show another student's practice question: its id just opens one of your own", async () => {
    const res = await api.get(`/en/practice/handshake-numbers?v=${world.practiceId}`, { headers: { cookie: cookies.otherStudent }, maxRedirects: 0 });
    expect(res.status()).toBeGreaterThanOrEqual(300);
    expect(res.headers()["location"] ?? "").not.toContain(world.practiceId);
  });
});

test.describe("no answer before submission", () => {
  test("should keep the correct answer out of the question page and the open attempt page", async () => {
    const practice = await (await api.get(`/en/practice/handshake-numbers?v=${world.practiceId}`, { headers: { cookie: cookies.student } })).text();
    expect(world.practiceSecrets.length).toBeGreaterThan(0);
    for (const secret of world.practiceSecrets) expect(practice).not.toContain(secret);
    const attempt = await (await api.get(`/en/quizzes/${world.quizId}/attempts/${world.attemptId}`, { headers: { cookie: cookies.student } })).text();
    for (const secret of world.attemptSecrets) expect(attempt).not.toContain(secret);
    expect(attempt).not.toContain("correctDisplay");
  });
});

async function expectInert(page: Page): Promise<void> {
  await expect(page.getByText("XSS-MARKER").first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // No element the payload tried to create: handlers, frames, or a script of its own (Next's
  // inline RSC payload carries the text as an escaped JSON string, which is inert).
  expect(await page.locator("[onerror], [onload], iframe").evaluateAll((els) => els.filter((e) => /__xss/.test(e.outerHTML)).length)).toBe(0);
  expect(await page.locator("script:not([src])").evaluateAll((els) => els.filter((e) => /^\s*window\.__xss/.test(e.textContent ?? "")).length)).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
}

test.describe("user Markdown is inert", () => {
  for (const [who, p, label] of [
    ["student", () => "/en/flashcards/cards", "the student's own card list"],
    ["student", () => `/en/quizzes/${world.quizId}/attempts/${world.attemptId}`, "an instructor's question in the student's attempt"],
    ["instructor", () => `/en/teach/questions/${world.authoredRowId}`, "the instructor's question editor"],
    ["instructor", () => `/en/teach/quizzes/${world.quizId}/preview/${world.authoredItemId}`, "the quiz preview"],
  ] as const) {
    test(`should render an XSS payload as text in ${label}`, async ({ page, baseURL }) => {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.context().addCookies(cookies[who].split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: baseURL! })));
      await page.goto(p());
      await expectInert(page);
      expect(dialogs).toEqual([]);
    });
  }
});
