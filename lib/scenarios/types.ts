/**
 * The scenario-question contract (docs/architecture.md "Questions"; PrairieLearn's generate/parse/grade/test).
 * A family is a pure module: seeded generation, parsing of a raw answer, grading against the
 * simulator, and a self-test. Everything here is JSON-serializable; no clock, no Math.random.
 *
 * The UI renders any family generically from `Prompt` (text, optional scenario diagram, inputs),
 * so adding a family needs no UI code. What reaches the browser before submission is
 * `Generated.prompt` ONLY — never `answer`, never `params` (they may reveal it).
 */
import type { z } from "zod";
import type { Localized, TopicId } from "@/lib/core";
import type { Scenario, TraceEvent } from "@/lib/tcp";
import type { Facets } from "./facets";

/**
 * The family ids come from the registry (registry.ts), the one list of families: adding a
 * family is its file and its line there (lib/scenarios/README.md "Adding a family").
 */
export { FAMILY_IDS } from "./registry";
export type { FamilyId } from "./registry";
import type { FamilyId } from "./registry";

/** One answer field. `id` is the key of this field's value in the answer object. */
export type InputSpec =
  | { kind: "number"; id: string; label: Localized; min?: number; max?: number; unit?: Localized }
  | { kind: "choice"; id: string; label: Localized; options: { id: string; label: Localized }[] }
  | { kind: "multi"; id: string; label: Localized; options: { id: string; label: Localized }[] }
  /** Ordering: the answer is the list of item ids in the chosen order (drag or keyboard). */
  | { kind: "order"; id: string; label: Localized; items: { id: string; label: Localized }[] }
  /** Rows of segments to fill: each row's value is { flags: string[], seq: number|null, ack: number|null }. */
  | { kind: "segments"; id: string; label: Localized; rows: { label: Localized }[]; flagOptions: string[] }
  | { kind: "text"; id: string; label: Localized; maxLength: number };

export type Prompt = {
  /** Markdown, both languages. */
  text: Localized;
  /** An optional diagram of what the student may see (must not reveal the answer). */
  scenario?: { scenario: Scenario; showUntilMs?: number; caption?: Localized };
  /** An optional table (e.g. a list of events) shown with the prompt. */
  table?: { columns: Localized[]; rows: string[][] };
  inputs: InputSpec[];
  /** This language's text is not translated yet (an imported authored question): the UI says so. */
  untranslated?: "en" | "zh";
};

/** The raw answer the browser sends: input id → value (validated by the family's parse). */
export type RawAnswer = Record<string, unknown>;

/** `facets`: the parameters drawn for this variant (lib/scenarios/facets.ts), server-side like `params`. */
export type Generated<P, A> = { params: P; prompt: Prompt; answer: A; facets?: Facets };

export type ParseResult<A> = { ok: true; answer: A } | { ok: false; error: Localized };

export type Divergence = {
  /** Index into the family's steps (0-based) where the student's answer first departs. */
  step: number;
  message: Localized;
  /** The trace event (seqNo) to highlight in the diagram, if any. */
  eventSeqNo?: number;
};

export type Grade<A> = {
  score: number; // 0..1
  correct: boolean; // score === 1
  feedback: Localized; // short verdict + what was wrong
  explanation: Localized; // drawn from the trace: why the correct answer is correct
  correctAnswer: A;
  /** Per input id, a human-readable correct value for display after submission. */
  correctDisplay: Record<string, Localized>;
  divergence?: Divergence;
  /** The full scenario to draw after submission (with the answer visible). */
  reveal?: { scenario: Scenario; highlightSeqNo?: number };
};

/** Instructor-facing options: difficulty and parameter ranges (validated by configSchema). */
export type FamilyConfig = { difficulty?: 1 | 2 | 3 } & Record<string, unknown>;

/**
 * The one question contract (docs/architecture.md "Questions"): every question in the system —
 * a scenario family here, an authored question (lib/quiz/authored-family.ts) — generates a
 * variant from a seed, parses a raw answer, grades it and lists known wrong answers.
 */
export interface QuestionFamily<P = unknown, A = unknown> {
  topic: TopicId;
  generate(seed: number, config?: FamilyConfig): Generated<P, A>;
  parse(raw: unknown, params: P): ParseResult<A>;
  grade(params: P, answer: A): Grade<A>;
  /** Known wrong answers for the self-test (each must grade < 1). */
  wrongAnswers(params: P, correct: A, seed: number): A[];
}

/** `Id`: the family's own id (a registered family's is a FamilyId, derived from the registry). */
export interface ScenarioFamily<P = unknown, A = unknown, Id extends string = FamilyId> extends QuestionFamily<P, A> {
  id: Id;
  title: Localized;
  description: Localized;
  configSchema: z.ZodType<FamilyConfig>;
}

export type { TraceEvent };
