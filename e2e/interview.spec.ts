import { createTestUser, expect, signIn, sql, test } from "./fixtures";

test.describe("mock interview", () => {
  test("should complete a three-question interview to its report and list it among past interviews", async ({ page, student }) => {
    await signIn(page, student);
    await page.goto("/en/interview");

    await test.step("choose length 3, open questions only", async () => {
      await page.getByLabel("3 questions", { exact: true }).check();
      const scenarios = page.getByLabel(/Mix in scenario questions/);
      if (await scenarios.count()) await scenarios.uncheck();
      await page.getByRole("button", { name: "Start the interview" }).click();
      await expect(page).toHaveURL(/\/en\/interview\/[^/]+$/);
    });

    // Confidence 5, 3, 1 with one key point ticked each time.
    const confidences = ["5 · certain", "3 · half sure", "1 · guessing"];
    for (const [i, confidence] of confidences.entries()) {
      await test.step(`question ${i + 1}: answer, then assess against the model answer`, async () => {
        await expect(page.getByText(`Question ${i + 1} of 3`)).toBeVisible();
        await expect(page.getByRole("timer", { name: "Time on this question" })).toBeVisible();
        await expect(page.getByRole("heading", { name: "Model answer" })).toHaveCount(0);
        // Text that names no key point's keywords, so no point comes ticked in advance (issue #19).
        await page.getByLabel("Your answer").fill(`My answer number ${i + 1}.`);
        await page.getByLabel(confidence).check();
        await page.getByRole("button", { name: "Submit answer" }).click();

        await expect(page.getByRole("heading", { name: "Model answer" })).toBeVisible();
        await expect(page.getByText(`My answer number ${i + 1}`)).toBeVisible();
        await expect(page.getByRole("heading", { name: "Follow-up questions an interviewer might ask" })).toBeVisible();
        const points = page.getByRole("group", { name: /Key points/ }).getByRole("checkbox");
        await points.first().check();
        await page.getByRole("button", { name: "Save and continue" }).click();
      });
    }

    await test.step("the report", async () => {
      await expect(page).toHaveURL(/\/en\/interview\/[^/]+\/report$/);
      await expect(page.getByRole("heading", { name: "Interview report" })).toBeVisible();
      await expect(page.getByText("3 of 3 questions answered")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Confidence calibration" })).toBeVisible();
      await expect(page.getByTestId("calibration-error")).toContainText(/Calibration error: \d+ points/);
      await expect(page.getByRole("heading", { name: "Time per question" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "What to review next" })).toBeVisible();

      // The stored scores are the self-assessments: one key point of n ticked → round(100/n) %.
      const items = await sql(
        `SELECT i."selfScore" AS s, i."confidence" AS c, i."durationMs" AS d FROM "InterviewItem" i JOIN "InterviewSession" s ON s."id" = i."sessionId" WHERE s."userId" = ? ORDER BY i."position"`,
        [student.id],
      );
      expect(items.map((r) => Number(r.c))).toEqual([5, 3, 1]);
      for (const r of items) {
        expect(Number(r.s)).toBeGreaterThan(0);
        expect(Number(r.s)).toBeLessThanOrEqual(0.34);
        expect(Number(r.d)).toBeGreaterThanOrEqual(0);
      }
      const mean = items.reduce((n, r) => n + Number(r.s), 0) / items.length;
      await expect(page.getByTestId("overall-score")).toHaveText(`${Math.round(mean * 100)}%`);
    });

    await test.step("past interviews list it with its score", async () => {
      await page.goto("/en/interview");
      const row = page.locator("tr[data-session]").first();
      await expect(row.getByRole("link", { name: /Open the report of/ })).toBeVisible();
      await row.getByRole("link", { name: /Open the report of/ }).click();
      await expect(page.getByRole("heading", { name: "Interview report" })).toBeVisible();
    });
  });

  test("should mix in a scenario question, graded on the server, with confidence asked before the result", async ({ page, student }) => {
    await signIn(page, student);
    await page.goto("/en/interview");
    await page.getByLabel("3 questions", { exact: true }).check();
    await page.getByLabel("All topics").uncheck();
    await page.getByLabel("Three-way handshake").check();
    await page.getByLabel(/Mix in scenario questions/).check();
    await page.getByRole("button", { name: "Start the interview" }).click();

    const answerOpen = async (n: number) => {
      await expect(page.getByText(`Question ${n} of 3`)).toBeVisible();
      await page.getByLabel("Your answer").fill("Each side's ISN must be acknowledged.");
      await page.getByLabel("4 · fairly sure").check();
      await page.getByRole("button", { name: "Submit answer" }).click();
      await page.getByRole("group", { name: /Key points/ }).getByRole("checkbox").first().check();
      await page.getByRole("button", { name: "Save and continue" }).click();
    };

    await test.step("question 1 is open", () => answerOpen(1));

    await test.step("question 2 is a scenario: answer, state confidence, then see the grade", async () => {
      await expect(page.getByText("Question 2 of 3")).toBeVisible();
      await expect(page.getByText("Scenario question")).toBeVisible();
      await expect(page.getByRole("timer", { name: "Time on this question" })).toBeVisible();
      const question = page.locator("article[data-question-attempt]");
      for (const box of await question.getByRole("textbox").all()) await box.fill("1");
      for (const flag of await question.getByRole("checkbox", { name: /: ACK$/ }).all()) await flag.check();
      await question.getByRole("button", { name: "Submit answer" }).click();
      await expect(page.getByText("Your answer has been recorded and graded.")).toBeVisible();
      await expect(page.getByText("Before you see the result: how sure are you that your answer is right?")).toBeVisible();
      await expect(page.getByText(/^Score /)).toHaveCount(0);
      await page.getByLabel("2 · unsure").check();
      await page.getByRole("button", { name: "Show my result" }).click();
      await expect(page.getByText(/Score \d+(\.\d)?%/)).toBeVisible();
      await page.getByRole("link", { name: "Next question" }).click();
    });

    await test.step("question 3 is open; the report lists the scenario with its automatic score", async () => {
      await answerOpen(3);
      await expect(page.getByRole("heading", { name: "Interview report" })).toBeVisible();
      const [item] = await sql(
        `SELECT i."autoScore" AS a, i."confidence" AS c FROM "InterviewItem" i JOIN "InterviewSession" s ON s."id" = i."sessionId" WHERE s."userId" = ? AND i."kind" = 'scenario'`,
        [student.id],
      );
      expect(Number(item!.c)).toBe(2);
      await expect(page.locator('tr[data-position="1"]')).toContainText(`${Math.round(Number(item!.a) * 100)}%`);
    });
  });

  test("should end an interview early and count the rest as skipped, in Chinese", async ({ page, student }) => {
    await signIn(page, student, "zh");
    await page.goto("/zh/interview");
    await page.getByLabel("5 道题", { exact: true }).check();
    const scenarios = page.getByLabel(/加入场景题/);
    if (await scenarios.count()) await scenarios.uncheck();
    await page.getByRole("button", { name: "开始面试" }).click();
    await expect(page.getByText("第 1 题，共 5 题")).toBeVisible();
    await page.getByRole("button", { name: "立即结束面试" }).click();
    await expect(page.getByRole("heading", { name: "面试报告" })).toBeVisible();
    await expect(page.getByText("共 5 题，已答 0 题")).toBeVisible();
    await expect(page.getByText("这次面试没有回答任何题目。")).toBeVisible();
    await expect(page.getByText("至少需要一道填写了把握程度的已答题目，才能计算校准。")).toBeVisible();
  });

  test("should not show one candidate's interview to another", async ({ page, browser, student, baseURL }) => {
    await signIn(page, student);
    await page.goto("/en/interview");
    await page.getByLabel("3 questions", { exact: true }).check();
    await page.getByRole("button", { name: "Start the interview" }).click();
    await expect(page).toHaveURL(/\/en\/interview\/[^/]+$/);
    const sessionUrl = new URL(page.url()).pathname;

    const other = await createTestUser(baseURL!, "STUDENT", "Other Olga");
    const context = await browser.newContext();
    const otherPage = await context.newPage();
    await signIn(otherPage, other);
    expect((await otherPage.goto(sessionUrl))?.status()).toBe(404);
    expect((await otherPage.goto(`${sessionUrl}/report`))?.status()).toBe(404);
    await context.close();
  });
});
