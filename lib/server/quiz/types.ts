import { z } from "zod";
import type { AuthoredQuestion } from "@/lib/content/questions";
import { localizedSchema, type Localized } from "@/lib/core";
import { FAMILY_IDS, type FamilyConfig, type FamilyId, type Prompt } from "@/lib/scenarios/types";
import type { Facets } from "@/lib/scenarios/facets";
import type { Scenario } from "@/lib/tcp";

/**
 * The shapes the quiz services store in JSON columns and pass between layers. One question
 * interface covers the three sources of a quiz item (schema.prisma `QuizItem.source`):
 * a built-in bank question, an instructor's authored question, or a scenario family.
 */

export const SOURCES = ["bank", "authored", "family"] as const;
export type Source = (typeof SOURCES)[number];
export const familyIdSchema = z.enum(FAMILY_IDS);

/** What a quiz item (or a practice pick) asks for; a variant is generated from it with a seed. */
export type ItemSpec =
  | { source: "bank"; bankId: string }
  | { source: "authored"; questionId: string }
  | { source: "family"; family: FamilyId; config?: FamilyConfig };

/**
 * `QuestionAttempt.params`: everything grading needs, server-side only. For authored questions
 * a snapshot of the question (an instructor may edit it later; the student is graded on what
 * they saw); for families the family's own params plus the config it was generated with. The
 * prompt the student saw is kept too, so a review shows exactly that even if generation changes
 * in a later release.
 */
export type StoredParams =
  /** `order`: the authored choice ids in display order for this seed (absent on rows written before options were shuffled). */
  | { v: 1; kind: "authored"; question: AuthoredQuestion; prompt: Prompt; seed?: number; order?: string[] }
  /** `facets`: the parameters drawn (lib/scenarios/facets.ts; absent on rows written before the item analysis grouped by them). */
  | { v: 1; kind: "family"; family: FamilyId; config: FamilyConfig | null; params: unknown; prompt: Prompt; facets?: Facets };


// Stored text is what the graders produced (possibly empty), not authored content: no trim/min.
const storedTextSchema = localizedSchema(z.string());

/** The graded result stored in `QuestionAttempt.feedback` (written once, at submission). */
export type StoredResult = {
  score: number;
  correct: boolean;
  feedback: Localized;
  explanation: Localized;
  /** Per input id, the correct value in words. */
  correctDisplay: Record<string, Localized>;
  /** Per input id, the student's answer in words (for reviews and "most common wrong answers"). */
  answerDisplay: Record<string, Localized>;
  divergence?: { step: number; message: Localized; eventSeqNo?: number };
  reveal?: { scenario: Scenario; highlightSeqNo?: number };
};

export const storedResultSchema = z.object({
  score: z.number().min(0).max(1),
  correct: z.boolean(),
  feedback: storedTextSchema,
  explanation: storedTextSchema,
  correctDisplay: z.record(z.string(), storedTextSchema),
  answerDisplay: z.record(z.string(), storedTextSchema),
  divergence: z
    .object({ step: z.number(), message: storedTextSchema, eventSeqNo: z.number().optional() })
    .optional(),
  reveal: z.object({ scenario: z.custom<Scenario>((v) => typeof v === "object" && v !== null), highlightSeqNo: z.number().optional() }).optional(),
});

/** `QuestionAttempt.answer`: the raw answer as submitted (for display) and the parsed one (graded). */
export type StoredAnswer = { raw: Record<string, unknown>; parsed: unknown };

/** The browser's submission: input id → value. Anything else in the body is ignored. */
export const submitBodySchema = z.object({
  answer: z.record(z.string().max(64), z.unknown()),
});
export type SubmitBody = z.infer<typeof submitBodySchema>;

export const MAX_SUBMIT_BYTES = 16 * 1024;

export function readStoredParams(value: unknown): StoredParams {
  const v = value as Partial<StoredParams> | null;
  if (!v || v.v !== 1 || (v.kind !== "authored" && v.kind !== "family") || typeof v.prompt !== "object") {
    throw new Error("QuestionAttempt.params is not a v1 envelope");
  }
  return v as StoredParams;
}

export function readStoredResult(value: unknown): StoredResult | null {
  const parsed = storedResultSchema.safeParse(value);
  return parsed.success ? (parsed.data as StoredResult) : null;
}
