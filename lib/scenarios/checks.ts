/**
 * Check builders shared by the families: one gradable part each (see `Check` in define.ts).
 */
import { formatSegmentRow, same, type Answer, type SegmentRowValue } from "./answer";
import type { Localized } from "@/lib/core";
import type { Check } from "./define";

type CheckExtras = { why?: Localized; eventSeqNo?: number; weight?: number };

function extras(x: CheckExtras): Partial<Check> {
  const out: Partial<Check> = {};
  if (x.why) out.why = x.why;
  if (x.eventSeqNo !== undefined) out.eventSeqNo = x.eventSeqNo;
  if (x.weight !== undefined) out.weight = x.weight;
  return out;
}

/**
 * A number input. `expected === null` means the field must be left empty (e.g. "when is it
 * retransmitted" when nothing is). `tolerance` is absolute, in the field's unit.
 */
export function numberCheck(
  input: string,
  label: Localized,
  expected: number | null,
  opts: CheckExtras & { tolerance?: number; unit?: Localized } = {},
): Check {
  const tol = opts.tolerance ?? 0;
  const unit = opts.unit;
  return {
    input,
    label,
    expected:
      expected === null
        ? { en: "(empty: does not apply)", zh: "（留空：不适用）" }
        : same(`${expected}${unit ? ` ${unit.en}` : ""}`, `${expected}${unit ? ` ${unit.zh}` : ""}`),
    score: (a: Answer) => {
      const v = a[input];
      if (expected === null) return v === null || v === undefined ? 1 : 0;
      return typeof v === "number" && Math.abs(v - expected) <= tol + 1e-9 ? 1 : 0;
    },
    ...extras(opts),
  };
}

/** A choice input: right or wrong. */
export function choiceCheck(
  input: string,
  label: Localized,
  expectedId: string,
  options: { id: string; label: Localized }[],
  opts: CheckExtras = {},
): Check {
  const o = options.find((x) => x.id === expectedId);
  if (!o) throw new Error(`choiceCheck(${input}): "${expectedId}" is not an option`);
  return { input, label, expected: o.label, score: (a) => (a[input] === expectedId ? 1 : 0), ...extras(opts) };
}

/**
 * A multi-select input, graded per option (each option rightly ticked or rightly left out
 * counts): a fair partial credit that does not reward ticking everything.
 */
export function multiCheck(
  input: string,
  label: Localized,
  expectedIds: string[],
  options: { id: string; label: Localized }[],
  opts: CheckExtras & { showIds?: boolean } = {},
): Check {
  // Long option texts (whole sentences) read better as their ids in "you answered … / gives …".
  const show = (ids: string[]): Localized => {
    const picked = options.filter((o) => ids.includes(o.id));
    if (!picked.length) return { en: "(none)", zh: "（无）" };
    if (opts.showIds) return { en: picked.map((o) => o.id).join(", "), zh: picked.map((o) => o.id).join("、") };
    return { en: picked.map((o) => o.label.en).join("; "), zh: picked.map((o) => o.label.zh).join("；") };
  };
  return {
    input,
    label,
    expected: show(expectedIds),
    got: (a: Answer) => {
      const v = a[input];
      return show(Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === "string") : []);
    },
    score: (a) => {
      const v = a[input];
      const picked = Array.isArray(v) ? (v as unknown[]) : [];
      let right = 0;
      for (const o of options) if (picked.includes(o.id) === expectedIds.includes(o.id)) right++;
      return options.length ? right / options.length : 1;
    },
    ...extras(opts),
  };
}

const PSH_NOTE: Localized = {
  en: "PSH is not graded (Linux sets it on the last segment of a send()).",
  zh: "PSH 不计分（Linux 在一次 send() 的最后一个报文段上置 PSH）。",
};

/** Flags compared as sets, PSH ignored: it says nothing about connection management. */
export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  const norm = (x: readonly string[]) => [...new Set(x.filter((f) => f !== "PSH"))].sort().join(",");
  return norm(a) === norm(b);
}

/**
 * One row of a `segments` input, graded per field (flags, seq, ack each a third), PSH ignored.
 * A row without the ACK flag accepts an empty ack or 0: the field is meaningless then
 * (RFC 9293 §3.1: "if the ACK control bit is set …"), but it is still on the wire, and Linux sends
 * 0 in it on a SYN (a fresh socket's rcv_nxt) and on a RST built from SEG.ACK
 * (`tcp_v4_send_reset()`, net/ipv4/tcp_ipv4.c), which is what tcpdump -S / Wireshark show.
 */
export function segmentRowCheck(
  input: string,
  row: number,
  label: Localized,
  expected: SegmentRowValue,
  opts: CheckExtras = {},
): Check {
  const rowOf = (a: Answer): SegmentRowValue | undefined => {
    const v = a[input];
    return Array.isArray(v) ? (v[row] as SegmentRowValue | undefined) : undefined;
  };
  const why = opts.why
    ? { en: `${opts.why.en} ${expected.flags.includes("PSH") ? PSH_NOTE.en : ""}`.trim(), zh: `${opts.why.zh}${expected.flags.includes("PSH") ? PSH_NOTE.zh : ""}` }
    : undefined;
  return {
    input,
    label,
    expected: same(formatSegmentRow(expected)),
    got: (a) => {
      const r = rowOf(a);
      return r ? same(formatSegmentRow(r)) : { en: "(empty)", zh: "（空）" };
    },
    score: (a) => {
      const r = rowOf(a);
      if (!r) return 0;
      let s = 0;
      if (Array.isArray(r.flags) && sameFlags(r.flags, expected.flags)) s++;
      if (r.seq === expected.seq) s++;
      if (r.ack === expected.ack || (expected.ack === null && r.ack === 0)) s++;
      return s / 3;
    },
    ...extras({ ...opts, ...(why ? { why } : {}) }),
  };
}
