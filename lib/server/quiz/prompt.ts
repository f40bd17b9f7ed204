import { assertNever } from "@/lib/content/questions";
import type { Localized } from "@/lib/core";
import type { InputSpec, Prompt } from "@/lib/scenarios/types";

/**
 * Authored questions are rendered by the same generic renderer as scenario families: each one
 * becomes a `Prompt` with a single input whose id is AUTHORED_INPUT (lib/quiz/authored-family.ts).
 */
export { AUTHORED_INPUT, authoredPrompt } from "@/lib/quiz/authored-family";

const NO_ANSWER: Localized = { en: "(no answer)", zh: "（未作答）" };

function both(f: (l: "en" | "zh") => string): Localized {
  return { en: f("en"), zh: f("zh") };
}

function scalar(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return null;
}

/**
 * The student's raw answer in words, per input, for reviews and for grouping wrong answers on
 * the results page. Works on whatever was submitted (it may be malformed only for inputs that
 * were never graded), so every branch tolerates unexpected shapes.
 */
export function describeAnswer(prompt: Prompt, raw: Record<string, unknown>): Record<string, Localized> {
  const out: Record<string, Localized> = {};
  for (const input of prompt.inputs) {
    const value = raw[input.id];
    out[input.id] = describeValue(input, value);
  }
  return out;
}

function describeValue(input: InputSpec, value: unknown): Localized {
  switch (input.kind) {
    case "number":
    case "text": {
      const s = scalar(value);
      if (s === null) return NO_ANSWER;
      return input.kind === "number" && input.unit ? both((l) => `${s} ${input.unit?.[l] ?? ""}`.trim()) : { en: s, zh: s };
    }
    case "choice": {
      const id = scalar(value);
      const option = input.options.find((o) => o.id === id);
      if (!option) return id === null ? NO_ANSWER : { en: id, zh: id };
      return both((l) => option.label[l]);
    }
    case "multi":
    case "order": {
      const list = Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
      if (list.length === 0) return NO_ANSWER;
      const options = input.kind === "multi" ? input.options : input.items;
      const sep = input.kind === "multi" ? { en: "; ", zh: "；" } : { en: " → ", zh: " → " };
      return both((l) => list.map((id) => options.find((o) => o.id === id)?.label[l] ?? id).join(sep[l]));
    }
    case "segments": {
      const rows = Array.isArray(value) ? value : [];
      if (rows.length === 0) return NO_ANSWER;
      return both((l) =>
        rows
          .map((row, i) => {
            const r = (row ?? {}) as { flags?: unknown; seq?: unknown; ack?: unknown };
            const flags = Array.isArray(r.flags) ? r.flags.filter((f): f is string => typeof f === "string").join(",") : "";
            const rowLabel = input.rows[i]?.label[l] ?? `#${i + 1}`;
            return `${rowLabel}: [${flags}] seq=${scalar(r.seq) ?? "—"} ack=${scalar(r.ack) ?? "—"}`;
          })
          .join(l === "en" ? "; " : "；"),
      );
    }
    default:
      return assertNever(input);
  }
}
