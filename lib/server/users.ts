import { db, type Role } from "./db";
import { hashPassword } from "./password";
import { isUniqueViolation } from "./prisma-errors";

export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
  }
}

/**
 * Creates a user; the unique index on email decides races between two sign-ups (P2002), so a
 * duplicate can never be half-created.
 */
/** The admin page's user list: newest first, at most 100, optionally matching `q` in email or name. */
export async function searchUsers(q: string) {
  return db.user.findMany({
    where: q ? { OR: [{ email: { contains: q.toLowerCase() } }, { name: { contains: q } }] } : undefined,
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, name: true, email: true, role: true, createdAt: true },
  });
}

export async function createUser(input: { name: string; email: string; password: string; role?: Role; locale?: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: input.role ?? "STUDENT", locale: input.locale ?? "en" },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/**
 * Creates or updates a user with the given role and password (seed and first-admin commands).
 * Setting the password again ends the user's sessions everywhere (a password change is how an
 * operator throws out whoever had the old one).
 */
export async function upsertUser(input: { name: string; email: string; password: string; role: Role }) {
  const passwordHash = await hashPassword(input.password);
  return db.user.upsert({
    where: { email: input.email },
    update: { role: input.role, passwordHash, name: input.name, sessionVersion: { increment: 1 } },
    create: { email: input.email, name: input.name, role: input.role, passwordHash },
    select: { id: true, email: true, role: true },
  });
}

/**
 * Ends every session of the user at once, on every server: each session token carries the
 * sessionVersion it was issued with and lib/server/auth.ts refuses one that no longer matches.
 * Called on sign-out, a password change and a demotion (issue #14).
 */
export async function revokeSessions(userId: string): Promise<void> {
  await db.$executeRaw`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = ${userId}`;
}

const roleRank: Record<Role, number> = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 };

/**
 * Changes a user's role. A promotion shows on the user's next request (the session is re-read
 * from the database each time); a demotion also ends the user's sessions, so nothing they opened
 * with the higher role goes on.
 */
export async function setUserRole(userId: string, role: Role): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!before) return;
    const demoted = roleRank[role] < roleRank[before.role];
    await tx.user.update({ where: { id: userId }, data: { role, ...(demoted ? { sessionVersion: { increment: 1 } } : {}) } });
  });
}
