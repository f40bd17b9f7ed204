import { assertNever, CHOICE_LETTERS, type AuthoredQuestion, type Choice } from "@/lib/content/questions";
import { createRng } from "@/lib/scenarios/rng";
import type { Localized } from "@/lib/core";
import type { Grade, ParseResult, Prompt, QuestionFamily } from "@/lib/scenarios/types";
import { correctResponse, describeCorrectAnswer, gradeAuthored, parseAuthoredAnswer, type AuthoredResponse } from "./authored";

/**
 * An authored (hand-written) question as a question family (docs/architecture.md "Questions";
 * issue #15 item 1): `generate(seed)` → variant, `parse`, `grade`, `wrongAnswers` — the same
 * contract as the scenario families of lib/scenarios, so the quiz engine, practice, exams,
 * flashcards, analytics and regrading handle one shape.
 *
 * `generate` shuffles the options with the variant's seed (lib/scenarios/rng.ts, so the stored
 * seed replays the same order). A choice marked `pin: true` ("all of the above") keeps its
 * authored position. The browser sees the options relabelled a, b, c… in display order: the
 * authored ids never leave the server, so an id cannot hint at the key. `params.order` lists the
 * authored ids in display order; everything below works on the *displayed* question (the
 * authored question with choices reordered and relabelled), so parse, grade and the feedback
 * letters all speak the student's letters.
 */

/** The one input of an authored prompt (lib/server/quiz/prompt.ts renders it). */
export const AUTHORED_INPUT = "answer";

/** What a QuestionAttempt row stores for an authored variant: the question as asked, and its option order. */
export type AuthoredParams = { v: 1; seed: number; question: AuthoredQuestion; order: string[] };

/** Browser-shaped answer: `{ answer: value }` in display letters (a raw answer parses to itself). */
export type AuthoredAnswer = Record<string, unknown>;

function choicesOf(q: AuthoredQuestion): readonly Choice[] {
  return q.kind === "single" || q.kind === "multiple" || q.kind === "ordering" ? q.choices : [];
}

/**
 * The display order for a seed: pinned choices stay where the author put them, the others are
 * shuffled among the remaining positions (Fisher–Yates, lib/scenarios/rng.ts). An ordering
 * question never starts in its correct order (it would answer itself): such a shuffle is rotated.
 */
export function shuffleOrder(question: AuthoredQuestion, seed: number): string[] {
  const choices = choicesOf(question);
  if (choices.length === 0) return [];
  const rng = createRng(seed);
  const free = choices.filter((c) => !c.pin || question.kind === "ordering").map((c) => c.id);
  const shuffled = rng.shuffle(free);
  const order = choices.map((c) => (c.pin && question.kind !== "ordering" ? c.id : (shuffled.shift() as string)));
  if (question.kind === "ordering" && order.every((id, i) => id === question.answer[i])) order.push(order.shift() as string);
  return order;
}

/** The authored question as the student sees it: choices in `order`, relabelled a, b, c…, the key translated. */
export function displayedQuestion(question: AuthoredQuestion, order: readonly string[]): AuthoredQuestion {
  if (question.kind !== "single" && question.kind !== "multiple" && question.kind !== "ordering") return question;
  if (order.length !== question.choices.length) return question;
  const toDisplay = new Map(order.map((id, i) => [id, CHOICE_LETTERS[i]!]));
  const byId = new Map(question.choices.map((c) => [c.id, c]));
  const choices = order.map((id, i) => ({ ...byId.get(id)!, id: CHOICE_LETTERS[i]! }));
  const map = (id: string) => toDisplay.get(id) ?? id;
  switch (question.kind) {
    case "single":
      return { ...question, choices, answer: map(question.answer) };
    case "multiple":
      return { ...question, choices, answer: question.answer.map(map).sort() };
    case "ordering":
      return { ...question, choices, answer: question.answer.map(map) };
    default:
      return assertNever(question);
  }
}

/** The authored choice id(s) behind a response in display letters (item analysis counts distractors by authored id). */
export function authoredChoiceKey(params: AuthoredParams, answer: AuthoredAnswer): string | null {
  const order = params.order;
  if (order.length === 0) return null;
  const value = answer[AUTHORED_INPUT];
  const toAuthored = (letter: unknown) => (typeof letter === "string" ? order[CHOICE_LETTERS.indexOf(letter)] : undefined);
  if (typeof value === "string") return toAuthored(value) ?? null;
  if (Array.isArray(value)) {
    const ids = value.map(toAuthored);
    if (ids.some((x) => x === undefined)) return null;
    return params.question.kind === "ordering" ? ids.join(">") : (ids as string[]).sort().join(",");
  }
  return null;
}

function responseValue(r: AuthoredResponse): unknown {
  switch (r.kind) {
    case "single":
      return r.choice;
    case "multiple":
      return r.choices;
    case "ordering":
      return r.order;
    case "numeric":
      return r.value;
    case "text":
      return r.text;
    default:
      return assertNever(r);
  }
}

