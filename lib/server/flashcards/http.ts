import type { Locale } from "@/lib/content/topics";
import { translator } from "@/lib/server/http";
import type { FlashcardError } from "./errors";

/** The localized message of a FlashcardError (`flashcards.errors.<code>`). */
export function flashcardErrorMessage(locale: Locale, error: FlashcardError): string {
  return translator(locale, "flashcards.errors")(error.code, error.values);
}

/** A FlashcardError as the JSON error body every route handler uses (`{ error: { code, message } }`). */
export function flashcardErrorResponse(locale: Locale, error: FlashcardError): Response {
  return Response.json({ error: { code: error.code, message: flashcardErrorMessage(locale, error) } }, { status: error.status });
}
