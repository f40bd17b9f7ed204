import { z } from "zod";

/**
 * The zod schema of a `Localized` value (lib/core/locale.ts): `inner` for each language (default: a non-empty,
 * trimmed string — a text in one language only is unfinished content).
 */
export function localizedSchema<S extends z.ZodType = z.ZodString>(inner?: S) {
  const value = (inner ?? z.string().trim().min(1)) as S;
  return z.object({ en: value, zh: value });
}
