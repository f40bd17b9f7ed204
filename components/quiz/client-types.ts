/**
 * The prompt inputs as the browser receives them: labels already rendered (server-side markdown,
 * sanitized HTML strings shown with InlineHtml) in the page's language. Built from
 * `Prompt.inputs` only, so nothing here can carry an answer. Plain JSON: the Pages Router's
 * practice pages pass it as page props (issue #16).
 */
export type ClientOption = { id: string; label: string; text: string };

export type ClientInput =
  | { kind: "number"; id: string; label: string; unit?: string; min?: number; max?: number }
  | { kind: "choice"; id: string; label: string; options: ClientOption[] }
  | { kind: "multi"; id: string; label: string; options: ClientOption[] }
  | { kind: "order"; id: string; label: string; items: ClientOption[] }
  | { kind: "segments"; id: string; label: string; rows: string[]; flagOptions: string[] }
  | { kind: "text"; id: string; label: string; maxLength: number };

/** One row of a segments input while editing. */
export type SegmentDraft = { flags: string[]; seq: string; ack: string };

export type DraftValue = string | string[] | SegmentDraft[] | null;
