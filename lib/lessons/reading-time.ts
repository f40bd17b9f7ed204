import readingTime from "reading-time";

/** reading-time's default pace for English prose. */
export const WORDS_PER_MINUTE = 200;
/**
 * Chinese is read by character, not by word: ~300 characters a minute for technical text is the
 * usual estimate (reading-time would count each character as a 200-wpm "word", ~50 % too slow).
 */
export const CJK_CHARS_PER_MINUTE = 300;
/** Time to look at a sequence diagram; Medium's per-image allowance is 12 s. */
export const SECONDS_PER_FIGURE = 12;

// CJK Unified Ideographs, Extension A and the compatibility block: what Chinese text is made of.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
// CJK symbols and punctuation, full-width forms: read along with the characters, not as words.
const CJK_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/g;

/** Whole minutes (at least 1) to read `text` with `figures` diagrams, in either language. */
export function estimateReadingMinutes(text: string, figures = 0): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = readingTime(text.replace(CJK, " ").replace(CJK_PUNCTUATION, " ")).words;
  const minutes = words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE + (figures * SECONDS_PER_FIGURE) / 60;
  return Math.max(1, Math.ceil(minutes));
}
