import { domainError } from "@/lib/core/errors";
import type { Role } from "@/lib/core/role";

/**
 * A user's mistake or a refused operation in the quiz services. `code` is a key under
 * `quiz.errors` in messages/<locale>/quiz.json; actions and route handlers translate it.
 * Anything else a service throws is a bug (→ logged 500).
 */
export const QuizError = domainError("quiz.errors", {
  notFound: 404,
  forbidden: 403,
  notOpen: 409,
  closed: 409,
  attemptLimit: 409,
  timeUp: 409,
  attemptFinished: 409,
  invalidJoinCode: 404,
  ownClass: 409,
  familyUnavailable: 409,
  invalidConfig: 400,
  invalidInput: 400,
  questionInUse: 409,
  duplicateQuestionId: 409,
  noItems: 409,
  rateLimited: 429,
});
export type QuizError = InstanceType<typeof QuizError>;
export type QuizErrorCode = QuizError["code"];

/** Who is acting: the services take it explicitly (from requireUser in actions and routes). */
export type Actor = { id: string; role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}
