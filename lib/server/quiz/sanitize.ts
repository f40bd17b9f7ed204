import { QuizError } from "./errors";
import { isId } from "../sanitize";

export { cleanDeep, cleanText, isId } from "../sanitize";

/** An id from a URL, form or body; anything else is "not found" (it cannot name a row). */
export function requireId(value: unknown): string {
  if (!isId(value)) throw new QuizError("notFound");
  return value;
}
