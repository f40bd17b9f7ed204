import { z } from "zod";
import { CHOICE_LETTERS, type AuthoredQuestion, type AuthoredQuestionInput } from "@/lib/content/questions";
import { getTopic, TOPIC_IDS, type TopicId } from "@/lib/content/topics";
import { stableSeed } from "./variants";

/**
 * The instructor's question form works on a draft that is easier to edit than the stored shape:
 * choices carry a `correct` flag, ordering items are entered in their CORRECT order (the
 * displayed order is derived, so an author cannot accidentally show the solution), numbers are
 * the strings typed, accepted text answers are one per line. `buildQuestion` turns a draft into
 * the bank shape, which authoredQuestionSchema then validates; `draftOf` is the inverse.
 */
export const questionDraftSchema = z.object({
  id: z.string().max(64),
  topic: z.enum(TOPIC_IDS),
  kind: z.enum(["single", "multiple", "numeric", "text", "ordering"]),
  difficulty: z.number().int().min(1).max(3),
  lesson: z.string().max(120),
  misconception: z.string().max(64).optional(),
  prompt: z.object({ en: z.string().max(10_000), zh: z.string().max(10_000) }),
  explanation: z.object({ en: z.string().max(10_000), zh: z.string().max(10_000) }),
  choices: z.array(z.object({ en: z.string().max(1000), zh: z.string().max(1000), correct: z.boolean() })).max(8),
  numeric: z.object({ value: z.string().max(40), tolerance: z.string().max(40), unitEn: z.string().max(40), unitZh: z.string().max(40) }),
  text: z.object({ en: z.string().max(2000), zh: z.string().max(2000) }),
});
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

export function emptyDraft(topic: TopicId = "handshake"): QuestionDraft {
  return {
    id: "",
    topic,
    kind: "single",
    difficulty: 2,
    lesson: getTopic(topic).lesson,
    prompt: { en: "", zh: "" },
    explanation: { en: "", zh: "" },
    choices: [
      { en: "", zh: "", correct: true },
      { en: "", zh: "", correct: false },
      { en: "", zh: "", correct: false },
    ],
    numeric: { value: "", tolerance: "0", unitEn: "", unitZh: "" },
    text: { en: "", zh: "" },
  };
}

/**
 * A permutation of 0..n-1 that is never the identity (n ≥ 2), fixed per question id so the
 * displayed order does not change between saves.
 */
export function displayPermutation(n: number, key: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = stableSeed("ordering", key) || 1;
  for (let i = n - 1; i > 0; i -= 1) {
    // xorshift32: deterministic, good enough to scramble at most eight items.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (n >= 2 && order.every((v, i) => v === i)) order.push(order.shift()!);
  return order;
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.normalize("NFKC").trim()));

export function buildQuestion(d: QuestionDraft): AuthoredQuestionInput {
  const base = {
    id: d.id.trim(),
    topic: d.topic,
    difficulty: d.difficulty,
    lesson: d.lesson.trim() || getTopic(d.topic).lesson,
    ...(d.misconception ? { misconception: d.misconception } : {}),
    prompt: { en: d.prompt.en, zh: d.prompt.zh },
    explanation: { en: d.explanation.en, zh: d.explanation.zh },
  } as const;
  const choices = d.choices.map((c, i) => ({ id: CHOICE_LETTERS[i] ?? "?", en: c.en, zh: c.zh }));
  switch (d.kind) {
    case "single":
      return { ...base, kind: "single", choices, answer: choices[d.choices.findIndex((c) => c.correct)]?.id ?? "" } as AuthoredQuestionInput;
    case "multiple":
      return { ...base, kind: "multiple", choices, answer: choices.filter((_, i) => d.choices[i]?.correct).map((c) => c.id) } as AuthoredQuestionInput;
    case "ordering": {
      const perm = displayPermutation(d.choices.length, base.id);
      const shown = perm.map((from, i) => ({ id: CHOICE_LETTERS[i] ?? "?", en: d.choices[from]?.en ?? "", zh: d.choices[from]?.zh ?? "" }));
      // The item entered k-th (correct position k) is shown at position perm.indexOf(k).
      const answer = d.choices.map((_, k) => CHOICE_LETTERS[perm.indexOf(k)] ?? "?");
      return { ...base, kind: "ordering", choices: shown, answer } as AuthoredQuestionInput;
    }
    case "numeric": {
      const unit = d.numeric.unitEn.trim() || d.numeric.unitZh.trim() ? { en: d.numeric.unitEn.trim(), zh: d.numeric.unitZh.trim() } : undefined;
      return { ...base, kind: "numeric", answer: { value: num(d.numeric.value), tolerance: num(d.numeric.tolerance || "0"), ...(unit ? { unit } : {}) } } as AuthoredQuestionInput;
    }
    case "text":
      return { ...base, kind: "text", answer: { accept: { en: lines(d.text.en), zh: lines(d.text.zh) } } } as AuthoredQuestionInput;
  }
}

export function draftOf(q: AuthoredQuestion): QuestionDraft {
  const draft: QuestionDraft = {
    ...emptyDraft(q.topic),
    id: q.id,
    kind: q.kind,
    difficulty: q.difficulty,
    lesson: q.lesson,
    ...(q.misconception ? { misconception: q.misconception } : {}),
    prompt: { ...q.prompt },
    explanation: { ...q.explanation },
  };
  switch (q.kind) {
    case "single":
      return { ...draft, choices: q.choices.map((c) => ({ en: c.en, zh: c.zh, correct: c.id === q.answer })) };
    case "multiple":
      return { ...draft, choices: q.choices.map((c) => ({ en: c.en, zh: c.zh, correct: q.answer.includes(c.id) })) };
    case "ordering":
      return {
        ...draft,
        choices: q.answer.map((id) => {
          const c = q.choices.find((x) => x.id === id);
          return { en: c?.en ?? "", zh: c?.zh ?? "", correct: false };
        }),
      };
    case "numeric":
      return {
        ...draft,
        choices: [],
        numeric: { value: String(q.answer.value), tolerance: String(q.answer.tolerance), unitEn: q.answer.unit?.en ?? "", unitZh: q.answer.unit?.zh ?? "" },
      };
    case "text":
      return { ...draft, choices: [], text: { en: q.answer.accept.en.join("\n"), zh: q.answer.accept.zh.join("\n") } };
  }
}
