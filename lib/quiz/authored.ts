import { z } from "zod";
import {
  assertNever,
  type AuthoredKind,
  type AuthoredQuestion,
  type AuthoredQuestionOf,
  type Choice,
} from "@/lib/content/questions";
import type { TopicId } from "@/lib/content/topics";
import type { Locale, Localized } from "@/lib/core";
import { convertTime, matchesAny } from "./free-text";

/**
 * Parse → grade for authored questions, the same contract as scenario families
 * (docs/architecture.md "Questions"): parse turns whatever the browser sent into a typed
 * response or a format error that costs no attempt; grade scores a parsed response 0..1.
 * Both run on the server only; `publicView` is the only shape of a question that reaches the
 * browser before submission.
 */

export const authoredResponseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single"), choice: z.string() }).strict(),
  z.object({ kind: z.literal("multiple"), choices: z.array(z.string()) }).strict(),
  z.object({ kind: z.literal("ordering"), order: z.array(z.string()) }).strict(),
  z.object({ kind: z.literal("numeric"), value: z.number().finite() }).strict(),
  z.object({ kind: z.literal("text"), text: z.string() }).strict(),
]);
/** A parsed, well-formed response; what an attempt row stores. */
export type AuthoredResponse = z.infer<typeof authoredResponseSchema>;
export type AuthoredResponseOf<K extends AuthoredKind> = Extract<AuthoredResponse, { kind: K }>;

export type ParseResult = { ok: true; answer: AuthoredResponse } | { ok: false; error: Localized };

export type GradeResult = {
  /** 0..1 */
  score: number;
  /** True only for full marks. */
  correct: boolean;
  /** A short verdict about this response (what was right, what was not). */
  feedback: Localized;
  /** The correct answer, human-readable, shown after submission. */
  correctAnswer: Localized;
  explanation: Localized;
};

const MAX_TEXT_LENGTH = 200;

function fail(en: string, zh: string): ParseResult {
  return { ok: false, error: { en, zh } };
}

/**
 * Accepts the raw value of the answer field (a choice id, a list of ids, a number or numeric
 * string, a string) or an already-parsed response object of the right kind, so a stored
 * response parses to itself.
 */
export function parseAuthoredAnswer(question: AuthoredQuestion, raw: unknown): ParseResult {
  const value = unwrap(question.kind, raw);
  switch (question.kind) {
    case "single":
      return parseSingle(question, value);
    case "multiple":
      return parseMultiple(question, value);
    case "ordering":
      return parseOrdering(question, value);
    case "numeric":
      return parseNumeric(question, value);
    case "text":
      return parseText(value);
    default:
      return assertNever(question);
  }
}

const RESPONSE_FIELD: Record<AuthoredKind, string> = {
  single: "choice",
  multiple: "choices",
  ordering: "order",
  numeric: "value",
  text: "text",
};

function unwrap(kind: AuthoredKind, raw: unknown): unknown {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "kind" in raw) {
    const obj = raw as Record<string, unknown>;
    if (obj.kind === kind) return obj[RESPONSE_FIELD[kind]];
  }
  return raw;
}

function parseSingle(question: AuthoredQuestionOf<"single">, value: unknown): ParseResult {
  if (typeof value !== "string" || value.trim() === "") {
    return fail("Choose one option.", "请选择一个选项。");
  }
  const id = value.trim();
  if (!question.choices.some((c) => c.id === id)) {
    return fail(`“${id}” is not one of the options.`, `“${id}”不是可选的选项。`);
  }
  return { ok: true, answer: { kind: "single", choice: id } };
}

function parseIdList(question: { choices: readonly Choice[] }, value: unknown): string[] | ParseResult {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === "string")) {
    return fail("Expected a list of options.", "应提交一组选项。");
  }
  const ids = list.map((v) => v.trim());
  const known = new Set(question.choices.map((c) => c.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) return fail(`“${unknown}” is not one of the options.`, `“${unknown}”不是可选的选项。`);
  if (new Set(ids).size !== ids.length) return fail("An option is listed twice.", "有选项被重复提交。");
  return ids;
}

function parseMultiple(question: AuthoredQuestionOf<"multiple">, value: unknown): ParseResult {
  const ids = parseIdList(question, value);
  if (!Array.isArray(ids)) return ids;
  if (ids.length === 0) return fail("Select at least one option.", "请至少选择一个选项。");
  // Canonical order (display order) so equal selections store and compare equal.
  const order = question.choices.map((c) => c.id);
  ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ok: true, answer: { kind: "multiple", choices: ids } };
}

