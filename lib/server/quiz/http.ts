import type { Locale } from "@/lib/content/topics";
import { translator } from "@/lib/server/http";
import type { QuizError } from "./errors";

/** A QuizError as the JSON error body every route handler uses (`{ error: { code, message } }`). */
export function quizErrorResponse(locale: Locale, error: QuizError): Response {
  const message = translator(locale, "quiz.errors")(error.code, error.values);
  return Response.json({ error: { code: error.code, message } }, { status: error.status });
}

/** The localized message of a QuizError, for server actions. */
export function quizErrorMessage(locale: Locale, error: QuizError): string {
  return translator(locale, "quiz.errors")(error.code, error.values);
}