const PROMPT_LABELS: Record<AuthoredQuestion["kind"], Localized> = {
  single: { en: "Choose one answer", zh: "选择一个答案" },
  multiple: { en: "Select every correct answer", zh: "选出所有正确答案" },
  ordering: { en: "Put the items in the correct order", zh: "把各项排成正确的顺序" },
  numeric: { en: "Your answer (a number)", zh: "你的答案（数字）" },
  text: { en: "Your answer", zh: "你的答案" },
};

/** Matches the text-answer limit of parseAuthoredAnswer (lib/quiz/authored.ts). */
const TEXT_MAX = 200;

/**
 * The generic `Prompt` of a (displayed) authored question: one input, id AUTHORED_INPUT. Only
 * public fields are copied (prompt text and option labels), never the answer, explanation,
 * misconception or lesson (they hint at the answer) — the rule of publicView in authored.ts.
 */
export function authoredPrompt(q: AuthoredQuestion): Prompt {
  const label = PROMPT_LABELS[q.kind];
  const options = choicesOf(q).map((c) => ({ id: c.id, label: { en: c.en, zh: c.zh } }));
  const text = { en: q.prompt.en, zh: q.prompt.zh };
  const prompt = (inputs: Prompt["inputs"]): Prompt => (q.untranslated ? { text, inputs, untranslated: q.untranslated } : { text, inputs });
  switch (q.kind) {
    case "single":
      return prompt([{ kind: "choice", id: AUTHORED_INPUT, label, options }]);
    case "multiple":
      return prompt([{ kind: "multi", id: AUTHORED_INPUT, label, options }]);
    case "ordering":
      return prompt([{ kind: "order", id: AUTHORED_INPUT, label, items: options }]);
    case "numeric":
      return prompt([
        q.answer.unit
          ? { kind: "number", id: AUTHORED_INPUT, label, unit: { en: q.answer.unit.en, zh: q.answer.unit.zh } }
          : { kind: "number", id: AUTHORED_INPUT, label },
      ]);
    case "text":
      return prompt([{ kind: "text", id: AUTHORED_INPUT, label, maxLength: TEXT_MAX }]);
    default:
      return assertNever(q);
  }
}

/** Known wrong responses (each must grade below 1), in display letters. */
function wrongResponses(q: AuthoredQuestion): AuthoredResponse[] {
  switch (q.kind) {
    case "single":
      return q.choices.filter((c) => c.id !== q.answer).map((c) => ({ kind: "single", choice: c.id }));
    case "multiple": {
      const others = q.choices.filter((c) => !q.answer.includes(c.id)).map((c) => c.id);
      const out: AuthoredResponse[] = [{ kind: "multiple", choices: q.choices.map((c) => c.id) }];
      if (others.length > 0) out.push({ kind: "multiple", choices: [others[0]!] });
      if (q.answer.length > 1) out.push({ kind: "multiple", choices: q.answer.slice(1) });
      return out.filter((r) => r.kind === "multiple" && r.choices.join() !== [...q.answer].sort().join());
    }
    case "ordering":
      return [{ kind: "ordering", order: [...q.answer].reverse() }];
    case "numeric":
      return [{ kind: "numeric", value: q.answer.value + q.answer.tolerance + Math.max(1, Math.abs(q.answer.value)) }];
    case "text":
      return [{ kind: "text", text: "no idea" }];
    default:
      return assertNever(q);
  }
}

/** The family of one authored question. Pure: same question and seed ⇒ same variant. */
export function authoredFamily(question: AuthoredQuestion): QuestionFamily<AuthoredParams, AuthoredAnswer> {
  const shown = (params: AuthoredParams) => displayedQuestion(params.question, params.order);
  const toAnswer = (r: AuthoredResponse): AuthoredAnswer => ({ [AUTHORED_INPUT]: responseValue(r) });

  const parse = (raw: unknown, params: AuthoredParams): ParseResult<AuthoredAnswer> => {
    const value = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>)[AUTHORED_INPUT] : raw;
    const parsed = parseAuthoredAnswer(shown(params), value);
    return parsed.ok ? { ok: true, answer: toAnswer(parsed.answer) } : parsed;
  };

  const grade = (params: AuthoredParams, answer: AuthoredAnswer): Grade<AuthoredAnswer> => {
    const q = shown(params);
    const parsed = parseAuthoredAnswer(q, answer[AUTHORED_INPUT]);
    const correct = toAnswer(correctResponse(q));
    const correctDisplay = { [AUTHORED_INPUT]: describeCorrectAnswer(q) };
    if (!parsed.ok) {
      return { score: 0, correct: false, feedback: parsed.error, explanation: q.explanation, correctAnswer: correct, correctDisplay };
    }
    const g = gradeAuthored(q, parsed.answer, "en");
    return { score: g.score, correct: g.correct, feedback: g.feedback, explanation: g.explanation, correctAnswer: correct, correctDisplay };
  };

  return {
    topic: question.topic,
    generate(seed: number) {
      const params: AuthoredParams = { v: 1, seed: seed >>> 0, question, order: shuffleOrder(question, seed >>> 0) };
      const q = shown(params);
      return { params, prompt: authoredPrompt(q), answer: toAnswer(correctResponse(q)) };
    },
    parse,
    grade,
    wrongAnswers(params: AuthoredParams) {
      return wrongResponses(shown(params)).map(toAnswer);
    },
  };
}