function parseOrdering(question: AuthoredQuestionOf<"ordering">, value: unknown): ParseResult {
  const ids = parseIdList(question, value);
  if (!Array.isArray(ids)) return ids;
  if (ids.length !== question.choices.length) {
    return fail(
      `Put all ${question.choices.length} items in order (got ${ids.length}).`,
      `请为全部 ${question.choices.length} 项排序（收到 ${ids.length} 项）。`,
    );
  }
  return { ok: true, answer: { kind: "ordering", order: ids } };
}

/** Unit spellings accepted after a number besides the unit's own en/zh text. */
const UNIT_ALIASES: Record<string, readonly string[]> = {
  seconds: ["s", "sec", "secs", "second", "秒", "秒钟"],
  milliseconds: ["ms", "msec", "millisecond", "毫秒"],
  bytes: ["b", "byte", "字节"],
  segments: ["segment", "个", "个报文段", "报文段"],
  connections: ["connection", "个", "个连接", "连接"],
  retransmissions: ["retransmission", "次", "次重传"],
  times: ["time", "次"],
};

function parseNumeric(question: AuthoredQuestionOf<"numeric">, value: unknown): ParseResult {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return fail("Enter a finite number.", "请输入一个有限的数字。");
    return { ok: true, answer: { kind: "numeric", value } };
  }
  if (typeof value !== "string" || value.trim() === "") {
    return fail("Enter a number.", "请输入一个数字。");
  }
  // NFKC turns full-width digits and signs (１２０, －) into ASCII, common with Chinese IMEs.
  const text = value.normalize("NFKC").trim();
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/i.exec(text);
  const unit = question.answer.unit;
  const unitHint = unit ? { en: ` (in ${unit.en})`, zh: `（单位：${unit.zh}）` } : { en: "", zh: "" };
  if (!match || match[1] === undefined) {
    return fail(`“${value}” is not a number${unitHint.en}.`, `“${value}”不是数字${unitHint.zh}。`);
  }
  const rest = normalizeFreeText(match[2] ?? "");
  // "200 ms" against a key in seconds (or "0.2 s" against milliseconds): convert, then compare.
  const converted = rest !== "" && unit ? convertTime(Number(match[1]), rest, unit.en) ?? convertTime(Number(match[1]), rest, unit.zh) : undefined;
  if (converted !== undefined) {
    if (!Number.isFinite(converted)) return fail("Enter a finite number.", "请输入一个有限的数字。");
    return { ok: true, answer: { kind: "numeric", value: converted } };
  }
  if (rest !== "") {
    const accepted = new Set<string>();
    if (unit) {
      accepted.add(normalizeFreeText(unit.en));
      accepted.add(normalizeFreeText(unit.zh));
      for (const alias of UNIT_ALIASES[normalizeFreeText(unit.en)] ?? []) accepted.add(normalizeFreeText(alias));
    }
    if (!accepted.has(rest)) {
      return fail(
        `Enter a number only${unitHint.en}; “${match[2]}” was not understood.`,
        `请只输入数字${unitHint.zh}；无法识别“${match[2]}”。`,
      );
    }
  }
  const n = Number(match[1]);
  if (!Number.isFinite(n)) return fail("Enter a finite number.", "请输入一个有限的数字。");
  return { ok: true, answer: { kind: "numeric", value: n } };
}

function parseText(value: unknown): ParseResult {
  if (typeof value !== "string" || value.trim() === "") {
    return fail("Type an answer.", "请输入答案。");
  }
  if (value.length > MAX_TEXT_LENGTH) {
    return fail(
      `Keep the answer under ${MAX_TEXT_LENGTH} characters.`,
      `答案请不要超过 ${MAX_TEXT_LENGTH} 个字符。`,
    );
  }
  return { ok: true, answer: { kind: "text", text: value.trim() } };
}

/**
 * Normalizes a short free-text answer: NFKC (full-width → half-width, e.g. ＴＩＭＥ＿ＷＡＩＴ),
 * case-folded, `_`, `-`, dashes and whitespace runs made one space, surrounding quotes and
 * final punctuation dropped.
 */
