import { randomUUID } from "node:crypto";
import { expect, signIn, sql, test } from "./fixtures";

test.describe("accounts", () => {
  test("should sign up, sign out and sign in again", async ({ page }) => {
    const email = `new-${randomUUID().slice(0, 10)}@example.test`;
    const password = "correct horse battery staple";
    await test.step("sign up", async () => {
      await page.goto("/en/signup");
      await page.getByLabel("Name").fill("Ada Lovelace");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/en\/dashboard$/);
      await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
      // A new learner's queue is the first day's new cards: the default limit of 20.
      await expect(page.getByText("20 cards due today.")).toBeVisible();
    });
    await test.step("sign out", async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/en\/signin/);
      await expect(page.getByText("You have been signed out.")).toBeVisible();
      await page.goto("/en/dashboard");
      await expect(page).toHaveURL(/\/en\/signin$/);
    });
    await test.step("sign in", async () => {
      await signIn(page, { email, password });
      await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
    });
  });

  test("should show a clear error for a wrong password", async ({ page, student }) => {
    await page.goto("/en/signin");
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/en\/signin/);
  });

  test("should reject a duplicate email and a weak password without creating a row", async ({ page, student }) => {
    await page.goto("/zh/signup");
    await page.getByLabel("姓名").fill("重复用户");
    await page.getByLabel("邮箱").fill(student.email);
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.getByText("密码至少 10 个字符。")).toBeVisible();
    await page.getByLabel("密码").fill("a perfectly long passphrase");
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.getByText("该邮箱已注册，请直接登录。")).toBeVisible();
    const rows = await sql(`SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?`, [student.email]);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  test("should answer malformed and oversized sign-up bodies with a localized 4xx", async ({ request }) => {
    const bad = await request.post("/api/signup", { headers: { "content-type": "application/json", "accept-language": "zh-CN" }, data: Buffer.from("{not json") });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toBe("请求体不是有效的 JSON。");
    const big = await request.post("/api/signup", { headers: { "content-type": "application/json" }, data: JSON.stringify({ name: "x".repeat(10_000) }) });
    expect(big.status()).toBe(413);
    expect((await big.json()).error.message).toMatch(/too large/);
    const weak = await request.post("/api/signup", { data: { name: "A", email: "a@example.test", password: "short" } });
    expect(weak.status()).toBe(400);
    expect((await weak.json()).error.issues).toContainEqual({ path: "password", message: "Use at least 10 characters." });
  });
});

test.describe("credentials never in a URL", () => {
  // The forms are sent by JavaScript; before React has hydrated them a click would submit the
  // plain HTML form (a GET would put the password in the address bar, history and server logs).
  test("should keep the sign-in and sign-up buttons disabled until the page is interactive, and post the plain form", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      for (const [path, button] of [
        ["/en/signin", "Sign in"],
        ["/en/signup", "Create account"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("button", { name: button, exact: true })).toBeDisabled();
        await expect(page.locator("main form")).toHaveAttribute("method", "post");
      }
    } finally {
      await context.close();
    }
  });

  test("should enable the sign-in button once the page is interactive", async ({ page }) => {
    await page.goto("/en/signin");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  });
});

