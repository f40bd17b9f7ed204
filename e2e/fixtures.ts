import { randomUUID } from "node:crypto";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { test as base, expect, request as playwrightRequest, type Page } from "@playwright/test";
import { query } from "../bench/lib/databases";

export type Role = "STUDENT" | "INSTRUCTOR" | "ADMIN";
export type TestUser = { id: string; email: string; name: string; password: string; role: Role };

/**
 * Runs one SQL statement against the e2e database (the server reads the same file), written with
 * `?` placeholders; bench/lib/databases.ts `query` runs it on either kind of database.
 */
export async function sql(statement: string, args: (string | number | null)[] = []): Promise<Record<string, unknown>[]> {
  let n = 0;
  return query(process.env.DATABASE_URL!, statement.replace(/\?/g, () => `$${++n}`), args);
}

/**
 * Creates a fresh user through the public sign-up API, then sets the role in the database, so
 * every test starts from its own account (the cal.com / documenso pattern).
 */
export async function createTestUser(baseURL: string, role: Role = "STUDENT", name = "E2E User"): Promise<TestUser> {
  const email = `e2e-${randomUUID().slice(0, 12)}@example.test`;
  const password = `pw-${randomUUID()}`;
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post("/api/signup", { data: { name, email, password } });
  expect(res.status(), await res.text()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string } };
  await api.dispose();
  if (role !== "STUDENT") await sql(`UPDATE "User" SET "role" = ? WHERE "id" = ?`, [role, user.id]);
  return { id: user.id, email, name, password, role };
}

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">, locale: "en" | "zh" = "en"): Promise<void> {
  await page.goto(`/${locale}/signin`);
  await page.getByLabel(locale === "en" ? "Email" : "邮箱").fill(user.email);
  await page.getByLabel(locale === "en" ? "Password" : "密码").fill(user.password);
  await page.getByRole("button", { name: locale === "en" ? "Sign in" : "登录", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/dashboard`));
}

/** A test's own timeout, stretched like the configured ones by the machine's load (playwright.config.ts). */
export const scaled = (ms: number): number => Math.round(ms * Number(process.env.E2E_SLOWDOWN ?? 1));

type Fixtures = { student: TestUser; instructor: TestUser; admin: TestUser; serverLog: void };

/** How much of the web server's log (playwright.config.ts SERVER_LOG) exists now. */
const logSize = (file: string | undefined): number => (file && existsSync(file) ? statSync(file).size : 0);

export const test = base.extend<Fixtures>({
  // For every test: when it fails, what the server printed while it ran (a 500's stack, a crash)
  // is attached to the report and printed with the failure, so a CI log explains itself. Other
  // tests run at the same time, so the excerpt may hold their lines too.
  serverLog: [
    async ({}, use, testInfo) => {
      const file = process.env.E2E_SERVER_LOG;
      const from = logSize(file);
      await use();
      if (!file || testInfo.status === testInfo.expectedStatus) return;
      const to = logSize(file);
      if (to <= from) return;
      const fd = openSync(file, "r");
      const buffer = Buffer.alloc(Math.min(to - from, 200_000));
      readSync(fd, buffer, 0, buffer.length, to - buffer.length);
      closeSync(fd);
      await testInfo.attach("server-log", { body: buffer, contentType: "text/plain" });
      console.error(`--- server log while "${testInfo.title}" ran ---\n${buffer.toString()}--- end of server log ---`);
    },
    { auto: true },
  ],
  student: async ({ baseURL }, use) => use(await createTestUser(baseURL!, "STUDENT", "Student Sam")),
  instructor: async ({ baseURL }, use) => use(await createTestUser(baseURL!, "INSTRUCTOR", "Instructor Ida")),
  admin: async ({ baseURL }, use) => use(await createTestUser(baseURL!, "ADMIN", "Admin Ada")),
});

export { expect };
