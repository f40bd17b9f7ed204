import type { TopicId } from "@/lib/content/topics";

/**
 * Adaptive practice (issue #19 item 4): which topic to practise next, at which difficulty, and
 * which question. Pure: the caller reads the student's recent results (lib/server/quiz/adaptive.ts)
 * and passes a random `roll` in [0, 1), so every decision here is reproducible in a test.
 *
 * - Topic: the weakest one, by a smoothed mean of the newest answers in each topic (a topic never
 *   practised counts as PRIOR_MASTERY, so it is explored before topics the student already does
 *   better than that in; ties go to the earlier lesson).
 * - Difficulty: a staircase on the newest answers of that topic (or family), the usual
 *   "two up, one down" rule of adaptive testing: start where the newest answer was (2 without
 *   history), one level down after a miss (score < MISS_BELOW), one level up after two strong
 *   answers in a row (score ≥ STRONG_FROM), levels 1–3 (every family's `difficulty` config and
 *   the bank questions' `difficulty`: lib/scenarios/README.md, lib/content/questions.ts).
 */

export type Difficulty = 1 | 2 | 3;
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];
export const DEFAULT_DIFFICULTY: Difficulty = 2;

/** How many of the newest answers per topic are read. */
export const ADAPTIVE_WINDOW = 10;
/** The mastery assumed for a topic without answers, and how many answers it weighs. */
export const PRIOR_MASTERY = 0.5;
export const PRIOR_WEIGHT = 2;
/** Below this score an answer is a miss (the same line as a failed flashcard recall: lib/flashcards/scheduler.ts AGAIN_BELOW_SCORE). */
export const MISS_BELOW = 0.6;
export const STRONG_FROM = 0.8;

/** One graded answer, with the difficulty it was asked at. */
export type RecentResult = { topic: TopicId; source: string; ref: string; difficulty: Difficulty; score: number };

/** Something practice can ask: a bank question (fixed difficulty) or a family (any difficulty). */
export type AdaptiveCandidate =
  | { kind: "bank"; id: string; topic: TopicId; difficulty: Difficulty }
  | { kind: "family"; id: string; topic: TopicId };

export type TopicWeakness = { topic: TopicId; answered: number; mastery: number };

export function clampDifficulty(value: unknown): Difficulty {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n)) return DEFAULT_DIFFICULTY;
  return Math.min(3, Math.max(1, Math.round(n))) as Difficulty;
}

/**
 * Smoothed mastery per topic, weakest first (ties: the order of `topics`). `results` are newest
 * first; only the newest ADAPTIVE_WINDOW of each topic count.
 */
export function rankTopics(results: readonly RecentResult[], topics: readonly TopicId[]): TopicWeakness[] {
  const ranked = topics.map((topic, order) => {
    const scores = results.filter((r) => r.topic === topic).slice(0, ADAPTIVE_WINDOW).map((r) => r.score);
    const sum = scores.reduce((a, b) => a + b, 0);
    const mastery = (sum + PRIOR_MASTERY * PRIOR_WEIGHT) / (scores.length + PRIOR_WEIGHT);
    return { topic, answered: scores.length, mastery, order };
  });
  ranked.sort((a, b) => a.mastery - b.mastery || a.order - b.order);
  return ranked.map(({ topic, answered, mastery }) => ({ topic, answered, mastery }));
}

/** The next difficulty after these answers (newest first, all of one topic or one family). */
export function nextDifficulty(results: readonly Pick<RecentResult, "difficulty" | "score">[]): Difficulty {
  const [newest, before] = results;
  if (!newest) return DEFAULT_DIFFICULTY;
  if (newest.score < MISS_BELOW) return clampDifficulty(newest.difficulty - 1);
  if (before && newest.score >= STRONG_FROM && before.score >= STRONG_FROM) return clampDifficulty(newest.difficulty + 1);
  return newest.difficulty;
}

export type AdaptivePick = {
  topic: TopicId;
  difficulty: Difficulty;
  candidate: AdaptiveCandidate;
  /** The topic's mastery estimate the choice was made on (for the "why this question" line). */
  mastery: number;
  /** "up" / "down" / "same" relative to the newest answer in the topic; "start" without one. */
  step: "up" | "down" | "same" | "start";
};

function keyOf(c: AdaptiveCandidate): string {
  return `${c.kind}:${c.id}`;
}

/**
 * One candidate of `topic` at `difficulty`: a family (asked at that difficulty) or a bank
 * question of that difficulty; if there is none, the bank questions of the nearest difficulty.
 * `previousRef` (the question just asked) is avoided when there is another choice.
 */
export function pickCandidate(
  candidates: readonly AdaptiveCandidate[],
  topic: TopicId,
  difficulty: Difficulty,
  roll: number,
  previousRef?: string,
): AdaptiveCandidate | null {
  const inTopic = candidates.filter((c) => c.topic === topic);
  if (inTopic.length === 0) return null;
  const distance = (c: AdaptiveCandidate) => (c.kind === "family" ? 0 : Math.abs(c.difficulty - difficulty));
  const best = Math.min(...inTopic.map(distance));
  let pool = inTopic.filter((c) => distance(c) === best);
  const fresh = pool.filter((c) => c.id !== previousRef);
  if (fresh.length > 0) pool = fresh;
  else {
    const others = inTopic.filter((c) => c.id !== previousRef);
    if (others.length > 0) pool = others;
  }
  pool.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const r = Number.isFinite(roll) ? Math.min(Math.max(roll, 0), 0.999999) : 0;
  return pool[Math.floor(r * pool.length)] ?? pool[0] ?? null;
}

function stepOf(results: readonly RecentResult[], difficulty: Difficulty): AdaptivePick["step"] {
  const newest = results[0];
  if (!newest) return "start";
  return difficulty > newest.difficulty ? "up" : difficulty < newest.difficulty ? "down" : "same";
}

/**
 * The next practice question: the weakest topic that has something to ask, its next difficulty,
 * one candidate. `topic` fixes the topic (topic practice); `results` are newest first.
 */
export function adaptivePick(input: {
  results: readonly RecentResult[];
  candidates: readonly AdaptiveCandidate[];
  topics: readonly TopicId[];
  roll: number;
  previousRef?: string;
  topic?: TopicId;
}): AdaptivePick | null {
  const { results, candidates, roll, previousRef } = input;
  const askable = input.topics.filter((t) => candidates.some((c) => c.topic === t));
  const ranked = rankTopics(results, input.topic ? askable.filter((t) => t === input.topic) : askable);
  const weakest = ranked[0];
  if (!weakest) return null;
  const inTopic = results.filter((r) => r.topic === weakest.topic);
  const difficulty = nextDifficulty(inTopic);
  const candidate = pickCandidate(candidates, weakest.topic, difficulty, roll, previousRef);
  if (!candidate) return null;
  const asked = candidate.kind === "bank" ? candidate.difficulty : difficulty;
  return { topic: weakest.topic, difficulty: asked, candidate, mastery: weakest.mastery, step: stepOf(inTopic, asked) };
}

/** The difficulty for the next variant of one family, from that family's own answers (newest first). */
export function familyDifficulty(results: readonly RecentResult[], family: string): Difficulty {
  return nextDifficulty(results.filter((r) => r.source === "family" && r.ref === family));
}
