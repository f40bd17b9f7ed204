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

/** Creates or updates a user with the given role and password (seed and first-admin commands). */
export async function upsertUser(input: { name: string; email: string; password: string; role: Role }) {
  const passwordHash = await hashPassword(input.password);
  return db.user.upsert({
    where: { email: input.email },
    update: { role: input.role, passwordHash, name: input.name },
    create: { email: input.email, name: input.name, role: input.role, passwordHash },
    select: { id: true, email: true, role: true },
  });
}
