import type { ClientInput, DraftValue, SegmentDraft } from "./client-types";

/**
 * Turns what the student typed into the raw answer object the server parses. Numbers that look
 * like plain numbers are sent as numbers; anything else is sent as typed, so the server's parse
 * can answer with a precise format error (which costs no attempt) instead of the browser
 * silently dropping it.
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function numberOrText(s: string): number | string | null {
  const t = s.trim();
  if (t === "") return null;
  return PLAIN_NUMBER.test(t) ? Number(t) : t;
}

export function initialDraft(input: ClientInput): DraftValue {
  switch (input.kind) {
    case "number":
    case "text":
      return "";
    case "choice":
      return null;
    case "multi":
      return [];
    case "order":
      return input.items.map((i) => i.id);
    case "segments":
      return input.rows.map((): SegmentDraft => ({ flags: [], seq: "", ack: "" }));
  }
}

export function toRawAnswer(inputs: ClientInput[], drafts: Record<string, DraftValue>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const input of inputs) {
    const d = drafts[input.id] ?? initialDraft(input);
    switch (input.kind) {
      case "number":
        raw[input.id] = typeof d === "string" ? (numberOrText(d) ?? "") : "";
        break;
      case "text":
        raw[input.id] = typeof d === "string" ? d : "";
        break;
      case "choice":
        raw[input.id] = typeof d === "string" ? d : null;
        break;
      case "multi":
      case "order":
        raw[input.id] = Array.isArray(d) ? d : [];
        break;
      case "segments":
        raw[input.id] = (Array.isArray(d) ? (d as SegmentDraft[]) : []).map((row) => ({
          flags: row.flags,
          seq: numberOrText(row.seq),
          ack: numberOrText(row.ack),
        }));
        break;
    }
  }
  return raw;
}
