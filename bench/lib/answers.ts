import type { AuthoredQuestion } from "@/lib/content/questions";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { AUTHORED_INPUT } from "@/lib/server/quiz/prompt";
import type { StoredParams } from "@/lib/server/quiz/types";

/**
 * Browser-shaped ("raw") answers that parse, for load and fault runs and access tests: each one
 * is graded (never a format error, so never a 422).
 */

/** The correct raw answer of an authored/bank question, from its own answer key. */
export function authoredRaw(q: AuthoredQuestion): Record<string, unknown> {
  switch (q.kind) {
    case "single":
    case "multiple":
    case "ordering":
      return { [AUTHORED_INPUT]: q.answer };
    case "numeric":
      return { [AUTHORED_INPUT]: q.answer.value };
    case "text":
      return { [AUTHORED_INPUT]: q.answer.accept.en[0] };
  }
}

/**
 * A raw answer for stored params: the family's own answer, which its self-test guarantees parses
 * as a raw answer (lib/server/quiz/families.ts selfTestFamily). Null when the family is unknown.
 */
export function rawAnswerFor(params: StoredParams, seed: number): Record<string, unknown> | null {
  if (params.kind === "authored") return authoredRaw(params.question);
  const family = getScenarioFamily(params.family);
  if (!family) return null;
  const g = family.generate(seed, params.config ?? undefined);
  return JSON.parse(JSON.stringify(g.answer)) as Record<string, unknown>;
}
