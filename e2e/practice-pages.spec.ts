import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { rawAnswerFor } from "../bench/lib/answers";
import { send } from "../bench/lib/load";
import type { StoredParams } from "../lib/server/quiz/types";
import { expect, scaled, signIn, sql, test } from "./fixtures";

/**
 * The practice question pages render through the Pages Router (issue #16): their buttons are
 * plain forms posted to /api/practice, and only a document request may make a question
 * (proxy.ts answers prefetches with an empty 204).
 */

async function practiceRows(userId: string): Promise<number> {
  const [row] = await sql(`SELECT COUNT(*) AS "n" FROM "QuestionAttempt" WHERE "userId" = ? AND "quizAttemptId" IS NULL`, [userId]);
  return Number(row!.n);
}

test("the practice list's prefetches make no question; opening a topic makes one", async ({ page, student }) => {
  await signIn(page, student);
  await page.goto("/en/practice");
  // Every link in view, so the App Router prefetches all of them (one per topic, the adaptive page).
  await page.mouse.wheel(0, 10_000);
  for (const link of await page.getByRole("link", { name: /^Practise/ }).all()) await link.hover();
  await page.waitForLoadState("networkidle");
  expect(await practiceRows(student.id)).toBe(0);
  const speculative = await page.request.get("/en/practice/topic/handshake", { headers: { "Sec-Purpose": "prefetch" }, maxRedirects: 0 });
  expect(speculative.status()).toBe(204);
  expect(await practiceRows(student.id)).toBe(0);
  await page.goto("/en/practice/topic/handshake");
  await expect(page).toHaveURL(/\/en\/practice\/topic\/handshake\?v=/);
  expect(await practiceRows(student.id)).toBe(1);
});

/** next-auth's credentials sign-in as a form post (the sign-in page's form needs JavaScript); the browser context keeps the cookie. */
async function signInWithoutScript(page: Page, user: { email: string; password: string }): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: user.email, password: user.password, json: "true" } });
  expect(res.ok()).toBe(true);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("should skip to the next question and ask a new variant with the plain forms, in Chinese", async ({ page, student }) => {
    await signInWithoutScript(page, student);
    await page.goto("/zh/practice/handshake-numbers");
    await expect(page).toHaveURL(/\/zh\/practice\/handshake-numbers\?v=/);
    const first = new URL(page.url()).searchParams.get("v")!;
    await page.getByRole("button", { name: "换一个变体" }).click();
    await expect(page).toHaveURL(/\/zh\/practice\/handshake-numbers\?v=/);
    const second = new URL(page.url()).searchParams.get("v")!;
    expect(second).not.toBe(first);
    // The unanswered question it replaced is gone.
    expect(await sql(`SELECT "id" FROM "QuestionAttempt" WHERE "id" = ?`, [first])).toHaveLength(0);
    await page.getByRole("button", { name: "跳过本题" }).click();
    await expect(page).not.toHaveURL(new RegExp(`v=${second}`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await practiceRows(student.id)).toBe(1);
  });
});

