/**
 * The session cookie as getCurrentUser reads it (lib/server/auth.ts): a token next-auth's own
 * `encode` issued is accepted; one encrypted with another secret, an expired one, a garbled one
 * or a deleted user's is anonymous; a role change in the database wins over the role in the token.
 * Only Next's request cookie jar is faked (no request context outside a Next server).
 */
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { authOptions, getCurrentUser } from "@/lib/server/auth";
import { db, type Role } from "@/lib/server/db";
import { revokeSessions, setUserRole, upsertUser } from "@/lib/server/users";
import { dbKind, makeUser } from "./helpers";

const jar = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  cookies: async () => ({ getAll: () => jar.cookies }),
}));

const COOKIE = "next-auth.session-token";

async function tokenFor(user: { id: string; role: Role }, options: { secret?: string; maxAge?: number; sv?: number } = {}) {
  return encode({ token: { sub: user.id, uid: user.id, role: user.role, ...(options.sv !== undefined ? { sv: options.sv } : {}) }, secret: options.secret ?? authOptions.secret!, ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}) });
}

describe(`session cookie on ${dbKind()}`, () => {
  it("should read the user from a token next-auth issued, and nobody without a cookie", async () => {
    const user = await makeUser();
    jar.cookies = [{ name: COOKIE, value: await tokenFor(user) }];
    expect(await getCurrentUser()).toMatchObject({ id: user.id, email: user.email, role: "STUDENT" });
    jar.cookies = [];
    expect(await getCurrentUser()).toBeNull();
  });

  it("should treat a token from another secret, an expired token or garbage as anonymous", async () => {
    const user = await makeUser();
    for (const value of [
      await tokenFor(user, { secret: "another-secret-another-secret-another-secret" }),
      // maxAge -60: expired a minute ago, beyond the 15 s clock tolerance.
      await tokenFor(user, { maxAge: -60 }),
      "not-a-jwe",
    ]) {
      jar.cookies = [{ name: COOKIE, value }];
      expect(await getCurrentUser()).toBeNull();
    }
  });

  it("should follow the database, not the token: a promotion shows at once, a deleted user is anonymous", async () => {
    const user = await makeUser();
    jar.cookies = [{ name: COOKIE, value: await tokenFor(user) }];
    await db.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR" } });
    expect((await getCurrentUser())?.role).toBe("INSTRUCTOR");
    await db.user.delete({ where: { id: user.id } });
    expect(await getCurrentUser()).toBeNull();
  });

  it("should end every session at once on sign-out, and accept a new sign-in's token (issue #14)", async () => {
    const user = await makeUser();
    const tabA = await tokenFor(user, { sv: 0 });
    const tabB = await tokenFor(user); // issued before versions existed: version 0
    jar.cookies = [{ name: COOKIE, value: tabA }];
    expect((await getCurrentUser())?.id).toBe(user.id);
    // next-auth calls events.signOut with the decoded token of the browser signing out.
    await authOptions.events!.signOut!({ token: { uid: user.id, sv: 0 }, session: undefined as never });
    for (const value of [tabA, tabB]) {
      jar.cookies = [{ name: COOKIE, value }];
      expect(await getCurrentUser()).toBeNull();
    }
    jar.cookies = [{ name: COOKIE, value: await tokenFor(user, { sv: 1 }) }];
    expect((await getCurrentUser())?.id).toBe(user.id);
  });

  it("should end the sessions on a password change and on a demotion, not on a promotion", async () => {
    const user = await makeUser("INSTRUCTOR");
    jar.cookies = [{ name: COOKIE, value: await tokenFor(user, { sv: 0 }) }];
    await setUserRole(user.id, "ADMIN");
    expect((await getCurrentUser())?.role).toBe("ADMIN");
    await setUserRole(user.id, "STUDENT");
    expect(await getCurrentUser()).toBeNull();
    jar.cookies = [{ name: COOKIE, value: await tokenFor(user, { sv: 1 }) }];
    expect((await getCurrentUser())?.role).toBe("STUDENT");
    await upsertUser({ email: user.email, name: user.name, password: "a brand new password", role: "STUDENT" });
    expect(await getCurrentUser()).toBeNull();
  });

  it("should refresh the role and refuse a revoked token in the session endpoint's jwt callback", async () => {
    const user = await makeUser();
    const jwt = authOptions.callbacks!.jwt!;
    const token = { uid: user.id, role: "STUDENT" as Role, sv: 0 };
    await db.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR" } });
    expect((await jwt({ token } as never)).role).toBe("INSTRUCTOR");
    await revokeSessions(user.id);
    await expect(jwt({ token } as never)).rejects.toThrow("sessionRevoked");
  });
});
