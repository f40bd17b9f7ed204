/**
 * A learner's mistake or a refused operation in the flashcard services. `code` is a key under
 * `flashcards.errors` in messages/<locale>/flashcards.json; route handlers and actions translate
 * it. Anything else a service throws is a bug (→ logged 500).
 */
export const FLASHCARD_ERROR_STATUS = {
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
} as const;

export type FlashcardErrorCode = keyof typeof FLASHCARD_ERROR_STATUS;

export class FlashcardError extends Error {
  constructor(
    readonly code: FlashcardErrorCode,
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
  }

  get status(): number {
    return FLASHCARD_ERROR_STATUS[this.code];
  }
}

export { isUniqueViolation } from "@/lib/server/prisma-errors";
