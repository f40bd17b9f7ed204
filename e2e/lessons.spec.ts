import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, signIn, sql, test } from "./fixtures";

/**
 * The course in a real browser (issue #4, "Done when"): lessons render in both languages with
 * simulator diagrams, the table of contents and previous/next work, the language switch keeps
 * the lesson, and a signed-in reader's progress is saved and shown on the (static) list.
 */

// Derived from the content, not restated: one lesson per file (content/README.md, "Adding a lesson").
const LESSON_COUNT = readdirSync(path.join(process.cwd(), "content", "lessons", "en")).filter((f) => /^\d{2}-.+\.md$/.test(f)).length;

test.describe("lessons", () => {
  test("should open an English lesson from the list, with a diagram, a working TOC and previous/next", async ({ page }) => {
    await test.step("the course list", async () => {
      await page.goto("/en/lessons");
      await expect(page.getByRole("heading", { level: 1, name: "Lessons" })).toBeVisible();
      const list = page.getByRole("list", { name: "Course lessons" });
      await expect(list.getByRole("listitem")).toHaveCount(LESSON_COUNT);
      await expect(list.getByRole("listitem").first()).toContainText("Lesson 1");
      await expect(list.getByRole("listitem").first()).toContainText(/\d+ min read/);
      await list.getByRole("link", { name: "The three-way handshake" }).click();
      await expect(page).toHaveURL(/:\d+\/en\/lessons\/three-way-handshake$/);
    });

    await test.step("title, body and a simulator diagram", async () => {
      await expect(page.getByRole("heading", { level: 1, name: "The three-way handshake" })).toBeVisible();
      await expect(page).toHaveTitle(/The three-way handshake/);
      const figure = page.locator("figure[data-preset]").first();
      const diagram = figure.getByRole("img").first();
      await diagram.scrollIntoViewIfNeeded();
      await expect(diagram).toBeVisible();
      // One sequence diagram (drawn once, not twice) beside the playback's RFC 9293 state diagram.
      await expect(figure.getByTestId("sequence-diagram")).toHaveCount(1);
      await expect(figure.locator("svg")).toHaveCount(2);
      await expect(figure.getByRole("link", { name: "Open in the playground" })).toHaveAttribute("href", /\/en\/sim\?preset=[a-z-]+$/);
      await expect(page.getByText("Common misconception")).toBeVisible();
      // Code highlighted at build time: shiki's inline token colours are in the static HTML.
      await expect(page.locator("pre.shiki span[style*='color']").first()).toBeAttached();
    });

    await test.step("the table of contents jumps to its section", async () => {
      const toc = page.getByRole("navigation", { name: "On this page" });
      await toc.getByRole("link", { name: "Why three and not two?" }).click();
      await expect(page).toHaveURL(/#why-three$/);
      await expect(page.getByRole("heading", { level: 2, name: "Why three and not two?" })).toBeInViewport();
      await toc.getByRole("link", { name: "Check yourself" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Check yourself" })).toBeInViewport();
    });

    await test.step("next and previous lesson", async () => {
      const pager = page.getByRole("navigation", { name: "Previous and next lesson" });
      await pager.getByRole("link", { name: /Next/ }).click();
      await expect(page).toHaveURL(/:\d+\/en\/lessons\/four-way-teardown$/);
      await expect(page.getByRole("heading", { level: 1, name: "The four-way teardown" })).toBeVisible();
      await page.getByRole("navigation", { name: "Previous and next lesson" }).getByRole("link", { name: /Previous/ }).click();
      await expect(page).toHaveURL(/:\d+\/en\/lessons\/three-way-handshake$/);
    });
  });

  test("should end the course at both ends: no previous on lesson 1, no next on the last lesson", async ({ page }) => {
    await page.goto("/en/lessons/tcp-segments");
    const pager = page.getByRole("navigation", { name: "Previous and next lesson" });
    await expect(pager.getByRole("link")).toHaveCount(1);
    await expect(pager.getByRole("link", { name: /Next/ })).toHaveAttribute("href", "/en/lessons/three-way-handshake");
    await page.goto("/en/lessons/diagnosing-a-live-server");
    await expect(page.getByRole("navigation", { name: "Previous and next lesson" }).getByRole("link", { name: /Previous/ })).toHaveAttribute("href", "/en/lessons/loss-and-retransmission");
    await expect(page.getByRole("navigation", { name: "Previous and next lesson" }).getByRole("link", { name: /Next/ })).toHaveCount(0);
  });

  test("should render a Chinese lesson and switch language on the same lesson", async ({ page }) => {
    await test.step("the Chinese lesson", async () => {
      await page.goto("/zh/lessons/time-wait");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByRole("heading", { level: 1, name: "TIME_WAIT" })).toBeVisible();
      await expect(page.getByText("第 4 课")).toBeVisible();
      await expect(page.getByText(/阅读约 \d+ 分钟/)).toBeVisible();
      await expect(page.getByText("常见误区").first()).toBeVisible();
      const diagram = page.locator("figure[data-preset]").first().getByRole("img").first();
      await diagram.scrollIntoViewIfNeeded();
      await expect(diagram).toBeVisible();
      await expect(page.getByRole("navigation", { name: "本页目录" })).toBeVisible();
    });

    await test.step("the TOC uses the same section ids as English", async () => {
      const toc = page.getByRole("navigation", { name: "本页目录" });
      await toc.locator('a[href="#so-reuseaddr"]').click();
      await expect(page).toHaveURL(/:\d+\/zh\/lessons\/time-wait#so-reuseaddr$/);
      await expect(page.locator("h2#so-reuseaddr")).toBeInViewport();
    });

    await test.step("switch to English and back", async () => {
      await page.getByRole("link", { name: "Switch to English" }).click();
      await expect(page).toHaveURL(/:\d+\/en\/lessons\/time-wait$/);
      await expect(page.getByRole("heading", { level: 1, name: "TIME_WAIT" })).toBeVisible();
      await expect(page.getByText("Lesson 4", { exact: true })).toBeVisible();
      await page.getByRole("link", { name: "切换到中文" }).click();
      await expect(page).toHaveURL(/:\d+\/zh\/lessons\/time-wait$/);
      await page.getByRole("navigation", { name: "上一课与下一课" }).getByRole("link", { name: /下一课/ }).click();
      await expect(page).toHaveURL(/:\d+\/zh\/lessons\/listen-backlog$/);
    });
  });

  test("should link each lesson to its practice families and flashcard topics", async ({ page }) => {
    await page.goto("/en/lessons/three-way-handshake");
    const check = page.getByRole("region", { name: "Check yourself" });
    // Front matter of content/lessons/en/02-three-way-handshake.md: check and flashcards.
    await expect(check.getByRole("link", { name: "Handshake sequence and acknowledgment numbers" })).toHaveAttribute("href", "/en/practice/handshake-numbers");
    await expect(check.getByRole("link", { name: "SYN flood and SYN cookies" })).toHaveAttribute("href", "/en/practice/syn-flood");
    await expect(check.getByRole("link", { name: "Flashcards: Three-way handshake" })).toHaveAttribute("href", "/en/flashcards?topic=handshake");
  });

  test("should answer unknown lessons with 404", async ({ page }) => {
    const response = await page.goto("/en/lessons/no-such-lesson");
    expect(response?.status()).toBe(404);
  });

  test("should ask anonymous readers to sign in, and refuse their progress requests", async ({ page, request }) => {
    await page.goto("/en/lessons/tcp-segments");
    await expect(page.getByRole("link", { name: "Sign in to track your progress" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark as complete" })).toHaveCount(0);
    await page.goto("/en/lessons");
    await expect(page.getByText(/lessons completed/)).toHaveCount(0);
    expect((await request.get("/api/progress")).status()).toBe(401);
    expect((await request.post("/api/progress", { data: { slug: "time-wait", complete: true } })).status()).toBe(401);
  });

  test("should let a signed-in student mark lessons complete and see it on the list", async ({ page, student }) => {
    await test.step("sign in from the lesson and come back to it", async () => {
      await page.goto("/en/lessons/tcp-segments");
      await page.getByRole("link", { name: "Sign in to track your progress" }).click();
      await expect(page).toHaveURL(/:\d+\/en\/signin\?callbackUrl=/);
      await page.getByLabel("Email").fill(student.email);
      await page.getByLabel("Password").fill(student.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(/:\d+\/en\/lessons\/tcp-segments$/);
    });

    await test.step("mark the lesson complete", async () => {
      await page.getByRole("button", { name: "Mark as complete" }).click();
      await expect(page.getByText("You have completed this lesson.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Mark as not complete" })).toBeVisible();
      const rows = await sql(`SELECT "lessonSlug" FROM "LessonProgress" WHERE "userId" = ?`, [student.id]);
      expect(rows.map((r) => r.lessonSlug)).toEqual(["tcp-segments"]);
    });

    await test.step("the list shows the progress, in both languages", async () => {
      await page.goto("/en/lessons");
      await expect(page.getByText(`1 of ${LESSON_COUNT} lessons completed`)).toBeVisible();
      const items = page.getByRole("list", { name: "Course lessons" }).getByRole("listitem");
      await expect(items.filter({ hasText: "TCP segments" }).getByText("Completed", { exact: true })).toBeVisible();
      await expect(items.filter({ hasText: "The three-way handshake" }).getByText("Not completed yet")).toBeVisible();
      await page.goto("/zh/lessons");
      await expect(page.getByText(`已完成 1/${LESSON_COUNT} 课`)).toBeVisible();
    });

    await test.step("a completed lesson can be marked not complete again", async () => {
      await page.goto("/zh/lessons/tcp-segments");
      await expect(page.getByText("你已完成本课。")).toBeVisible();
      await page.getByRole("button", { name: "标记为未完成" }).click();
      await expect(page.getByRole("button", { name: "标记为已完成" })).toBeVisible();
      await page.goto("/en/lessons");
      await expect(page.getByText(`0 of ${LESSON_COUNT} lessons completed`)).toBeVisible();
    });
  });

  test("should reject bad progress updates with a localized 4xx", async ({ page, student }) => {
    await signIn(page, student, "zh");
    const unknown = await page.request.post("/api/progress", { data: { slug: "no-such-lesson", complete: true }, headers: { "accept-language": "zh-CN" } });
    expect(unknown.status()).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: "invalidInput", issues: [{ path: "slug", message: "没有这节课。" }] } });
    const wrongType = await page.request.post("/api/progress", { data: "slug=time-wait", headers: { "content-type": "text/plain", "accept-language": "en" } });
    expect(wrongType.status()).toBe(415);
    expect(await sql(`SELECT "lessonSlug" FROM "LessonProgress" WHERE "userId" = ?`, [student.id])).toHaveLength(0);
  });
});

/**
 * The lesson pages are rendered by the Pages Router without any React or Next.js runtime in the
 * browser (issue #7, ≤ 120 KB of JavaScript); public/theme.js (the colour theme before the first
 * paint), public/lesson.js and public/playback.js (issue #19) are their only scripts.
 */
test.describe("lesson pages without the React runtime", () => {
  test("should load no script but /theme.js, /lesson.js and /playback.js: none from /_next, none inline", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    for (const path of ["/en/lessons/three-way-handshake", "/zh/lessons/listen-backlog"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await page.locator("script[src]").evaluateAll((els) => els.map((e) => e.getAttribute("src")))).toEqual(["/theme.js", "/lesson.js", "/playback.js"]);
      // The playback figures carry their steps as JSON data blocks, which never run.
      await expect(page.locator('script:not([src]):not([type="application/json"])')).toHaveCount(0);
    }
    await page.waitForLoadState("networkidle");
    expect([...new Set(scripts)]).toEqual(["/theme.js", "/lesson.js", "/playback.js"]);
  });

  test("should keep the page frame: skip link, landmarks and the header's Lessons item", async ({ page }) => {
    await page.goto("/en/lessons/time-wait");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toContainText("tcplab is open source");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lessons" })).toHaveAttribute("aria-current", "page");
  });

  test("should work with JavaScript disabled: content, menu, table, language switch, sign-in link", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    try {
      await test.step("the Chinese lesson, its TOC and a diagram's event table", async () => {
        await page.goto("/zh/lessons/time-wait");
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        await expect(page.getByRole("heading", { level: 1, name: "TIME_WAIT" })).toBeVisible();
        await page.getByRole("navigation", { name: "本页目录" }).locator('a[href="#so-reuseaddr"]').click();
        await expect(page.locator("h2#so-reuseaddr")).toBeInViewport();
        const figure = page.locator("figure[data-preset]").first();
        await figure.getByText("以表格形式查看事件").click();
        await expect(figure.getByRole("table")).toBeVisible();
      });

      await test.step("the small-screen menu opens without script; signed-out links show at once", async () => {
        const nav = page.getByRole("navigation", { name: "主导航" });
        await expect(nav).toBeHidden();
        await page.getByText("菜单", { exact: true }).click();
        await expect(nav.getByRole("link", { name: "课程" })).toBeVisible();
        await expect(nav.getByRole("link", { name: "教学" })).toHaveCount(0);
        await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
        await expect(page.getByRole("link", { name: "注册" })).toBeVisible();
      });

      await test.step("progress asks to sign in", async () => {
        await expect(page.getByRole("link", { name: "登录后可记录学习进度" })).toBeVisible();
        await expect(page.getByRole("button", { name: "标记为已完成" })).toHaveCount(0);
      });

      await test.step("the language switch is a link, and the proxy remembers the choice", async () => {
        await page.getByRole("link", { name: "Switch to English" }).click();
        await expect(page).toHaveURL(/:\d+\/en\/lessons\/time-wait$/);
        await expect(page.locator("html")).toHaveAttribute("lang", "en");
        expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");
        await page.getByText("Menu", { exact: true }).click();
        await page.getByRole("link", { name: "切换到中文" }).click();
        await expect(page).toHaveURL(/:\d+\/zh\/lessons\/time-wait$/);
        await page.goto("/");
        await expect(page).toHaveURL(/:\d+\/zh$/);
      });
    } finally {
      await context.close();
    }
  });

  test("should show a student's header on a lesson, and sign out there and in another tab", async ({ page, student }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await signIn(page, student);
    await page.goto("/en/lessons/socket-api");
    await expect(page.getByRole("link", { name: student.name })).toHaveAttribute("title", `Signed in as ${student.name}`);
    await expect(nav.getByRole("link", { name: "Practice" })).toHaveAttribute("href", "/en/practice");
    await expect(nav.getByRole("link", { name: "Flashcards" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Teach" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);

    const other = await page.context().newPage();
    await other.goto("/en/lessons/time-wait");
    await expect(other.getByRole("link", { name: student.name })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/en\/signin\?signedOut=1$/);
    await expect(page.getByText("You have been signed out.")).toBeVisible();
    // The other tab hears next-auth's "nextauth.message" broadcast and shows the signed-out header.
    await expect(other.getByRole("link", { name: "Sign up" })).toBeVisible();
    await expect(other.getByRole("link", { name: student.name })).toHaveCount(0);
    await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practice" })).toHaveCount(0);
    await expect(other.getByRole("link", { name: "Sign in to track your progress" })).toBeVisible();
  });

  test("should say so when progress cannot be loaded or saved, and save on a retry", async ({ page, student }) => {
    await signIn(page, student);
    await test.step("loading fails", async () => {
      await page.route("**/api/progress", (route) => route.fulfill({ status: 500, body: "{}" }));
      await page.goto("/en/lessons/listen-backlog");
      await expect(page.getByText("Your progress could not be loaded. Reload the page to try again.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Mark as complete" })).toBeDisabled();
      await page.unroute("**/api/progress");
    });
    await test.step("saving fails, then succeeds", async () => {
      await page.route("**/api/progress", (route) => (route.request().method() === "POST" ? route.fulfill({ status: 503, body: "{}" }) : route.fallback()));
      await page.reload();
      const mark = page.getByRole("button", { name: "Mark as complete" });
      await expect(mark).toBeEnabled();
      await mark.click();
      await expect(page.getByText("Your progress could not be saved. Try again.")).toBeVisible();
      await expect(mark).toBeEnabled();
      expect(await sql(`SELECT "lessonSlug" FROM "LessonProgress" WHERE "userId" = ?`, [student.id])).toHaveLength(0);
      await page.unroute("**/api/progress");
      await mark.click();
      await expect(page.getByText("You have completed this lesson.")).toBeVisible();
      await expect(page.getByText("Your progress could not be saved. Try again.")).toBeHidden();
      expect((await sql(`SELECT "lessonSlug" FROM "LessonProgress" WHERE "userId" = ?`, [student.id])).map((r) => r.lessonSlug)).toEqual(["listen-backlog"]);
    });
  });
});
