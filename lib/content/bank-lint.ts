/**
 * Bank hygiene (issue #15 item 2): cues a test-wise student can use without knowing TCP.
 *
 * - Key position: in the authored order, the correct choice must not sit in one position
 *   (the shipped bank once keyed 30 of 31 single-choice questions at "a"). Options are shuffled
 *   per variant at serve time, but the authored order is what a printout, a GIFT export or an
 *   instructor preview shows.
 * - Key length: the correct choice must not be the longest option most of the time, and never
 *   much longer than the distractors (the classic "longest answer is right" cue).
 *
 * Lengths are compared per language: English in characters, Chinese in display columns (a Han
 * character or a full-width punctuation mark is two columns, as a reader sees it).
 */
import type { AuthoredQuestion } from "./questions";

export const BANK_LINT_LIMITS = {
  /** No position may hold more than this share of single-choice keys. */
  maxPositionShare: 0.4,
  /** Every position that all single-choice questions have must hold at least this share. */
  minPositionShare: 0.15,
  /** The key may be the strictly longest option in at most this share of questions (per language). */
  maxKeyLongestShare: 0.4,
  /** Key length / mean distractor length, per question and language. */
  maxKeyLengthRatio: 1.3,
  /** No position may be a key in more than this share of multiple-choice questions. */
  maxMultiplePositionShare: 0.75,
};

const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Display width: two columns for Han and full-width characters, one for the rest. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

type Single = Extract<AuthoredQuestion, { kind: "single" }>;
type Multiple = Extract<AuthoredQuestion, { kind: "multiple" }>;

export type BankLint = {
  singles: number;
  /** Single-choice keys per position id (a, b, …). */
  keyPositions: Record<string, number>;
  /** Multiple-choice questions in which each position is a key. */
  multipleKeyPositions: Record<string, number>;
  keyLongest: { en: number; zh: number };
  problems: string[];
};

const LANGS = [
  { lang: "en" as const, len: (s: string) => s.length },
  { lang: "zh" as const, len: displayWidth },
];

export function lintBank(bank: readonly AuthoredQuestion[], limits = BANK_LINT_LIMITS): BankLint {
  const singles = bank.filter((q): q is Single => q.kind === "single");
  const multiples = bank.filter((q): q is Multiple => q.kind === "multiple");
  const problems: string[] = [];
  const keyPositions: Record<string, number> = {};
  const keyLongest = { en: 0, zh: 0 };

  for (const q of singles) {
    keyPositions[q.answer] = (keyPositions[q.answer] ?? 0) + 1;
    for (const { lang, len } of LANGS) {
      const key = q.choices.find((c) => c.id === q.answer);
      const others = q.choices.filter((c) => c.id !== q.answer).map((c) => len(c[lang]));
      if (!key || others.length === 0) continue;
      const k = len(key[lang]);
      if (k > Math.max(...others)) keyLongest[lang]++;
      const ratio = k / (others.reduce((a, b) => a + b, 0) / others.length);
      if (ratio > limits.maxKeyLengthRatio)
        problems.push(`${q.id}: the key is ${ratio.toFixed(2)}× the mean distractor length (${lang})`);
    }
  }

  if (singles.length > 0) {
    const common = Math.min(...singles.map((q) => q.choices.length));
    const positions = "abcdefgh".slice(0, common).split("");
    for (const [pos, n] of Object.entries(keyPositions))
      if (n / singles.length > limits.maxPositionShare)
        problems.push(`position ${pos} holds ${n} of ${singles.length} single-choice keys`);
    for (const pos of positions) {
      const n = keyPositions[pos] ?? 0;
      if (n / singles.length < limits.minPositionShare)
        problems.push(`position ${pos} holds only ${n} of ${singles.length} single-choice keys`);
    }
    for (const { lang } of LANGS)
      if (keyLongest[lang] / singles.length > limits.maxKeyLongestShare)
        problems.push(`the key is the longest option in ${keyLongest[lang]} of ${singles.length} single-choice questions (${lang})`);
  }

  const multipleKeyPositions: Record<string, number> = {};
  for (const q of multiples) for (const id of q.answer) multipleKeyPositions[id] = (multipleKeyPositions[id] ?? 0) + 1;
  if (multiples.length >= 4)
    for (const [pos, n] of Object.entries(multipleKeyPositions))
      if (n / multiples.length > limits.maxMultiplePositionShare)
        problems.push(`position ${pos} is a key in ${n} of ${multiples.length} multiple-choice questions`);

  return { singles: singles.length, keyPositions, multipleKeyPositions, keyLongest, problems };
}
