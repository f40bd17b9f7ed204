import { randomInt } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { type Actor, isAdmin, QuizError } from "./errors";
import { cleanText, isId, requireId } from "./sanitize";
import { isUniqueViolation } from "@/lib/server/prisma-errors";

/**
 * Classes and their join codes. An instructor owns classes; students join with the code.
 * Admins can manage every class.
 */

/**
 * Join-code alphabet without look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V): codes are read aloud
 * and copied from slides. 23 symbols ^ 8 ≈ 7.8·10^10 codes; guessing is further slowed by the
 * join rate limit.
 */
export const JOIN_ALPHABET = "ACDEFGHJKMNPQRTWXY34679";
export const JOIN_CODE_LENGTH = 8;

export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_ALPHABET[randomInt(0, JOIN_ALPHABET.length)];
  return code;
}

/** What a student may type: any case, spaces or dashes ("acde-fg hj"). Null if it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.normalize("NFKC").toUpperCase().replace(/[\s-]+/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_ALPHABET.includes(ch)) return null;
  return code;
}

/** Shown as ABCD-EFGH. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const classNameSchema = z.string().transform(cleanText).pipe(z.string().trim().min(1, "required").max(120, "tooLong"));

async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  // A collision is astronomically rare; retry a few times rather than check-then-insert.
  for (let i = 0; ; i += 1) {
    try {
      return await write(generateJoinCode());
    } catch (error) {
      if (!isUniqueViolation(error) || i >= 4) throw error;
    }
  }
}

export async function createClass(actor: Actor, name: string) {
  const parsed = classNameSchema.safeParse(name);
  if (!parsed.success) throw new QuizError("invalidInput");
  return withFreshCode((joinCode) => db.class.create({ data: { name: parsed.data, ownerId: actor.id, joinCode } }));
}

/** A class the actor manages (owner or admin), or notFound. */
export async function getManagedClass(actor: Actor, classId: string) {
  const cls = await db.class.findUnique({ where: { id: requireId(classId) } });
  if (!cls || (cls.ownerId !== actor.id && !isAdmin(actor))) throw new QuizError("notFound");
  return cls;
}

export async function renameClass(actor: Actor, classId: string, name: string) {
  await getManagedClass(actor, classId);
  const parsed = classNameSchema.safeParse(name);
  if (!parsed.success) throw new QuizError("invalidInput");
  return db.class.update({ where: { id: classId }, data: { name: parsed.data } });
}

export async function regenerateJoinCode(actor: Actor, classId: string) {
  await getManagedClass(actor, classId);
  return withFreshCode((joinCode) => db.class.update({ where: { id: classId }, data: { joinCode } }));
}

export async function deleteClass(actor: Actor, classId: string) {
  await getManagedClass(actor, classId);
  await db.class.delete({ where: { id: classId } });
}

export async function removeMember(actor: Actor, classId: string, userId: string) {
  await getManagedClass(actor, classId);
  await db.classMember.deleteMany({ where: { classId, userId: requireId(userId) } });
}

/** Classes the actor teaches (all classes for an admin), with counts. */
export async function listManagedClasses(actor: Actor) {
  return db.class.findMany({
    where: isAdmin(actor) ? {} : { ownerId: actor.id },
    orderBy: { createdAt: "desc" },
    include: { owner: { select: { name: true } }, _count: { select: { members: true, quizzes: true } } },
  });
}

/** Detail for the teacher: members and published quizzes. */
export async function getClassForStaff(actor: Actor, classId: string) {
  await getManagedClass(actor, classId);
  return db.class.findUniqueOrThrow({
    where: { id: classId },
    include: {
      owner: { select: { name: true, email: true } },
      members: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { joinedAt: "asc" } },
      quizzes: { include: { quiz: { select: { id: true, title: true, mode: true, closesAt: true } } }, orderBy: { publishedAt: "asc" } },
    },
  });
}

/** Joins the class with this code (idempotent). Returns the class joined. */
export async function joinClass(actor: Actor, rawCode: string) {
  const code = normalizeJoinCode(rawCode);
  if (!code) throw new QuizError("invalidJoinCode");
  const cls = await db.class.findUnique({ where: { joinCode: code } });
  if (!cls) throw new QuizError("invalidJoinCode");
  if (cls.ownerId === actor.id) throw new QuizError("ownClass");
  // One INSERT; the primary key (classId, userId) decides concurrent joins and a duplicate means
  // "already a member". Prisma's upsert is a read and a write that two parallel joins can both
  // take the write branch of (P2002), and on SQLite it ran in a transaction that timed out under
  // 12 parallel joins (P1008) — both were 500s (issue #14).
  try {
    await db.classMember.create({ data: { classId: cls.id, userId: actor.id } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return cls;
}

export async function leaveClass(actor: Actor, classId: string) {
  if (!isId(classId)) return;
  await db.classMember.deleteMany({ where: { classId, userId: actor.id } });
}

/** The classes the actor belongs to as a student. */
export async function listMyClasses(actor: Actor) {
  return db.class.findMany({
    where: { members: { some: { userId: actor.id } } },
    orderBy: { name: "asc" },
    include: { owner: { select: { name: true } }, _count: { select: { quizzes: true } } },
  });
}

/** A class as its member sees it (no join code, no member list), or notFound for non-members. */
export async function getClassForMember(actor: Actor, classId: string) {
  const cls = await db.class.findFirst({
    where: { id: requireId(classId), members: { some: { userId: actor.id } } },
    select: {
      id: true,
      name: true,
      owner: { select: { name: true } },
      quizzes: {
        orderBy: [{ dueAt: "asc" }, { publishedAt: "asc" }],
        select: { dueAt: true, quiz: { select: { id: true, title: true, mode: true, opensAt: true, closesAt: true, timeLimitMin: true, attemptLimit: true } } },
      },
    },
  });
  if (!cls) throw new QuizError("notFound");
  return cls;
}
