import type { Locale } from "@/lib/core";

/**
 * Which key points a written interview answer seems to cover (issue #19 item 8): a suggestion
 * the candidate sees, ticked in advance, before confirming or correcting it in the
 * self-assessment. Pure, no dictionary: each key point lists its concepts per language, each
 * concept a `|`-separated list of synonyms (content/interview/questions.yaml `keywords`).
 *
 * - English synonyms match case-insensitively at the start of a word ("retransmi" matches
 *   "retransmits" and "retransmission"; "ack" does not match "back"); hyphens, underscores and
 *   spaces are interchangeable ("time-wait", "TIME_WAIT", "time wait").
 * - Chinese synonyms match anywhere (no spaces between words); full-width forms are folded by NFKC.
 * - A point is suggested when, in either language's list, at least half of its concepts (and
 *   at least one) appear: an answer may mix languages, or be written in the other one.
 */

export type KeywordSets = Record<Locale, readonly string[]>;
export type KeyPointMatch = { covered: boolean; matched: string[] };

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[-_\s]+/g, " ");
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const wordChar = /[a-z0-9]/;

function contains(haystack: string, synonym: string): boolean {
  const needle = normalize(synonym).trim();
  if (!needle) return false;
  // A word start is required only where the synonym itself starts with a letter or digit.
  const pattern = wordChar.test(needle[0]!) ? new RegExp(`(?:^|[^a-z0-9])${escape(needle)}`) : new RegExp(escape(needle));
  return pattern.test(haystack);
}

/** The matched concepts (their first synonym) of one list. */
function matchList(haystack: string, concepts: readonly string[]): string[] {
  return concepts.flatMap((concept) => {
    const synonyms = concept.split("|").map((s) => s.trim()).filter(Boolean);
    return synonyms.some((s) => contains(haystack, s)) ? [synonyms[0]!] : [];
  });
}

export function matchKeyPoint(answer: string, keywords: KeywordSets): KeyPointMatch {
  const haystack = normalize(answer);
  let best: KeyPointMatch = { covered: false, matched: [] };
  for (const list of [keywords.en, keywords.zh]) {
    const matched = matchList(haystack, list);
    const covered = matched.length > 0 && matched.length * 2 >= list.length;
    if ((covered && !best.covered) || (covered === best.covered && matched.length > best.matched.length)) best = { covered, matched };
  }
  return best;
}

/** One suggestion per key point, in order. */
export function suggestKeyPoints(answer: string, points: readonly { keywords: KeywordSets }[]): KeyPointMatch[] {
  return points.map((p) => matchKeyPoint(answer, p.keywords));
}
