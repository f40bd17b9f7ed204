import type { Browser, Page } from "@playwright/test";
import { loadQuestionBank } from "../lib/content/questions";
import { createTestUser, expect, signIn, sql, test, type TestUser } from "./fixtures";

/**
 * Exams an instructor can trust (issue #15 "Done when"), in a real Chromium: options shuffled per
 * student and stable across a reload, an open exam's question absent from its class's practice,
 * the live monitor updating as a student answers, extend-time, item analysis of the class and
 * regrade.
 */

async function newPage(browser: Browser, user: TestUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** The option labels of every choice question on the page, in the order shown. */
async function optionOrders(page: Page): Promise<string[]> {
  const cards = page.locator("[data-question-attempt]");
  const out: string[] = [];
  for (let i = 0; i < (await cards.count()); i++) {
    out.push((await cards.nth(i).locator('input[type="radio"]').evaluateAll((els) => els.map((e) => e.closest("label")?.textContent?.trim() ?? ""))).join(" | "));
  }
  return out;
}

test("an exam: shuffled per student, sealed from practice, monitored live, analysed and regraded", async ({ page, browser, instructor, baseURL }) => {
  test.setTimeout(240_000);
  const singles = loadQuestionBank().filter((q) => q.kind === "single" && q.topic === "segments").slice(0, 3);
  expect(singles).toHaveLength(3);
  const alice = await createTestUser(baseURL!, "STUDENT", "Alice Exam");
  const bob = await createTestUser(baseURL!, "STUDENT", "Bob Exam");
  let joinCode = "";
  let quizUrl = "";

  await test.step("instructor creates a class and an exam of three bank questions, and publishes it", async () => {
    await signIn(page, instructor);
    await page.goto("/en/teach/classes");
    await page.getByLabel("Class name").fill("E2E exam class");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page).toHaveURL(/\/en\/teach\/classes\/[^/]+$/);
    joinCode = (await page.getByTestId("join-code").textContent())!.trim();
    await page.goto("/en/teach/quizzes/new");
    await page.getByLabel("Title").fill("E2E sealed exam");
    await page.getByRole("radio", { name: /^Exam/ }).check();
    await page.getByLabel("Time limit (minutes)").fill("30");
    await page.getByLabel("Closes (UTC)").fill(utcInput(Date.now() + 2 * 24 * 3_600_000));
    await page.getByRole("button", { name: "Create quiz" }).click();
    await expect(page).toHaveURL(/\/en\/teach\/quizzes\/(?!new$)[^/]+$/);
    quizUrl = new URL(page.url()).pathname;
    for (const [i, q] of singles.entries()) {
      await page.getByRole("button", { name: `Add: ${q.id}` }).click();
      await expect(page.getByRole("heading", { name: `Questions (${i + 1})` })).toBeVisible();
    }
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Published.", { exact: true })).toBeVisible();
  });

  const alicePage = await newPage(browser, alice);
  const bobPage = await newPage(browser, bob);
  let aliceAttempt = "";

  await test.step("two students start it: their option orders differ, and a reload keeps each one's order", async () => {
    const orders: string[][] = [];
    for (const p of [alicePage, bobPage]) {
      await p.goto("/en/classes");
      await p.getByLabel("Join code").fill(joinCode);
      await p.getByRole("button", { name: "Join", exact: true }).click();
      await expect(p).toHaveURL(/\/en\/classes\/[^/]+$/);
      await p.getByRole("link", { name: "E2E sealed exam" }).click();
      await p.getByRole("button", { name: "Start the quiz" }).click();
      await expect(p).toHaveURL(/\/attempts\/[^/]+$/);
      await expect(p.getByText("0 of 3 answered")).toBeVisible();
      const first = await optionOrders(p);
      await p.reload();
      expect(await optionOrders(p)).toEqual(first);
      orders.push(first);
    }
    aliceAttempt = new URL(alicePage.url()).pathname;
    expect(orders[0]).toHaveLength(3);
    // Three questions of four options each: the chance that two students see the same three orders is 1 in 24³.
    expect(orders[0]).not.toEqual(orders[1]);
  });

  await test.step("the exam's questions are not served in Alice's practice while it is open", async () => {
    const sealedPrompts = singles.map((q) => q.prompt.en.replace(/[`*_]/g, "").slice(0, 40));
    await alicePage.goto("/en/practice/topic/segments");
    for (let i = 0; i < 12; i++) {
      const card = alicePage.locator("[data-question-attempt]").first();
      await expect(card).toBeVisible();
      const text = (await card.textContent()) ?? "";
      for (const prompt of sealedPrompts) expect(text).not.toContain(prompt);
      const id = await card.getAttribute("data-question-attempt");
      await alicePage.getByRole("button", { name: /Skip this question|Next question/ }).click();
      await expect(alicePage.locator(`[data-question-attempt="${id}"]`)).toHaveCount(0);
    }
    await alicePage.goto(aliceAttempt);
  });

  const monitor = page;
  await test.step("the live monitor shows Alice's answer without a reload", async () => {
    await monitor.goto(`${quizUrl}/monitor`);
    const row = monitor.locator(`tr[data-student="${alice.email}"]`);
    await expect(row.getByRole("cell", { name: "In progress" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "0 of 3" })).toBeVisible();
    const card = alicePage.locator("[data-question-attempt]").first();
    await card.locator('input[type="radio"]').first().check();
    await card.getByRole("button", { name: "Submit answer" }).click();
    await expect(card.getByText(/Answer recorded/)).toBeVisible();
    await expect(row.getByRole("cell", { name: "1 of 3" })).toBeVisible({ timeout: 15_000 });
  });

  await test.step("the instructor extends Alice's time by 10 minutes", async () => {
    const row = monitor.locator(`tr[data-student="${alice.email}"]`);
    const minutesLeft = async () => Number(((await row.locator("td").nth(2).textContent()) ?? "0:00").split(":")[0]);
    expect(await minutesLeft()).toBeLessThan(30);
    await row.getByLabel(`Minutes more for ${alice.name}`).fill("10");
    await row.getByRole("button", { name: "Extend" }).click();
    await expect(row.getByText("Deadline moved by 10 minutes.")).toBeVisible();
    await expect.poll(minutesLeft, { timeout: 15_000 }).toBeGreaterThanOrEqual(38);
    const [a] = await sql(`SELECT "deadlineAt" FROM "QuizAttempt" WHERE "userId" = ?`, [alice.id]);
    expect(new Date(String(a!.deadlineAt)).getTime() - Date.now()).toBeGreaterThan(38 * 60_000);
  });

  await test.step("both finish; the item analysis of the class shows two responses per question, and regrade reports its change", async () => {
    for (const p of [alicePage, bobPage]) {
      if (p === bobPage) {
        const card = p.locator("[data-question-attempt]").first();
        await card.locator('input[type="radio"]').nth(1).check();
        await card.getByRole("button", { name: "Submit answer" }).click();
        await expect(card.getByText(/Answer recorded/)).toBeVisible();
      }
      p.once("dialog", (d) => void d.accept());
      await p.getByRole("button", { name: "Finish and submit the attempt" }).click();
      await expect(p.getByText(/Scores and feedback are shown after the exam closes/)).toBeVisible();
    }
    await monitor.goto(`${quizUrl}/monitor`);
    await expect(monitor.getByText("2 of 2 started, 2 finished.")).toBeVisible();
    await monitor.goto(`${quizUrl}/analysis`);
    await expect(monitor.getByRole("heading", { name: /Item analysis/ })).toBeVisible();
    const rows = monitor.locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.first().locator("td").nth(1)).toHaveText("2");
    // Question 1 was answered by both: its option rates sum over the two choices made.
    await expect(rows.first().getByText(/Option [a-h]: \d+% \(\d\)/).first()).toBeVisible();
    const download = monitor.waitForEvent("download");
    await monitor.getByRole("link", { name: "Download item analysis (CSV)" }).click();
    expect((await download).suggestedFilename()).toBe("item-analysis.csv");
    monitor.once("dialog", (d) => void d.accept());
    await rows.first().getByRole("button", { name: "Regrade question 1" }).click();
    await expect(monitor.getByText(/2 answers regraded; no attempt score changed\./)).toBeVisible();
  });
});
