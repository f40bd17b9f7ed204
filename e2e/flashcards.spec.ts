import { randomUUID } from "node:crypto";
import { loadBuiltinCards } from "../lib/flashcards/deck";
import { createTestUser, expect, signIn, sql, test } from "./fixtures";

// The handshake deck in deck order (content/flashcards/handshake.yaml); new cards come in that order.
const handshake = loadBuiltinCards().filter((c) => c.topic === "handshake");
const first = handshake[0]!;
const second = handshake[1]!;

/** The first words of a card's front, enough to find it on the page. */
const opening = (text: string) => text.replace(/[`*_]/g, "").split(/\s+/).slice(0, 5).join(" ");

test.describe("flashcards", () => {
  test("should review a deck with the keyboard and show the next due date", async ({ page, student }) => {
    await signIn(page, student);
    await page.goto("/en/flashcards?topic=handshake");
    const card = page.getByRole("region", { name: "Flashcard" });

    await test.step("the front of the first new card, with its answer hidden", async () => {
      await expect(card.getByText(opening(first.front.en))).toBeVisible();
      await expect(page.getByRole("button", { name: /Show answer/ })).toBeVisible();
      await expect(card.getByRole("heading", { name: "Answer" })).toHaveCount(0);
    });

    await test.step("Space flips the card; the rating buttons show their intervals", async () => {
      // Retried until the page has hydrated and the shortcut is live; a second Space on a flipped card does nothing.
      await expect(async () => {
        await page.keyboard.press("Space");
        await expect(card.getByRole("heading", { name: "Answer" })).toBeVisible({ timeout: 1000 });
      }).toPass();
      // ts-fsrs's default learning steps: a new card rated Again comes back in 1 min, Good in 10 min.
      await expect(page.getByRole("button", { name: /^Again/ })).toContainText("1m");
      await expect(page.getByRole("button", { name: /^Good/ })).toContainText("10m");
      await expect(card.getByRole("link", { name: /Read it in the lesson/ })).toHaveAttribute("href", new RegExp(`/en/lessons/${first.lesson}$`));
    });

    await test.step("3 rates it Good: the next review date is shown and the next card comes up", async () => {
      const before = Date.now();
      await page.keyboard.press("3");
      await expect(page.getByText(/Rated Good\. Next review in 10m:/)).toBeVisible();
      await expect(card.getByText(opening(second.front.en))).toBeVisible();
      const rows = await sql(`SELECT "due", "reps", "state" FROM "CardState" WHERE "userId" = ? AND "cardRef" = ?`, [student.id, `b:${first.id}`]);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.reps)).toBe(1);
      const due = new Date(String(rows[0]!.due)).getTime() || Number(rows[0]!.due);
      // Due 10 minutes after the server's review time, which lies between the key press and now.
      expect(due).toBeGreaterThanOrEqual(before + 10 * 60_000 - 2000);
      expect(due).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 2000);
      const logs = await sql(`SELECT "rating" FROM "ReviewLog" WHERE "userId" = ?`, [student.id]);
      expect(logs.map((l) => Number(l.rating))).toEqual([3]);
    });

    await test.step("the rating buttons also work by click, and Again comes back in a minute", async () => {
      await page.getByRole("button", { name: /Show answer/ }).click();
      await page.getByRole("button", { name: /^Again/ }).click();
      await expect(page.getByText(/Rated Again\. Next review in 1m:/)).toBeVisible();
    });
  });

  test("should review a scenario card: a fresh variant graded on the server suggests a rating the learner may change", async ({ page, student }) => {
    // Schedule every plain handshake card ten days out, so the deck's first scenario card is on top.
    const now = Date.now();
    const scenario = handshake.find((c) => c.family)!;
    for (const card of handshake.filter((c) => !c.family)) {
      await sql(
        `INSERT INTO "CardState" ("id", "userId", "cardRef", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview") VALUES (?, ?, ?, ?, 10, 5, 0, 10, 0, 1, 0, 2, ?)`,
        [`e2e-${randomUUID()}`, student.id, `b:${card.id}`, new Date(now + 10 * 86_400_000).toISOString(), new Date(now - 86_400_000).toISOString()],
      );
    }
    await signIn(page, student);
    await page.goto("/en/flashcards?topic=handshake");
    const card = page.getByRole("region", { name: "Flashcard" });
    const question = card.locator("article[data-question-attempt]");

    await test.step("the card shows a generated question and no rating buttons yet", async () => {
      await expect(card.getByText("Scenario card")).toBeVisible();
      await expect(card.getByText(opening(scenario.front.en))).toBeVisible();
      await expect(page.getByText("Answer the question to rate this card.")).toBeVisible();
      await expect(page.getByRole("button", { name: /^Good/ })).toHaveCount(0);
      const rows = await sql(`SELECT "ref", "seed", "submittedAt" FROM "QuestionAttempt" WHERE "userId" = ?`, [student.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ ref: scenario.family, submittedAt: null });
    });

    await test.step("answer it (every number 1, ACK everywhere): the server grades it", async () => {
      for (const box of await question.getByRole("textbox").all()) await box.fill("1");
      for (const flag of await question.getByRole("checkbox", { name: /: ACK$/ }).all()) await flag.check();
      await question.getByRole("button", { name: "Submit answer" }).click();
      await expect(page.getByText(/Your score was \d+%, which suggests Again\./)).toBeVisible();
      await expect(page.getByRole("button", { name: /^Again/ })).toContainText("suggested");
    });

    await test.step("choose Hard instead of the suggestion; the log keeps the server's score", async () => {
      await page.keyboard.press("2");
      await expect(page.getByText(/Rated Hard\. Next review in/)).toBeVisible();
      const [graded] = await sql(`SELECT "score" FROM "QuestionAttempt" WHERE "userId" = ?`, [student.id]);
      const logs = await sql(`SELECT "rating", "score", "cardRef" FROM "ReviewLog" WHERE "userId" = ?`, [student.id]);
      expect(logs).toHaveLength(1);
      expect(Number(logs[0]!.rating)).toBe(2);
      expect(logs[0]!.cardRef).toBe(`b:${scenario.id}`);
      expect(Number(logs[0]!.score)).toBe(Number(graded!.score));
      expect(Number(graded!.score)).toBeLessThan(0.6);
    });
  });

  test("should create an own card, render its Markdown safely and review it", async ({ page, student }) => {
    await signIn(page, student);
    await test.step("create the card", async () => {
      await page.goto("/en/flashcards/cards/new");
      await page.getByLabel("Front (Markdown)").fill("Why **2MSL**? <img src=x onerror=\"window.__xss = 1\">");
      await page.getByLabel("Back (Markdown)").fill("- old duplicates die out\n- the last ACK can be resent");
      await page.getByLabel("Tags").fill("time-wait rfc9293");
      await page.getByLabel("Topic").selectOption("time-wait");
      await page.getByRole("button", { name: "Save card" }).click();
      await expect(page).toHaveURL(/\/en\/flashcards\/cards\?saved=created$/);
      await expect(page.getByText("Card saved.")).toBeVisible();
      await expect(page.getByRole("cell", { name: /^Why 2MSL\?/ })).toBeVisible();
    });

    await test.step("review it in the My cards deck", async () => {
      await page.goto("/en/flashcards?topic=own");
      const card = page.getByRole("region", { name: "Flashcard" });
      await expect(card.locator("strong", { hasText: "2MSL" })).toBeVisible();
      // rehype-sanitize drops the event handler: the raw HTML never reaches the DOM as markup.
      expect(await card.locator("img[onerror]").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await expect(async () => {
        await page.keyboard.press("Space");
        await expect(card.getByText("old duplicates die out")).toBeVisible({ timeout: 1000 });
      }).toPass();
      await page.keyboard.press("4");
      await expect(page.getByText(/Rated Easy\. Next review in \d+d:/)).toBeVisible();
      await expect(page.getByRole("heading", { name: "Done for now" })).toBeVisible();
    });

    await test.step("a validation error keeps the input and names the field", async () => {
      await page.goto("/en/flashcards/cards/new");
      await page.getByLabel("Front (Markdown)").fill("A front");
      await page.getByLabel("Tags").fill("ok " + "x".repeat(60));
      await page.getByRole("button", { name: "Save card" }).click();
      await expect(page.getByText("This field is required.")).toBeVisible();
      await expect(page.getByText("A tag is 1–50 characters without spaces.")).toBeVisible();
      await expect(page.getByLabel("Front (Markdown)")).toHaveValue("A front");
    });
  });

  test("should import all lines or none, and export the own deck as an Anki file", async ({ page, student }) => {
    await signIn(page, student);
    await page.goto("/en/flashcards/cards");
    const fileInput = page.getByLabel("File", { exact: true });

    await test.step("a file with a bad line imports nothing and lists the line", async () => {
      await fileInput.setInputFiles({ name: "bad.txt", mimeType: "text/plain", buffer: Buffer.from("#separator:tab\nfront one\tback one\n\tmissing front\n") });
      await page.getByRole("button", { name: "Import" }).click();
      await expect(page.getByText("Nothing was imported. Fix these lines and try again:")).toBeVisible();
      await expect(page.getByText(/Line 3: the front is empty/)).toBeVisible();
      const n = await sql(`SELECT COUNT(*) AS n FROM "Card" WHERE "userId" = ?`, [student.id]);
      expect(Number(n[0]!.n)).toBe(0);
    });

    await test.step("a good file imports every card", async () => {
      await fileInput.setInputFiles({ name: "good.txt", mimeType: "text/plain", buffer: Buffer.from("#separator:tab\n#html:false\nWhat is MSL?\tMaximum segment lifetime\trfc\nSYN-RCVD?\tAfter the SYN-ACK is sent\t\n") });
      await page.getByRole("button", { name: "Import" }).click();
      await expect(page.getByText("2 cards imported.")).toBeVisible();
      await expect(page.getByRole("cell", { name: "What is MSL?", exact: true })).toBeVisible();
    });

    await test.step("the export is an Anki text file with those cards", async () => {
      const res = await page.request.get("/api/flashcards/export?deck=own&lang=en");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-disposition"]).toContain("tcplab-my-cards-en.txt");
      const text = await res.text();
      expect(text.split("\n").slice(0, 3)).toEqual(["#separator:tab", "#html:true", "#tags column:3"]);
      // #html:true: the fields are the cards' markdown rendered to HTML (issue #19).
      expect(text).toContain("<p>What is MSL?</p>\t<p>Maximum segment lifetime</p>\trfc");
    });
  });

  test("should refuse a rating without a session and keep other learners' cards private", async ({ page, browser, student, baseURL }) => {
    const anonymous = await page.request.post("/api/flashcards/review", { data: { cardRef: `b:${first.id}`, rating: "good" } });
    expect(anonymous.status()).toBe(401);

    await signIn(page, student);
    await page.goto("/en/flashcards/cards/new");
    await page.getByLabel("Front (Markdown)").fill("Private front");
    await page.getByLabel("Back (Markdown)").fill("Private back");
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByText("Card saved.")).toBeVisible();
    const [row] = await sql(`SELECT "id" FROM "Card" WHERE "userId" = ?`, [student.id]);
    const cardId = String(row!.id);

    const other = await createTestUser(baseURL!, "STUDENT", "Other Olga");
    const context = await browser.newContext();
    const otherPage = await context.newPage();
    await signIn(otherPage, other);
    const edit = await otherPage.goto(`/en/flashcards/cards/${cardId}/edit`);
    expect(edit?.status()).toBe(404);
    const review = await otherPage.request.post("/api/flashcards/review", { data: { cardRef: `u:${cardId}`, rating: "easy" } });
    expect(review.status()).toBe(404);
    const bad = await otherPage.request.post("/api/flashcards/review", { data: { cardRef: `b:${first.id}`, rating: "perfect" } });
    expect(bad.status()).toBe(400);
    await context.close();
    const logs = await sql(`SELECT COUNT(*) AS n FROM "ReviewLog" WHERE "cardRef" = ?`, [`u:${cardId}`]);
    expect(Number(logs[0]!.n)).toBe(0);
  });

  test("should show stats with a chart and its table in Chinese", async ({ page, student }) => {
    await signIn(page, student, "zh");
    await page.goto("/zh/flashcards/stats");
    await expect(page.getByText("今日到期")).toBeVisible();
    await expect(page.getByText(/每日复习次数（最近 30 天）/)).toBeVisible();
    await page.getByText("以表格显示数据").click();
    await expect(page.getByRole("columnheader", { name: "合计" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "新卡片" })).toBeVisible();
  });
});
