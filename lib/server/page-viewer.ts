import { db } from "./db";
import type { Viewer } from "./page-cache";
import { sameVersion, sessionToken } from "./session-token";
import { parseCookies } from "./static-lessons";

/**
 * Who may see a cached practice page (lib/server/page-cache.ts), decided as the page itself
 * decides it: the session cookie decodes (lib/server/session-token.ts), the session is not
 * revoked (its version is the user's current one, as getCurrentUser checks in lib/server/auth.ts),
 * and the row is the user's own practice row (getPracticeRow in lib/server/quiz/practice.ts). Every
 * role may practise (the (learn) layout's guard asks for STUDENT, the lowest). One indexed query
 * (primary key of QuestionAttempt, then of User).
 *
 * Returns "<user id> <row state>": open, or the time it was graded.
 */
export function sessionViewer(secret: string): Viewer {
  return async (cookieHeader, rowId) => {
    if (!cookieHeader) return null;
    const token = await sessionToken(parseCookies(cookieHeader), secret);
    const uid = typeof token?.uid === "string" ? token.uid : null;
    if (!uid) return null;
    const [row] = await db.$queryRaw<{ sessionVersion: number | bigint; submittedAt: Date | string | null }[]>`
      SELECT u."sessionVersion", q."submittedAt" FROM "QuestionAttempt" q JOIN "User" u ON u."id" = q."userId"
      WHERE q."id" = ${rowId} AND q."userId" = ${uid} AND q."quizAttemptId" IS NULL`;
    if (!row || !sameVersion(row, token!)) return null;
    const at = row.submittedAt === null ? "open" : new Date(row.submittedAt).getTime();
    return `${uid} ${at}`;
  };
}
