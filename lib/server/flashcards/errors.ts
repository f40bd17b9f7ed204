import { domainError } from "@/lib/core/errors";

/**
 * A learner's mistake or a refused operation in the flashcard services. `code` is a key under
 * `flashcards.errors` in messages/<locale>/flashcards.json; route handlers and actions translate
 * it. Anything else a service throws is a bug (→ logged 500).
 */
export const FlashcardError = domainError("flashcards.errors", {
  notFound: 404,
  invalidInput: 400,
  /** A scenario card is rated only after its fresh variant has been answered and graded. */
  answerFirst: 409,
  /** The card was reviewed by another request (second tab) in the meantime. */
  conflict: 409,
  tooManyCards: 409,
  importInvalid: 422,
  familyUnavailable: 409,
  rateLimited: 429,
});
export type FlashcardError = InstanceType<typeof FlashcardError>;
export type FlashcardErrorCode = FlashcardError["code"];

export { isUniqueViolation } from "@/lib/server/prisma-errors";