export function normalizeFreeText(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[_\-\u2010-\u2015\s]+/g, " ")
    .trim()
    .replace(/^[\s"'`“”‘’「」『』]+|[\s"'`“”‘’「」『』.。!?,;:、]+$/g, "")
    .trim();
}

/**
 * The comparison key: normalized, then without spaces. "TIME_WAIT", "time-wait", "Time Wait"
 * and "timewait" all match, and so do "半连接 队列" and "半连接队列" (Chinese is written without
 * spaces, and learners often drop the separator in English terms too).
 */
export function textMatchKey(s: string): string {
  return normalizeFreeText(s).replace(/ /g, "");
}

/**
 * Scores a parsed response. Throws if the response is of another kind (a caller bug: responses
 * always come out of parseAuthoredAnswer for the same question).
 * - single, numeric, text: 1 or 0.
 * - multiple: (correct picked − wrong picked) / number of correct options, floored at 0, so
 *   ticking every box scores no better than ticking none (Moodle's "multiple answers" rule with
 *   each wrong option worth −1/k; lib/quiz/gift.ts exports the same weights).
 * - ordering: 1 − moves/(n − 1), where moves = n − L is the fewest "take one item out and put it
 *   elsewhere" operations that fix the order and L is the longest subsequence already in correct
 *   relative order. One misplaced item of five scores 0.75; a fully reversed list scores 0.
 */
export function gradeAuthored(question: AuthoredQuestion, answer: AuthoredResponse, locale: Locale): GradeResult {
  if (answer.kind !== question.kind) {
    throw new Error(`response of kind ${answer.kind} given to ${question.kind} question ${question.id}`);
  }
  const correctAnswer = describeCorrectAnswer(question);
  /** The result: `right` as the feedback when the response is correct, `wrong` otherwise. */
  const graded = (correct: boolean, score: number, right: Localized, wrong: Localized): GradeResult => ({
    correctAnswer,
    explanation: question.explanation,
    score,
    correct,
    feedback: correct ? right : wrong,
  });
  switch (question.kind) {
    case "single": {
      const a = answer as AuthoredResponseOf<"single">;
      const ok = a.choice === question.answer;
      return graded(ok, ok ? 1 : 0, { en: "Correct.", zh: "回答正确。" }, { en: `Not quite: you chose (${a.choice}).`, zh: `不对：你选择了 (${a.choice})。` });
    }
    case "multiple": {
      const a = answer as AuthoredResponseOf<"multiple">;
      const correctSet = new Set(question.answer);
      const picked = new Set(a.choices);
      const hits = [...picked].filter((id) => correctSet.has(id)).length;
      const wrong = picked.size - hits;
      const score = roundScore(Math.max(0, (hits - wrong) / correctSet.size));
      const ok = hits === correctSet.size && wrong === 0;
      return graded(
        ok,
        score,
        { en: "Correct: all the right options and nothing else.", zh: "完全正确：选中了全部正确选项，没有多选。" },
        {
          en: `You picked ${hits} of ${correctSet.size} correct options and ${wrong} wrong one${wrong === 1 ? "" : "s"}.`,
          zh: `你选中了 ${correctSet.size} 个正确选项中的 ${hits} 个，另有 ${wrong} 个错误选项。`,
        },
      );
    }
    case "ordering": {
      const a = answer as AuthoredResponseOf<"ordering">;
      const n = question.answer.length;
      const rank = new Map(question.answer.map((id, i) => [id, i]));
      const l = longestIncreasingSubsequence(a.order.map((id) => rank.get(id) ?? -1));
      const moves = n - l;
      const score = roundScore(n <= 1 ? 1 : 1 - moves / (n - 1));
      const firstWrong = a.order.findIndex((id, i) => id !== question.answer[i]);
      const ok = firstWrong === -1;
      return graded(
        ok,
        ok ? 1 : score,
        { en: "Correct order.", zh: "顺序正确。" },
        {
          en: `${l} of ${n} items are in the right relative order; moving ${moves} item${moves === 1 ? "" : "s"} would fix it. The first wrong position is ${firstWrong + 1}.`,
          zh: `${n} 项中有 ${l} 项的相对顺序正确；再移动 ${moves} 项即可排好。第一个出错的位置是第 ${firstWrong + 1} 位。`,
        },
      );
    }
    case "numeric": {
      const a = answer as AuthoredResponseOf<"numeric">;
      const { value, tolerance } = question.answer;
      // A relative epsilon so that tolerance 0.1 accepts 0.3 for 0.2 despite binary floats.
      const ok = Math.abs(a.value - value) <= tolerance + 1e-9 * Math.max(1, Math.abs(value));
      const unit = question.answer.unit;
      return graded(
        ok,
        ok ? 1 : 0,
        { en: "Correct.", zh: "回答正确。" },
        {
          en: `${a.value}${unit ? ` ${unit.en}` : ""} is ${a.value < value ? "too low" : "too high"}.`,
          zh: `${a.value}${unit ? ` ${unit.zh}` : ""} ${a.value < value ? "偏小" : "偏大"}。`,
        },
      );
    }
    case "text": {
      const a = answer as AuthoredResponseOf<"text">;
      const key = textMatchKey(a.text);
      // Spellings from both languages count: a Chinese reader often types the English term.
      const other: Locale = locale === "en" ? "zh" : "en";
      const accepted = [...question.answer.accept[locale], ...question.answer.accept[other]];
      // Exact (normalised) first, then the tolerant rules of lib/quiz/free-text.ts.
      const ok = key !== "" && (accepted.some((s) => textMatchKey(s) === key) || matchesAny(a.text, accepted));
      return graded(ok, ok ? 1 : 0, { en: "Correct.", zh: "回答正确。" }, { en: `“${a.text}” is not what we were looking for.`, zh: `“${a.text}”不是正确答案。` });
    }
    default:
      return assertNever(question);
  }
}

function roundScore(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Length of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasingSubsequence(xs: readonly number[]): number {
  const tails: number[] = [];
  for (const x of xs) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] ?? Infinity) < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}

