import { domainError } from "@/lib/core/errors";
import type { Role } from "@/lib/core/role";

/**
 * A user's mistake or a refused operation in the quiz services. `code` is a key under
 * `quiz.errors` in messages/<locale>/quiz.json; actions and route handlers translate it.
 * Anything else a service throws is a bug (→ logged 500).
 */
export const QuizError = domainError("quiz.errors", {
  400: ["invalidConfig", "invalidInput"],
  403: ["forbidden"],
  404: ["notFound", "invalidJoinCode"],
  409: ["notOpen", "closed", "attemptLimit", "timeUp", "attemptFinished", "ownClass", "familyUnavailable", "questionInUse", "duplicateQuestionId", "noItems"],
  429: ["rateLimited"],
});
export type QuizError = InstanceType<typeof QuizError>;
export type QuizErrorCode = QuizError["code"];

/** Who is acting: the services take it explicitly (from requireUser in actions and routes). */
export type Actor = { id: string; role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}
