/**
 * The uniform answer shape every family uses and the generic parser that turns what the
 * browser sent into it. A format error (non-number, unknown option, wrong row count, not a
 * permutation…) is a `ParseResult` error with a message in both languages: it costs no attempt
 * (issue #5 "Grading integrity").
 */
import type { InputSpec, ParseResult } from "./types";
import type { Localized } from "@/lib/core";

/** One row of a `segments` input. `null` = left empty (e.g. no ack number on a bare SYN). */
export type SegmentRowValue = { flags: string[]; seq: number | null; ack: number | null };

/**
 * The value of one input: number (or `null` when an optional number is left empty), a choice
 * id or text, a list of ids (multi, order) or segment rows.
 */
export type AnswerValue = number | null | string | string[] | SegmentRowValue[];
export type Answer = Record<string, AnswerValue>;

/** Largest number a `number` input accepts when the spec gives no max (sequence numbers are u32). */
const MAX_NUMBER = 0xffff_ffff;

function err(en: string, zh: string): { ok: false; error: Localized } {
  return { ok: false, error: { en, zh } };
}

function labelOf(spec: InputSpec): Localized {
  return spec.label;
}

/** Accepts a finite number or a numeric string ("42", " 1e3 " is refused: digits only). */
function toNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return null;
    if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
    return Number(s);
  }
  return undefined;
}

type FieldResult<T> = { ok: true; value: T } | { ok: false; error: Localized };

function parseNumberField(
  spec: Extract<InputSpec, { kind: "number" }>,
  v: unknown,
  optional: boolean,
): FieldResult<number | null> {
  const n = toNumber(v);
  const l = labelOf(spec);
  if (n === undefined) return err(`“${l.en}” must be a number.`, `“${l.zh}”必须是数字。`);
  if (n === null) {
    if (optional) return { ok: true, value: null };
    return err(`“${l.en}” is empty: enter a number.`, `“${l.zh}”为空：请填写一个数字。`);
  }
  const min = spec.min ?? 0;
  const max = spec.max ?? MAX_NUMBER;
  if (n < min || n > max)
    return err(`“${l.en}” must be between ${min} and ${max}.`, `“${l.zh}”必须在 ${min} 到 ${max} 之间。`);
  return { ok: true, value: n };
}

function parseSeqField(v: unknown, row: number, field: "seq" | "ack"): FieldResult<number | null> {
  const n = toNumber(v);
  const name = field === "seq" ? { en: "seq", zh: "序列号" } : { en: "ack", zh: "确认号" };
  if (n === undefined)
    return err(`Row ${row + 1}: ${name.en} must be a number (or empty).`, `第 ${row + 1} 行：${name.zh}必须是数字（或留空）。`);
  if (n === null) return { ok: true, value: null };
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER)
    return err(
      `Row ${row + 1}: ${name.en} must be a whole number from 0 to 4294967295 (32 bits).`,
      `第 ${row + 1} 行：${name.zh}必须是 0 到 4294967295 之间的整数（32 位）。`,
    );
  return { ok: true, value: n };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseField(spec: InputSpec, v: unknown, optional: boolean): FieldResult<AnswerValue> {
  const l = labelOf(spec);
  switch (spec.kind) {
    case "number":
      return parseNumberField(spec, v, optional);
    case "choice": {
      if (v === null || v === undefined || v === "")
        return err(`“${l.en}”: choose one option.`, `“${l.zh}”：请选择一个选项。`);
      if (typeof v !== "string" || !spec.options.some((o) => o.id === v))
        return err(`“${l.en}”: unknown option.`, `“${l.zh}”：没有这个选项。`);
      return { ok: true, value: v };
    }
    case "multi": {
      const arr = v === null || v === undefined ? [] : v;
      if (!Array.isArray(arr) || !arr.every((x): x is string => typeof x === "string"))
        return err(`“${l.en}” must be a list of options.`, `“${l.zh}”必须是选项列表。`);
      if (arr.some((x) => !spec.options.some((o) => o.id === x)))
        return err(`“${l.en}”: unknown option.`, `“${l.zh}”：没有这个选项。`);
      if (new Set(arr).size !== arr.length)
        return err(`“${l.en}”: an option is listed twice.`, `“${l.zh}”：有选项重复。`);
      // Canonical order (the options' order) so equal selections compare equal.
      return { ok: true, value: spec.options.map((o) => o.id).filter((id) => arr.includes(id)) };
    }
    case "order": {
      const ids = spec.items.map((i) => i.id);
      if (!Array.isArray(v) || !v.every((x): x is string => typeof x === "string"))
        return err(`“${l.en}” must be the list of items in order.`, `“${l.zh}”必须是按顺序排列的条目列表。`);
      if (v.length !== ids.length || new Set(v).size !== v.length || !v.every((x) => ids.includes(x)))
        return err(
          `“${l.en}”: put every item exactly once (${ids.length} items).`,
          `“${l.zh}”：每个条目必须恰好出现一次（共 ${ids.length} 项）。`,
        );
      return { ok: true, value: [...v] };
    }
    case "segments": {
      if (!Array.isArray(v)) return err(`“${l.en}” must be a list of rows.`, `“${l.zh}”必须是若干行。`);
      if (v.length !== spec.rows.length)
        return err(
          `“${l.en}”: expected ${spec.rows.length} rows, got ${v.length}.`,
          `“${l.zh}”：应有 ${spec.rows.length} 行，实际 ${v.length} 行。`,
        );
      const rows: SegmentRowValue[] = [];
      for (let i = 0; i < v.length; i++) {
        const r: unknown = v[i];
        if (!isRecord(r)) return err(`Row ${i + 1} is not a segment.`, `第 ${i + 1} 行不是报文段。`);
        const flagsRaw = r.flags ?? [];
        if (!Array.isArray(flagsRaw) || !flagsRaw.every((f): f is string => typeof f === "string"))
          return err(`Row ${i + 1}: flags must be a list.`, `第 ${i + 1} 行：标志位必须是列表。`);
        const unknown = flagsRaw.find((f) => !spec.flagOptions.includes(f));
        if (unknown !== undefined)
          return err(`Row ${i + 1}: unknown flag “${unknown}”.`, `第 ${i + 1} 行：未知标志位“${unknown}”。`);
        const seq = parseSeqField(r.seq, i, "seq");
        if (!seq.ok) return seq;
        const ack = parseSeqField(r.ack, i, "ack");
        if (!ack.ok) return ack;
        const flags = spec.flagOptions.filter((f) => flagsRaw.includes(f));
        rows.push({ flags, seq: seq.value, ack: ack.value });
      }
      return { ok: true, value: rows };
    }
    case "text": {
      if (typeof v !== "string") return err(`“${l.en}” must be text.`, `“${l.zh}”必须是文本。`);
      if (v.length > spec.maxLength)
        return err(`“${l.en}” is too long (max ${spec.maxLength}).`, `“${l.zh}”太长（最多 ${spec.maxLength} 个字符）。`);
      return { ok: true, value: v.trim() };
    }
  }
}