function choiceText(question: { choices: readonly Choice[] }, id: string, locale: Locale): string {
  const c = question.choices.find((ch) => ch.id === id);
  return c ? `(${id}) ${c[locale]}` : `(${id})`;
}

/** The correct answer in words, for the feedback shown after submission. */
export function describeCorrectAnswer(question: AuthoredQuestion): Localized {
  const both = (f: (locale: Locale) => string): Localized => ({ en: f("en"), zh: f("zh") });
  switch (question.kind) {
    case "single":
      return both((l) => choiceText(question, question.answer, l));
    case "multiple":
      return both((l) => question.answer.map((id) => choiceText(question, id, l)).join(l === "en" ? "; " : "；"));
    case "ordering":
      return both((l) => question.answer.map((id) => choiceText(question, id, l)).join(" → "));
    case "numeric": {
      const { value, tolerance, unit } = question.answer;
      return both((l) => `${value}${tolerance > 0 ? ` ± ${tolerance}` : ""}${unit ? ` ${unit[l]}` : ""}`);
    }
    case "text":
      return both((l) => question.answer.accept[l][0] ?? "");
    default:
      return assertNever(question);
  }
}

/** The response that scores 1: used by self-tests and by "show answer" after submission. */
export function correctResponse(question: AuthoredQuestion): AuthoredResponse {
  switch (question.kind) {
    case "single":
      return { kind: "single", choice: question.answer };
    case "multiple":
      return { kind: "multiple", choices: [...question.answer] };
    case "ordering":
      return { kind: "ordering", order: [...question.answer] };
    case "numeric":
      return { kind: "numeric", value: question.answer.value };
    case "text":
      return { kind: "text", text: question.answer.accept.en[0] ?? "" };
    default:
      return assertNever(question);
  }
}

type PublicBase = { id: string; topic: TopicId; difficulty: number; prompt: string };
export type AuthoredPublicView =
  | (PublicBase & { kind: "single" | "multiple" | "ordering"; choices: { id: string; text: string }[] })
  | (PublicBase & { kind: "numeric"; unit?: string })
  | (PublicBase & { kind: "text" });

/**
 * What the browser may see before submission: prompt and options in one language, nothing
 * else. Built field by field (never by spreading the question) so a field added to the schema
 * later cannot leak by accident; the misconception id and lesson link are withheld too, since
 * they hint at the answer.
 */
export function publicView(question: AuthoredQuestion, locale: Locale): AuthoredPublicView {
  const base: PublicBase = {
    id: question.id,
    topic: question.topic,
    difficulty: question.difficulty,
    prompt: question.prompt[locale],
  };
  switch (question.kind) {
    case "single":
    case "multiple":
    case "ordering":
      return { ...base, kind: question.kind, choices: question.choices.map((c) => ({ id: c.id, text: c[locale] })) };
    case "numeric":
      return question.answer.unit
        ? { ...base, kind: "numeric", unit: question.answer.unit[locale] }
        : { ...base, kind: "numeric" };
    case "text":
      return { ...base, kind: "text" };
    default:
      return assertNever(question);
  }
}
