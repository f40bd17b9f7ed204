/**
 * The server-action wrapper (lib/server/action.ts, issue #13) against real malformed calls: a
 * server action is a public endpoint that anyone can POST any arguments. Each refusal must be a
 * 4xx-class state with a message in the caller's language, and nothing may be written (checked
 * in the database). Sessions and request headers as in tests/security/harness.ts.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { setRoleAction } from "@/lib/server/actions/admin";
import { joinClassAction, leaveClassAction } from "@/lib/server/actions/quiz";
import { createClassAction, renameClassAction } from "@/lib/server/actions/quiz-teach";
import { saveSettingsAction } from "@/lib/server/actions/flashcards";
import { db } from "@/lib/server/db";
import { createClass } from "@/lib/server/quiz/classes";
import { callAction, setRequestHeaders, setSessionUser, type TestUser } from "../security/harness";
import { dbKind, makeUser } from "./helpers";

vi.mock("next/headers", async (importOriginal) => (await import("../security/harness")).nextHeadersMock(importOriginal));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", async () => (await import("../security/harness")).nextIntlServerMock());
vi.mock("@/i18n/navigation", async () => (await import("../security/harness")).navigationMock());

const as = async (role: "STUDENT" | "INSTRUCTOR" | "ADMIN"): Promise<TestUser> => {
  const u = await makeUser(role);
  const user = { id: u.id, email: u.email, name: u.name, role };
  setSessionUser(user);
  return user;
};
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const empty = { ok: false, message: "" };

afterEach(() => {
  setSessionUser(null);
  setRequestHeaders(null);
});

describe(`defineAction refusals on ${dbKind()}`, () => {
  it("should answer null or a string instead of FormData with 400 and write nothing", async () => {
    await as("ADMIN");
    const target = await makeUser("STUDENT");
    for (const bad of [null, "userId=x&role=INSTRUCTOR", { userId: target.id, role: "INSTRUCTOR" }, 42]) {
      const state = await setRoleAction("en", empty, bad as unknown as FormData);
      expect(state).toMatchObject({ ok: false, status: 400, message: "The request is invalid." });
    }
    expect((await db.user.findUnique({ where: { id: target.id } }))?.role).toBe("STUDENT");
  });

  it("should answer an invalid payload with 400 in the caller's language and write nothing", async () => {
    await as("ADMIN");
    const target = await makeUser("STUDENT");
    const zh = await setRoleAction("zh", empty, form({ userId: target.id, role: "ADMIN" }));
    expect(zh).toMatchObject({ ok: false, status: 400, message: "请求无效。" });
    expect((await db.user.findUnique({ where: { id: target.id } }))?.role).toBe("STUDENT");
    const settings = await saveSettingsAction("en", empty, form({ desiredRetention: "2", newPerDay: "-1", reviewsPerDay: "x" }));
    expect(settings.ok).toBe(false);
    expect(settings.status).toBe(400);
  });

  it("should refuse a request from another site with 403, before anything runs", async () => {
    const admin = await as("ADMIN");
    const target = await makeUser("STUDENT");
    setRequestHeaders({ host: "tcplab.example", origin: "https://evil.example" });
    expect(await setRoleAction("en", empty, form({ userId: target.id, role: "INSTRUCTOR" }))).toMatchObject({ ok: false, status: 403, message: "This request was not sent from this site." });
    expect(await setRoleAction("zh", empty, form({ userId: target.id, role: "INSTRUCTOR" }))).toMatchObject({ ok: false, status: 403, message: "此请求并非从本站发出。" });
    setRequestHeaders({ host: "tcplab.example", origin: "null" });
    expect((await setRoleAction("en", empty, form({ userId: target.id, role: "INSTRUCTOR" }))).status).toBe(403);
    expect((await db.user.findUnique({ where: { id: target.id } }))?.role).toBe("STUDENT");
    // The same call from the site itself goes through.
    setRequestHeaders({ host: "tcplab.example", origin: "https://tcplab.example" });
    expect(await setRoleAction("en", empty, form({ userId: target.id, role: "INSTRUCTOR" }))).toMatchObject({ ok: true });
    expect((await db.user.findUnique({ where: { id: target.id } }))?.role).toBe("INSTRUCTOR");
    expect(admin.role).toBe("ADMIN");
  });

  it("should refuse an oversize body with 413 (declared or counted) and write nothing", async () => {
    const teacher = await as("INSTRUCTOR");
    const before = await db.class.count({ where: { ownerId: teacher.id } });
    setRequestHeaders({ host: "localhost", "content-length": String(50 * 1024 * 1024) });
    const declared = await createClassAction("en", empty, form({ name: "Declared too large" }));
    expect(declared).toMatchObject({ ok: false, status: 413 });
    expect(declared.message).toMatch(/too large/);
    setRequestHeaders(null);
    const counted = await createClassAction("zh", empty, form({ name: "x".repeat(300 * 1024) }));
    expect(counted).toMatchObject({ ok: false, status: 413 });
    expect(counted.message).toMatch(/请求体过大/);
    expect(await db.class.count({ where: { ownerId: teacher.id } })).toBe(before);
  });

  it("should answer a signed-out or under-ranked caller with 401/403 and write nothing", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const cls = await createClass({ id: owner.id, role: "INSTRUCTOR" }, "Original name");
    setSessionUser(null);
    expect(await renameClassAction("en", cls.id, empty, form({ name: "Anonymous" }))).toMatchObject({ ok: false, status: 401, message: "Sign in first." });
    await as("STUDENT");
    expect(await renameClassAction("zh", cls.id, empty, form({ name: "Student" }))).toMatchObject({ ok: false, status: 403, message: "你的账户无权执行此操作。" });
    expect((await db.class.findUnique({ where: { id: cls.id } }))?.name).toBe("Original name");
  });

  it("should turn a service's DomainError into its status and localized message", async () => {
    await as("STUDENT");
    expect(await joinClassAction("en", empty, form({ code: "NOPE-NOPE" }))).toMatchObject({ ok: false, status: 404 });
    const zh = await joinClassAction("zh", empty, form({ code: "NOPE-NOPE" }));
    expect(zh.status).toBe(404);
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    // A forged bound id names no row: the service's notFound, not a crash.
    const outcome = await callAction(() => leaveClassAction("en", "../../etc/passwd"));
    expect(["state", "redirect"]).toContain(outcome.kind);
  });
});
