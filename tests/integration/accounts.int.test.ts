import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/server/credentials";
import { db } from "@/lib/server/db";
import { createUser, EmailTakenError } from "@/lib/server/users";
import { dbKind, makeUser } from "./helpers";

describe(`accounts on ${dbKind()}`, () => {
  it("should store an argon2id hash, never the password", async () => {
    const user = await makeUser();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain(user.password);
  });

  it("should refuse a duplicate email and leave exactly one row", async () => {
    const user = await makeUser();
    await expect(createUser({ name: "Again", email: user.email, password: "another long password" })).rejects.toBeInstanceOf(EmailTakenError);
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
  });

  it("should decide a duplicate sign-up race with one winner", async () => {
    const email = `race-${Date.now()}@example.test`;
    const results = await Promise.allSettled([1, 2, 3].map((i) => createUser({ name: `R${i}`, email, password: "a long enough password" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof EmailTakenError)).toBe(true);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("should accept the right password and reject a wrong one", async () => {
    const user = await makeUser("INSTRUCTOR");
    const ok = await verifyCredentials({ email: user.email.toUpperCase(), password: user.password }, "10.1.0.1");
    expect(ok).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "INSTRUCTOR", sessionVersion: 0 } });
    expect(await verifyCredentials({ email: user.email, password: "wrong password" }, "10.1.0.1")).toEqual({ ok: false, code: "invalidCredentials" });
    expect(await verifyCredentials({ email: "nobody@example.test", password: "whatever" }, "10.1.0.1")).toEqual({ ok: false, code: "invalidCredentials" });
    expect(await verifyCredentials({ email: "not an email", password: "x" }, "10.1.0.1")).toEqual({ ok: false, code: "invalidInput" });
  });

  it("should rate-limit sign-in attempts per account", async () => {
    const user = await makeUser();
    const limit = Number(process.env.AUTH_RATE_LIMIT_PER_ACCOUNT ?? 10);
    const codes: string[] = [];
    for (let i = 0; i < limit + 2; i++) {
      // A different IP each time, so only the per-account limit can trigger.
      const r = await verifyCredentials({ email: user.email, password: "wrong password" }, `10.2.${i}.1`);
      codes.push(r.ok ? "ok" : r.code);
    }
    expect(codes.slice(0, limit).every((c) => c === "invalidCredentials")).toBe(true);
    expect(codes.slice(limit)).toEqual(["rateLimited", "rateLimited"]);
    // Even the right password is refused while the account is locked …
    expect(await verifyCredentials({ email: user.email, password: user.password }, "10.3.0.1")).toEqual({ ok: false, code: "rateLimited" });
    // … but only for AUTH_LOCKOUT_SECONDS (issue #14: no long denial that anyone can trigger):
    // after that short wait the right password signs in, and the success clears the count.
    const lockout = Number(process.env.AUTH_LOCKOUT_SECONDS ?? 60);
    await new Promise((r) => setTimeout(r, lockout * 1000 + 300));
    expect((await verifyCredentials({ email: user.email, password: user.password }, "10.3.0.1")).ok).toBe(true);
    for (let i = 0; i < limit - 1; i++) {
      expect(await verifyCredentials({ email: user.email, password: "wrong password" }, "10.3.0.1")).toEqual({ ok: false, code: "invalidCredentials" });
    }
    expect((await verifyCredentials({ email: user.email, password: user.password }, "10.3.0.1")).ok).toBe(true);
  });

  it("should let a whole class sign in from one address at once", async () => {
    // 12 students behind one NAT: the per-address budget is per attempt, far above one class.
    const students = await Promise.all(Array.from({ length: 12 }, () => makeUser()));
    const results = await Promise.all(students.map((s) => verifyCredentials({ email: s.email, password: s.password }, "10.77.0.1")));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("should rate-limit sign-in attempts per IP across accounts", async () => {
    const limit = Number(process.env.AUTH_RATE_LIMIT_PER_IP ?? 50);
    let limited = 0;
    for (let i = 0; i < limit + 3; i++) {
      const r = await verifyCredentials({ email: `ip-${i}@example.test`, password: "wrong password" }, "10.9.9.9");
      if (!r.ok && r.code === "rateLimited") limited++;
    }
    expect(limited).toBe(3);
  });
});