test("a form posted from another site changes nothing", async ({ page, student }) => {
  await signIn(page, student);
  await page.goto("/en/practice/handshake-numbers");
  const v = new URL(page.url()).searchParams.get("v")!;
  const res = await page.request.post("/api/practice", {
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    data: `op=variant&locale=en&scope=family&family=handshake-numbers&id=${v}`,
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect((await res.json()) as unknown).toMatchObject({ error: { code: "wrongOrigin" } });
  expect(await sql(`SELECT "id" FROM "QuestionAttempt" WHERE "id" = ?`, [v])).toHaveLength(1);
});

/** A wrong answer of the right shape for two families (a sequence number off by one; the other side in TIME-WAIT). */
function wrongAnswer(family: string, right: Record<string, unknown>): Record<string, unknown> | null {
  if (family === "teardown-numbers" && typeof right.finSeq === "number") return { ...right, finSeq: right.finSeq > 0 ? right.finSeq - 1 : 1 };
  if (family === "time-wait") return { ...right, twSide: right.twSide === "server" ? "client" : "server" };
  return null;
}

type Answered = { status: number; cache: string; location: string; body: string };

/** A GET of the app with a chosen Host header (Playwright's request context keeps its own); the body decompressed. */
async function getAs(baseURL: string, path: string, host: string, cookie: string): Promise<Answered> {
  const { status, headers, body } = await send(new URL(baseURL), { method: "GET", path, headers: { host, cookie, "accept-encoding": "gzip" } });
  return { status, cache: String(headers["x-cache"] ?? "none"), location: String(headers.location ?? ""), body };
}

test("a variant's first view made from its page's template is Next's render byte for byte: open, right, wrong, both languages (issue #16)", async ({ page, student, baseURL }) => {
  test.setTimeout(scaled(120_000));
  await signIn(page, student);
  const session = (await page.context().cookies()).filter((c) => c.name !== "NEXT_LOCALE").map((c) => `${c.name}=${c.value}`).join("; ");
  const host = new URL(baseURL!).host;
  // Hosts this server has never seen, in this run or an earlier one against the same server.
  const run = randomUUID().slice(0, 8);
  let other = 0;
  const seen = { render: 0, graded: 0, wrong: 0 };
  /**
   * The page from this server's host (a template once each worker has learnt one from Next)
   * and from a host it has never seen, which Next renders (the templates and kept pages are per
   * origin, since next-intl's Link header names it).
   */
  const compare = async (path: string, cookie: string) => {
    const ours = await getAs(baseURL!, path, host, cookie);
    const next = await getAs(baseURL!, path, `next-${run}-${(other += 1)}.test`, cookie);
    expect(ours.status).toBe(200);
    expect(next.status).toBe(200);
    expect(next.cache).toBe("MISS");
    if (ours.cache === "RENDER") {
      let at = 0;
      while (at < ours.body.length && ours.body[at] === next.body[at]) at += 1;
      expect(at, `${path} differs from Next's at ${at}: ${JSON.stringify(ours.body.slice(at - 40, at + 60))} vs ${JSON.stringify(next.body.slice(at - 40, at + 60))}`).toBe(next.body.length);
      expect(ours.body.length).toBe(next.body.length);
      seen.render += 1;
    } else expect(ours.cache).toBe("MISS");
  };
  for (const locale of ["en", "zh"] as const) {
    const cookie = `${session}; NEXT_LOCALE=${locale}`;
    for (const scope of ["handshake-numbers", "teardown-numbers", "time-wait", "adaptive"]) {
      for (let i = 0; i < 3; i += 1) {
        // Opening the page makes a variant (Next) and redirects to it.
        const opened = await getAs(baseURL!, `/${locale}/practice/${scope}`, host, cookie);
        expect(opened.status).toBe(307);
        const path = new URL(opened.location, baseURL).pathname + new URL(opened.location, baseURL).search;
        await compare(path, cookie);
        const id = new URL(opened.location, baseURL).searchParams.get("v")!;
        const [row] = await sql(`SELECT "params", "seed", "source", "ref" FROM "QuestionAttempt" WHERE "id" = ?`, [id]);
        const params = (typeof row!.params === "string" ? JSON.parse(row!.params) : row!.params) as StoredParams;
        const right = rawAnswerFor(params, Number(row!.seed))!;
        // After the first, the variants of two families are answered wrongly: the feedback then
        // shows where the answer departs and the flashcards it queued.
        const wrongOne = i > 0 && scope !== "adaptive" ? wrongAnswer(String(row!.ref), right) : null;
        const wrong = wrongOne !== null;
        const answer = wrongOne ?? right;
        const graded = await page.request.post(`/api/quiz/questions/${id}/submit`, { data: { answer } });
        expect(graded.status(), await graded.text()).toBe(200);
        expect(((await graded.json()) as { result: { correct: boolean } }).result.correct).toBe(!wrong);
        await compare(path, cookie);
        seen.graded += 1;
        if (wrong) seen.wrong += 1;
      }
    }
  }
  // Each worker process learns a page's template from its first answer by Next; the rest are made from it.
  expect(seen.graded).toBe(24);
  expect(seen.wrong).toBe(8);
  expect(seen.render).toBeGreaterThanOrEqual(24);
});
