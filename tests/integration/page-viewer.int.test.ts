/**
 * Who may be served a cached practice page (lib/server/page-viewer.ts, in front of Next in
 * scripts/serve.ts): the owner of the row with a live session, and nobody else. Real tokens from
 * next-auth's own `encode`, real rows, both databases.
 */
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { sessionViewer } from "@/lib/server/page-viewer";
import { openPracticeVariant } from "@/lib/server/quiz/practice";
import { revokeSessions } from "@/lib/server/users";
import { dbKind, makeUser } from "./helpers";

const SECRET = "page-viewer-secret-page-viewer-secret-0123";
const viewer = sessionViewer(SECRET);
const cookieOf = async (uid: string, sv = 0, secret = SECRET) => `NEXT_LOCALE=en; next-auth.session-token=${await encode({ token: { sub: uid, uid, sv }, secret })}`;

describe(`practice page viewer on ${dbKind()}`, () => {
  it("gives the owner's id and the row's state, which changes when the row is graded", async () => {
    const user = await makeUser();
    const id = await openPracticeVariant(user, { kind: "topic", topic: "handshake" });
    const cookie = await cookieOf(user.id);
    expect(await viewer(cookie, id)).toBe(`${user.id} open`);
    const at = new Date("2026-12-06T12:00:00.000Z");
    await db.questionAttempt.update({ where: { id }, data: { submittedAt: at, score: 1 } });
    expect(await viewer(cookie, id)).toBe(`${user.id} ${at.getTime()}`);
  });

  it("refuses another user's row, a missing row, no cookie, a garbled or foreign token", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await openPracticeVariant(owner, { kind: "topic", topic: "handshake" });
    expect(await viewer(await cookieOf(other.id), id)).toBeNull();
    expect(await viewer(await cookieOf(owner.id), "cmnotarowatallxxxxxxxxxx")).toBeNull();
    expect(await viewer(undefined, id)).toBeNull();
    expect(await viewer("next-auth.session-token=not-a-jwe", id)).toBeNull();
    expect(await viewer(await cookieOf(owner.id, 0, "another-secret-another-secret-another-secret"), id)).toBeNull();
  });

  it("refuses a session ended by sign-out, and accepts the next sign-in's token (issue #14)", async () => {
    const user = await makeUser();
    const id = await openPracticeVariant(user, { kind: "topic", topic: "handshake" });
    const before = await cookieOf(user.id, 0);
    expect(await viewer(before, id)).not.toBeNull();
    await revokeSessions(user.id);
    expect(await viewer(before, id)).toBeNull();
    expect(await viewer(await cookieOf(user.id, 1), id)).toBe(`${user.id} open`);
  });

  it("refuses a deleted user's cookie", async () => {
    const user = await makeUser();
    const id = await openPracticeVariant(user, { kind: "topic", topic: "handshake" });
    const cookie = await cookieOf(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await viewer(cookie, id)).toBeNull();
  });
});
