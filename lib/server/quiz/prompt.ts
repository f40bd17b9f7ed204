import { assertNever, type AuthoredQuestion } from "@/lib/content/questions";
import type { InputSpec, Localized, Prompt } from "@/lib/scenarios/types";

/**
 * Authored questions are rendered by the same generic renderer as scenario families: each one
 * becomes a `Prompt` with a single input whose id is AUTHORED_INPUT. Only public fields are
 * copied (prompt text and option labels), never the answer, explanation, misconception or lesson
 * (they hint at the answer) — the same rule as publicView in lib/quiz/authored.ts.
 */
export const AUTHORED_INPUT = "answer";

const LABELS: Record<AuthoredQuestion["kind"], Localized> = {
  single: { en: "Choose one answer", zh: "选择一个答案" },
  multiple: { en: "Select every correct answer", zh: "选出所有正确答案" },
  ordering: { en: "Put the items in the correct order", zh: "把各项排成正确的顺序" },
  numeric: { en: "Your answer (a number)", zh: "你的答案（数字）" },
  text: { en: "Your answer", zh: "你的答案" },
};

/** Matches the text-answer limit of parseAuthoredAnswer (lib/quiz/authored.ts). */
const TEXT_MAX = 200;

export function authoredPrompt(q: AuthoredQuestion): Prompt {
  const label = LABELS[q.kind];
  let input: InputSpec;
  switch (q.kind) {
    case "single":
      input = { kind: "choice", id: AUTHORED_INPUT, label, options: q.choices.map((c) => ({ id: c.id, label: { en: c.en, zh: c.zh } })) };
      break;
    case "multiple":
      input = { kind: "multi", id: AUTHORED_INPUT, label, options: q.choices.map((c) => ({ id: c.id, label: { en: c.en, zh: c.zh } })) };
      break;
    case "ordering":
      input = { kind: "order", id: AUTHORED_INPUT, label, items: q.choices.map((c) => ({ id: c.id, label: { en: c.en, zh: c.zh } })) };
      break;
    case "numeric":
      input = q.answer.unit
        ? { kind: "number", id: AUTHORED_INPUT, label, unit: { en: q.answer.unit.en, zh: q.answer.unit.zh } }
        : { kind: "number", id: AUTHORED_INPUT, label };
      break;
    case "text":
      input = { kind: "text", id: AUTHORED_INPUT, label, maxLength: TEXT_MAX };
      break;
    default:
      return assertNever(q);
  }
  return { text: { en: q.prompt.en, zh: q.prompt.zh }, inputs: [input] };
}

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
