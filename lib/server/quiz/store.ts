import type { Prisma } from "@/lib/server/generated/sqlite/client";
import type { Variant } from "./variants";

/** Prisma's JSON input type; our stored shapes are plain JSON by construction. */
export function asJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** The QuestionAttempt columns of a freshly generated variant. */
/** Where a variant is asked; the practice page only ever reuses or deletes "practice" rows. */
export type VariantOrigin = "practice" | "quiz" | "interview" | "flashcard";

export function variantRow(variant: Variant, origin: VariantOrigin) {
  return {
    origin,
    source: variant.source,
    ref: variant.ref,
    topic: variant.topic,
    seed: variant.seed,
    params: asJson(variant.params),
  };
}

/**
 * Late submissions: a request that left the browser just before the deadline may arrive a few
 * seconds after it. Anything later is refused.
 */
export const GRACE_MS = 15_000;
