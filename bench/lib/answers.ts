import type { StoredParams } from "@/lib/server/quiz/types";
import { correctRawAnswer } from "@/lib/server/quiz/variants";

/**
 * Browser-shaped ("raw") answers that parse, for load and fault runs and access tests: each one
 * is graded (never a format error, so never a 422).
 */

/**
 * A raw answer for stored params: the question family's own answer for the stored seed
 * (lib/server/quiz/variants.ts correctRawAnswer). Null when the family is unknown.
 */
export function rawAnswerFor(params: StoredParams, seed: number): Record<string, unknown> | null {
  try {
    return correctRawAnswer(params, seed);
  } catch {
    return null;
  }
}