test.describe("roles", () => {
  test("should give a student a 403 on instructor and admin pages", async ({ page, student }) => {
    await signIn(page, student);
    for (const path of ["/en/teach", "/en/admin"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
  });

  test("should send an anonymous visitor to sign in", async ({ page }) => {
    await page.goto("/en/teach");
    await expect(page).toHaveURL(/\/en\/signin$/);
  });

  test("should let an admin promote a student to instructor", async ({ page, admin, student }) => {
    await signIn(page, admin);
    await page.goto(`/en/admin?q=${encodeURIComponent(student.email)}`);
    await page.getByRole("button", { name: `Make instructor: ${student.email}` }).click();
    await expect(page.getByText(`${student.email} is now an instructor.`)).toBeVisible();
    const rows = await sql(`SELECT "role" FROM "User" WHERE "id" = ?`, [student.id]);
    expect(rows[0]?.role).toBe("INSTRUCTOR");
  });
});

test.describe("sessions (issue #14)", () => {
  test("should revoke the session on sign-out: the old cookie, sent again, lands on sign-in", async ({ page, browser, student }) => {
    await signIn(page, student);
    const before = await page.context().cookies();
    expect(before.some((c) => /next-auth\.session-token$/.test(c.name))).toBe(true);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/en\/signin/);
    // Another browser that kept a copy of the cookie from before the sign-out.
    const thief = await browser.newContext();
    try {
      await thief.addCookies(before);
      const other = await thief.newPage();
      await other.goto("/en/dashboard");
      await expect(other).toHaveURL(/\/en\/signin$/);
      const res = await other.request.get("/api/progress");
      expect(res.status()).toBe(401);
    } finally {
      await thief.close();
    }
  });

  test("should show the Teach link on the next request after a promotion, without signing in again", async ({ page, browser, admin, student }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await signIn(page, student);
    await page.goto("/en/lessons/tcp-segments");
    await expect(page.getByRole("link", { name: student.name })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Teach" })).toHaveCount(0);
    const adminContext = await browser.newContext();
    try {
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, admin);
      await adminPage.goto(`/en/admin?q=${encodeURIComponent(student.email)}`);
      await adminPage.getByRole("button", { name: `Make instructor: ${student.email}` }).click();
      await expect(adminPage.getByText(`${student.email} is now an instructor.`)).toBeVisible();
    } finally {
      await adminContext.close();
    }
    // The student's next request, same cookie: the menu follows the database, not the token.
    await page.reload();
    await expect(nav.getByRole("link", { name: "Teach" })).toHaveAttribute("href", "/en/teach");
    const teach = await page.goto("/en/teach");
    expect(teach?.status()).toBe(200);
  });
});

test.describe("header", () => {
  // The header is the same on static pages (lessons) and per-request pages: the browser asks
  // /api/auth/session who is signed in (components/auth/session.ts).
  test("should show who is signed in and their role's pages, on static pages too, and sign out from there", async ({ page, instructor }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await test.step("anonymous on a static lesson", async () => {
      await page.goto("/en/lessons/tcp-segments");
      await expect(page.getByRole("link", { name: "Sign up" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Lessons" })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Teach" })).toHaveCount(0);
    });
    await test.step("signed in: the header learns it without a reload", async () => {
      await signIn(page, instructor);
      await expect(page.getByRole("link", { name: instructor.name })).toHaveAttribute("href", "/en/dashboard");
      await expect(nav.getByRole("link", { name: "Teach" })).toHaveAttribute("href", "/en/teach");
      await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    });
    await test.step("the Chinese static lesson", async () => {
      await page.goto("/zh/lessons/tcp-segments");
      await expect(page.getByRole("link", { name: instructor.name })).toHaveAttribute("title", `已登录：${instructor.name}`);
      await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "教学" })).toBeVisible();
      await expect(page.getByRole("link", { name: "登录", exact: true })).toHaveCount(0);
    });
    await test.step("sign out from the lesson", async () => {
      await page.getByRole("button", { name: "退出登录" }).click();
      await expect(page).toHaveURL(/\/zh\/signin\?signedOut=1$/);
      await expect(page.getByText("你已退出登录。")).toBeVisible();
      await page.goto("/zh/lessons/tcp-segments");
      await expect(page.getByRole("link", { name: "注册" })).toBeVisible();
    });
  });
});

test.describe("language", () => {
  test("should switch the UI language and remember it", async ({ page }) => {
    await page.goto("/en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Understand TCP connections the way the kernel does");
    await page.getByRole("link", { name: "切换到中文" }).click();
    await expect(page).toHaveURL(/\/zh$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("像内核一样理解 TCP 连接");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto("/");
    await expect(page).toHaveURL(/\/zh$/);
  });

  test("should pick the language from Accept-Language on a first visit", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "zh-CN", baseURL });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/zh$/);
    await context.close();
  });
});
