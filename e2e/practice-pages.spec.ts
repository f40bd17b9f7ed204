import type { Page } from "@playwright/test";
import { expect, signIn, sql, test } from "./fixtures";

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