/**
 * Parse a raw answer against a prompt's inputs. `optional` lists number inputs that may be
 * left empty (parsed as `null`, e.g. "when is it retransmitted" when nothing is).
 * Unknown keys are ignored; a missing key is an empty field.
 */
export function parseAnswer(inputs: InputSpec[], raw: unknown, optional: ReadonlySet<string> = new Set()): ParseResult<Answer> {
  if (!isRecord(raw)) return err("The answer must be an object of fields.", "答案必须是由各字段组成的对象。");
  const answer: Answer = {};
  for (const spec of inputs) {
    const r = parseField(spec, raw[spec.id], optional.has(spec.id));
    if (!r.ok) return r;
    answer[spec.id] = r.value;
  }
  return { ok: true, answer };
}

/** A value shown back to the student ("you answered …"), in both languages. */
export function formatAnswerValue(spec: InputSpec | undefined, v: AnswerValue | undefined): Localized {
  const empty = { en: "(empty)", zh: "（空）" };
  if (v === undefined || v === null) return empty;
  if (spec === undefined) return { en: JSON.stringify(v), zh: JSON.stringify(v) };
  switch (spec.kind) {
    case "number":
      return typeof v === "number" ? same(`${v}${spec.unit ? ` ${spec.unit.en}` : ""}`, `${v}${spec.unit ? ` ${spec.unit.zh}` : ""}`) : empty;
    case "choice": {
      const o = spec.options.find((x) => x.id === v);
      return o ? o.label : same(String(v));
    }
    case "multi": {
      if (!Array.isArray(v)) return empty;
      const labels = spec.options.filter((o) => (v as unknown[]).includes(o.id)).map((o) => o.label);
      return labels.length ? joinLocalized(labels, "; ") : { en: "(none)", zh: "（无）" };
    }
    case "order": {
      if (!Array.isArray(v)) return empty;
      const labels = (v as unknown[]).map((id) => spec.items.find((i) => i.id === id)?.label ?? same(String(id)));
      return joinLocalized(labels, " → ");
    }
    case "segments": {
      if (!Array.isArray(v)) return empty;
      return same((v as SegmentRowValue[]).map(formatSegmentRow).join(" | "));
    }
    case "text":
      return same(String(v));
  }
}

export function formatSegmentRow(r: SegmentRowValue): string {
  return `[${r.flags.join(",") || "-"}] seq=${r.seq ?? "-"} ack=${r.ack ?? "-"}`;
}

/** The same text in both languages (numbers, protocol notation). */
export function same(en: string, zh: string = en): Localized {
  return { en, zh };
}

export function joinLocalized(parts: Localized[], sep: string | Localized): Localized {
  const s = typeof sep === "string" ? { en: sep, zh: sep } : sep;
  return { en: parts.map((p) => p.en).join(s.en), zh: parts.map((p) => p.zh).join(s.zh) };
}
