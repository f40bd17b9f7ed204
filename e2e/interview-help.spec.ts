import type { Page } from "@playwright/test";
import { loadInterviewBank } from "../lib/content/interview";
import { matchKeyPoint } from "../lib/interview/keypoints";
import { expect, signIn, sql, test } from "./fixtures";

/**
 * Interview prep that helps you answer (issue #19 item 8): the written answer's key points
 * suggested from their keywords before the candidate confirms them, and a strict timer the
 * server enforces.
 */

const bank = loadInterviewBank();

async function currentItem(userId: string): Promise<{ id: string; ref: string }> {
  const rows = await sql(
    `SELECT i."id", i."ref" FROM "InterviewItem" i JOIN "InterviewSession" s ON s."id" = i."sessionId" WHERE s."userId" = ? AND i."answeredAt" IS NULL ORDER BY i."position" LIMIT 1`,
    [userId],
  );
  return { id: String(rows[0]!.id), ref: String(rows[0]!.ref) };
}

async function start(page: Page, locale: "en" | "zh", strict?: string) {
  await page.goto(`/${locale}/interview`);
  await page.getByLabel(locale === "en" ? "3 questions" : "3 道题", { exact: true }).check();
  const scenarios = page.getByLabel(locale === "en" ? /Mix in scenario questions/ : /加入场景题/);
  if (await scenarios.count()) await scenarios.uncheck();
  if (strict) await page.getByLabel(locale === "en" ? "Strict timer" : "严格计时").selectOption({ label: strict });
  await page.getByRole("button", { name: locale === "en" ? "Start the interview" : "开始面试" }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/interview/[^/]+$`));
}

test("the key points an answer covers come ticked as a suggestion, which the candidate confirms", async ({ page, student }) => {
  await signIn(page, student);
  await start(page, "en");
  const { ref } = await currentItem(student.id);
  const question = bank.find((q) => q.id === ref)!;
  // The answer states the first key point in its own words (the bank's keywords cover it: lib/interview/keypoints.test.ts).
  const answer = question.keyPoints[0]!.en;
  const expected = question.keyPoints.map((p) => matchKeyPoint(answer, p.keywords).covered);
  expect(expected[0]).toBe(true);
  await page.getByLabel("Your answer").fill(answer);
  await page.getByLabel("4 · fairly sure").check();
  await page.getByRole("button", { name: "Submit answer" }).click();

  await expect(page.getByRole("heading", { name: "Model answer" })).toBeVisible();
  await expect(page.getByText("Ticked in advance: the points your answer seems to cover, from their keywords. Check each tick before you save.")).toBeVisible();
  const points = page.getByRole("group", { name: /Key points/ }).getByRole("checkbox");
  await expect(points).toHaveCount(question.keyPoints.length);
  for (const [i, covered] of expected.entries()) {
    if (covered) await expect(points.nth(i)).toBeChecked();
    else await expect(points.nth(i)).not.toBeChecked();
  }
  await expect(page.getByTestId("kp-suggested")).toHaveCount(expected.filter(Boolean).length);
  await expect(page.getByTestId("kp-suggested").first()).toContainText("Suggested: your answer mentions");
  // The candidate has the last word: untick the suggestion, save, and the stored ticks are theirs.
  await points.first().uncheck();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Question 2 of 3")).toBeVisible();
  const [row] = await sql(`SELECT "answer" FROM "InterviewItem" WHERE "ref" = ? AND "selfScore" IS NOT NULL AND "sessionId" IN (SELECT "id" FROM "InterviewSession" WHERE "userId" = ?)`, [ref, student.id]);
  const stored = (typeof row!.answer === "string" ? JSON.parse(row!.answer) : row!.answer) as { keyPoints: boolean[] };
  expect(stored.keyPoints[0]).toBe(false);
});

test("the strict timer ends the question on the server, and at zero the countdown submits what was typed (in Chinese)", async ({ page, student }) => {
  await signIn(page, student, "zh");
  await start(page, "zh", "每题 1 分钟");
  await expect(page.getByRole("timer", { name: "剩余时间" })).toBeVisible();

  await test.step("an answer sent after the deadline does not count, whatever the browser shows", async () => {
    const item = await currentItem(student.id);
    // The question was shown two minutes ago (the page's countdown still says about a minute).
    await sql(`UPDATE "InterviewItem" SET "shownAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 120_000).toISOString(), item.id]);
    await page.getByLabel("你的回答").fill("太晚了的回答");
    await page.getByLabel(/^4 · /).check();
    await page.getByRole("button", { name: "提交回答" }).click();
    await expect(page.getByText("时间到（1 分钟）：本题已在截止时刻结束，只保留了截至那时你输入的内容。")).toBeVisible();
    await expect(page.getByText("（未作答）")).toBeVisible();
    const [row] = await sql(`SELECT "answer", "durationMs" FROM "InterviewItem" WHERE "id" = ?`, [item.id]);
    expect(Number(row!.durationMs)).toBe(60_000);
    await page.getByRole("button", { name: "保存并继续" }).click();
  });

  await test.step("at zero the countdown submits the text typed so far, without a confidence", async () => {
    await expect(page.getByText("第 2 题，共 3 题")).toBeVisible();
    const item = await currentItem(student.id);
    await sql(`UPDATE "InterviewItem" SET "shownAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 54_000).toISOString(), item.id]);
    await page.reload();
    await page.getByLabel("你的回答").fill("写到一半的回答");
    await expect(page.getByText("时间到（1 分钟）：本题已在截止时刻结束，只保留了截至那时你输入的内容。")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText("写到一半的回答")).toBeVisible();
    const [row] = await sql(`SELECT "answer", "confidence" FROM "InterviewItem" WHERE "id" = ?`, [item.id]);
    expect(row!.confidence).toBeNull();
  });
});

test("a scenario question's strict timer ends it at zero: scored 0, and the interview moves on", async ({ page, student }) => {
  test.setTimeout(90_000);
  await signIn(page, student);
  await page.goto("/en/interview");
  await page.getByLabel("3 questions", { exact: true }).check();
  await page.getByLabel(/Mix in scenario questions/).check();
  await page.getByLabel("Strict timer").selectOption({ label: "1 minute per question" });
  await page.getByRole("button", { name: "Start the interview" }).click();
  await expect(page).toHaveURL(/\/en\/interview\/[^/]+$/);
  const sessionId = new URL(page.url()).pathname.split("/").pop()!;
  // Make the session's scenario question the first one (swapping positions with whatever was first).
  const items = (await sql(`SELECT "id", "kind", "position" FROM "InterviewItem" WHERE "sessionId" = ? ORDER BY "position"`, [sessionId])).map((r) => ({ id: String(r.id), kind: String(r.kind), position: Number(r.position) }));
  const scenario = items.find((i) => i.kind === "scenario")!;
  const first = items[0]!;
  if (scenario.id !== first.id) {
    await sql(`UPDATE "InterviewItem" SET "position" = 99 WHERE "id" = ?`, [scenario.id]);
    await sql(`UPDATE "InterviewItem" SET "position" = ?, "shownAt" = NULL WHERE "id" = ?`, [scenario.position, first.id]);
    await sql(`UPDATE "InterviewItem" SET "position" = ? WHERE "id" = ?`, [first.position, scenario.id]);
  }
  await page.reload();
  await expect(page.getByText("Question 1 of 3")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit answer" })).toBeVisible();
  await expect(page.getByRole("timer", { name: "Time left" })).toBeVisible();
  // Shown 56 s ago: the countdown reaches zero in about 4 s; the page then waits out the server's grace and reloads.
  await sql(`UPDATE "InterviewItem" SET "shownAt" = ? WHERE "id" = ?`, [new Date(Date.now() - 56_000).toISOString(), scenario.id]);
  await page.reload();
  await expect(page.getByText("Time is up: this question ends and scores 0.")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("The previous question's time ran out before it was answered: it scores 0.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Question 2 of 3")).toBeVisible();
  const [row] = await sql(`SELECT "autoScore", "confidence", "durationMs" FROM "InterviewItem" WHERE "id" = ?`, [scenario.id]);
  expect(row).toMatchObject({ confidence: null, durationMs: 60_000 });
  expect(Number(row!.autoScore)).toBe(0);
});
