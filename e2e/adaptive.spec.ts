import { randomUUID } from "node:crypto";
import { TOPICS } from "../lib/content/topics";
import { expect, signIn, sql, test } from "./fixtures";

/**
 * Practice that adapts (issue #19 item 4): the next question from the weakest topic one level
 * easier after a miss, "New variant" on a question, and a missed question's flashcard due now.
 */

/** A graded answer in the student's history (only what the adaptive pick reads). */
async function seedAnswer(userId: string, topic: string, difficulty: number, score: number, at: Date) {
  const params = JSON.stringify({ v: 1, kind: "authored", question: { difficulty }, prompt: { text: { en: "", zh: "" }, inputs: [] } });
  await sql(
    `INSERT INTO "QuestionAttempt" ("id", "userId", "source", "ref", "origin", "topic", "seed", "params", "score", "createdAt", "submittedAt") VALUES (?, ?, 'bank', 'seeded', 'practice', ?, 1, ?, ?, ?, ?)`,
    [`e2e-${randomUUID()}`, userId, topic, params, score, at.toISOString(), at.toISOString()],
  );
}

test("adaptive practice asks the weakest topic one level easier after a miss; New variant keeps the question", async ({ page, student }) => {
  const now = Date.now();
  let i = 100;
  for (const { id } of TOPICS) {
    if (id === "loss") continue;
    await seedAnswer(student.id, id, 2, 1, new Date(now - i-- * 60_000));
    await seedAnswer(student.id, id, 2, 1, new Date(now - i-- * 60_000));
  }
  await seedAnswer(student.id, "loss", 2, 0, new Date(now - 60_000));

  await signIn(page, student);
  await page.goto("/en/practice");
  await page.getByRole("link", { name: "Practise my weakest topic" }).click();
  await expect(page).toHaveURL(/\/en\/practice\/adaptive\?v=/);
  await expect(page.getByRole("heading", { name: "Adaptive practice" })).toBeVisible();
  await expect(page.getByTestId("practice-level")).toHaveText("Loss and retransmission · difficulty 1 of 3");

  const first = new URL(page.url()).searchParams.get("v")!;
  const [before] = await sql(`SELECT "ref" FROM "QuestionAttempt" WHERE "id" = ?`, [first]);
  await page.getByRole("button", { name: "New variant" }).click();
  await expect(page).not.toHaveURL(new RegExp(`v=${first}`));
  await expect(page.getByTestId("practice-level")).toHaveText("Loss and retransmission · difficulty 1 of 3");
  const second = new URL(page.url()).searchParams.get("v")!;
  const [after] = await sql(`SELECT "ref", "seed" FROM "QuestionAttempt" WHERE "id" = ?`, [second]);
  expect(after!.ref).toBe(before!.ref);
  // The unanswered variant it replaced is gone, as after a skip.
  expect(await sql(`SELECT "id" FROM "QuestionAttempt" WHERE "id" = ?`, [first])).toHaveLength(0);
});

test("a missed practice question puts its flashcard in the review queue, due now (in Chinese)", async ({ page, student }) => {
  await signIn(page, student, "zh");
  await page.goto("/zh/practice/handshake-numbers");
  await expect(page).toHaveURL(/\/zh\/practice\/handshake-numbers\?v=/);
  await expect(page.getByRole("button", { name: "换一个变体" })).toBeVisible();
  const v = new URL(page.url()).searchParams.get("v")!;
  const card = page.locator(`[data-question-attempt="${v}"]`);
  // Every number 1 and ACK everywhere: well-formed, and wrong.
  for (const box of await card.getByRole("textbox").all()) await box.fill("1");
  for (const flag of await card.getByRole("checkbox", { name: /：ACK$/ }).all()) await flag.check();
  const before = Date.now();
  await card.getByRole("button", { name: "检查答案" }).click();
  await expect(page.getByText("与此题相关的 1 张闪卡已加入复习队列，现在就到期，这个知识点会按你的复习计划再次出现。")).toBeVisible();

  const states = await sql(`SELECT "cardRef", "due", "state" FROM "CardState" WHERE "userId" = ?`, [student.id]);
  expect(states.map((s) => s.cardRef)).toEqual(["b:hs-numbers-drill"]);
  expect(new Date(String(states[0]!.due)).getTime()).toBeLessThanOrEqual(Date.now());
  expect(new Date(String(states[0]!.due)).getTime()).toBeGreaterThan(before - 60_000);

  // The review opens on that card, ahead of the 100 new cards in deck order.
  await page.getByRole("link", { name: "立即复习" }).click();
  await expect(page).toHaveURL(/\/zh\/flashcards/);
  await expect(page.locator("[data-card-ref]")).toHaveAttribute("data-card-ref", "b:hs-numbers-drill");
});
