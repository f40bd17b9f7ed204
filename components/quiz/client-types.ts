import type { ReactNode } from "react";

/**
 * The prompt inputs as the browser receives them: labels already rendered (server-side markdown)
 * in the page's language. Built from `Prompt.inputs` only, so nothing here can carry an answer.
 */
export type ClientOption = { id: string; label: ReactNode; text: string };

export type ClientInput =
  | { kind: "number"; id: string; label: ReactNode; unit?: string; min?: number; max?: number }
  | { kind: "choice"; id: string; label: ReactNode; options: ClientOption[] }
  | { kind: "multi"; id: string; label: ReactNode; options: ClientOption[] }
  | { kind: "order"; id: string; label: ReactNode; items: ClientOption[] }
  | { kind: "segments"; id: string; label: ReactNode; rows: string[]; flagOptions: string[] }
  | { kind: "text"; id: string; label: ReactNode; maxLength: number };

/** One row of a segments input while editing. */
export type SegmentDraft = { flags: string[]; seq: string; ack: string };

export type DraftValue = string | string[] | SegmentDraft[] | null;
