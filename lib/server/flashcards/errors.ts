import { domainError } from "@/lib/core/errors";

/**
 * A learner's mistake or a refused operation in the flashcard services. `code` is a key under
 * `flashcards.errors` in messages/<locale>/flashcards.json; route handlers and actions translate
 * it. Anything else a service throws is a bug (→ logged 500).
 */
export const FlashcardError = domainError("flashcards.errors", {
  400: ["invalidInput"],
  404: ["notFound"],
  409: [
    // A scenario card is rated only after its fresh variant has been answered and graded.
    "answerFirst",
    // The card was reviewed by another request (second tab) in the meantime.
    "conflict",
    "tooManyCards",
    "familyUnavailable",
  ],
  422: ["importInvalid"],
  429: ["rateLimited"],
});
export type FlashcardError = InstanceType<typeof FlashcardError>;
export type FlashcardErrorCode = FlashcardError["code"];

export { isUniqueViolation } from "@/lib/server/prisma-errors";
