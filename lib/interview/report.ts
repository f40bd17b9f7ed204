import { z } from "zod";
import { TOPICS, lessonRefSchema, topicIdSchema, type LessonRef, type TopicId } from "@/lib/content/topics";

/**
 * The report of a mock interview (issue #6 "Interview prep"): per-topic score, confidence
 * calibration, time per question, and what to review next. Pure: the caller passes the answered
 * items and the flashcards that could be recommended; nothing here reads a clock or a database.
 */

export const INTERVIEW_KINDS = ["open", "scenario"] as const;
export const interviewKindSchema = z.enum(INTERVIEW_KINDS);
export type InterviewKind = z.infer<typeof interviewKindSchema>;

export const CONFIDENCE_LEVELS = [1, 2, 3, 4, 5] as const;
export const confidenceSchema = z.number().int().min(1).max(5);
export type Confidence = 1 | 2 | 3 | 4 | 5;

/** One question of a finished (or ended early) session, as the report needs it. */
export const reportItemSchema = z
  .object({
    position: z.number().int().nonnegative(),
    kind: interviewKindSchema,
    /** Interview question id (open) or question family id (scenario). */
    ref: z.string().min(1),
    topic: topicIdSchema,
    /** 0..1: the self-assessment of an open question, the automatic grade of a scenario; null if skipped. */
    score: z.number().min(0).max(1).nullable(),
    confidence: confidenceSchema.nullable(),
    /** From the question being shown to the answer being submitted; null if skipped. */
    durationMs: z.number().int().nonnegative().nullable(),
    /** Lesson sections the question is about (`slug` or `slug#section`). */
    lessons: z.array(lessonRefSchema),
  })
  .strict();
export type ReportItem = z.infer<typeof reportItemSchema>;

/** A built-in flashcard that may be recommended (id, topic and the lesson section it is linked to). */
export type CandidateCard = { id: string; topic: TopicId; lesson: LessonRef };

/** Below this score a question counts as weak: its lessons and flashcards are recommended. */
export const WEAK_BELOW = 0.7;
/**
 * |bias| up to this much counts as well calibrated. On the 0..1 scale one confidence step is
 * 0.25, so 0.15 is "less than about half a step too high or too low on average".
 */
export const CALIBRATED_WITHIN = 0.15;
export const MAX_RECOMMENDED_LESSONS = 6;
export const MAX_RECOMMENDED_CARDS = 8;

/**
 * Confidence 1..5 as a stated probability of being right: 1 → 0, 2 → 0.25, 3 → 0.5, 4 → 0.75,
 * 5 → 1. A linear map keeps "3 = a coin toss" and makes the calibration error readable in
 * percentage points.
 */
export function confidenceToProbability(confidence: number): number {
  const c = confidenceSchema.parse(confidence);
  return (c - 1) / 4;
}

export interface TopicScore {
  topic: TopicId;
  questions: number;
  answered: number;
  /** Mean score of the answered questions; null if none was answered. */
  score: number | null;
}

export interface CalibrationPoint {
  position: number;
  confidence: Confidence;
  /** confidenceToProbability(confidence) */
  stated: number;
  correctness: number;
}

export interface CalibrationBucket {
  confidence: Confidence;
  stated: number;
  count: number;
  /** Mean score of the questions answered with this confidence; null when there are none. */
  meanCorrectness: number | null;
}

export interface InterviewReport {
  v: 1;
  questions: number;
  answered: number;
  skipped: number;
  /** Mean score over answered questions; null if nothing was answered. */
  overall: number | null;
  byTopic: TopicScore[];
  calibration: {
    points: CalibrationPoint[];
    byConfidence: CalibrationBucket[];
    /** Mean |stated − correctness| over answered questions (0 = perfect); null without points. */
    meanAbsError: number | null;
    /** Mean (stated − correctness): > 0 over-confident, < 0 under-confident. */
    bias: number | null;
    verdict: "overconfident" | "underconfident" | "calibrated" | null;
  };
  time: {
    perQuestion: { position: number; kind: InterviewKind; ref: string; topic: TopicId; durationMs: number | null }[];
    /** Sum over answered questions. */
    totalMs: number;
    meanMs: number | null;
    /** Position of the question that took longest; null if nothing was answered. */
    slowest: number | null;
  };
  recommendations: {
    /** Topics with a score below WEAK_BELOW (or nothing answered), weakest first. */
    weakTopics: TopicId[];
    /** Lesson sections of the weak questions, weakest question first, without duplicates. */
    lessons: LessonRef[];
    /** Built-in flashcard ids linked to those sections (or, failing that, to the weak topics). */
    flashcards: string[];
  };
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

const topicOrder = (topic: TopicId): number => TOPICS.findIndex((t) => t.id === topic);

function calibration(items: readonly ReportItem[]): InterviewReport["calibration"] {
  const points: CalibrationPoint[] = items.flatMap((item) =>
    item.score !== null && item.confidence !== null
      ? [
          {
            position: item.position,
            confidence: item.confidence as Confidence,
            stated: confidenceToProbability(item.confidence),
            correctness: item.score,
          },
        ]
      : [],
  );
  const byConfidence = CONFIDENCE_LEVELS.map((confidence): CalibrationBucket => {
    const here = points.filter((p) => p.confidence === confidence);
    return {
      confidence,
      stated: confidenceToProbability(confidence),
      count: here.length,
      meanCorrectness: mean(here.map((p) => p.correctness)),
    };
  });
  const meanAbsError = mean(points.map((p) => Math.abs(p.stated - p.correctness)));
  const bias = mean(points.map((p) => p.stated - p.correctness));
  const verdict =
    bias === null ? null : bias > CALIBRATED_WITHIN ? "overconfident" : bias < -CALIBRATED_WITHIN ? "underconfident" : "calibrated";
  return { points, byConfidence, meanAbsError, bias, verdict };
}

function lessonSlug(ref: LessonRef): string {
  return ref.split("#")[0] ?? ref;
}

function recommendations(
  items: readonly ReportItem[],
  byTopic: readonly TopicScore[],
  cards: readonly CandidateCard[],
): InterviewReport["recommendations"] {
  const weakTopics = byTopic
    .filter((t) => t.score === null || t.score < WEAK_BELOW)
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || topicOrder(a.topic) - topicOrder(b.topic))
    .map((t) => t.topic);

  // Skipped questions are as weak as it gets (score −1 sorts them first), then the lowest scores.
  const weakItems = items
    .filter((i) => i.score === null || i.score < WEAK_BELOW)
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || a.position - b.position);
  const lessons: LessonRef[] = [];
  for (const item of weakItems) {
    for (const ref of item.lessons) {
      if (!lessons.includes(ref)) lessons.push(ref);
    }
  }

  // Cards on exactly the weak sections first, then cards of the same lessons, then of the weak topics.
  const picked: string[] = [];
  const add = (card: CandidateCard) => {
    if (picked.length < MAX_RECOMMENDED_CARDS && !picked.includes(card.id)) picked.push(card.id);
  };
  for (const ref of lessons) cards.filter((c) => c.lesson === ref).forEach(add);
  const slugs = lessons.map(lessonSlug);
  for (const slug of slugs) cards.filter((c) => lessonSlug(c.lesson) === slug).forEach(add);
  for (const topic of weakTopics) cards.filter((c) => c.topic === topic).forEach(add);

  return { weakTopics, lessons: lessons.slice(0, MAX_RECOMMENDED_LESSONS), flashcards: picked };
}

/** Builds the report. Items may come in any order; the report lists them by position. */
export function computeInterviewReport(input: readonly ReportItem[], cards: readonly CandidateCard[] = []): InterviewReport {
  const items = input.map((item) => reportItemSchema.parse(item)).sort((a, b) => a.position - b.position);
  const answered = items.filter((i) => i.score !== null);

  const topics = [...new Set(items.map((i) => i.topic))].sort((a, b) => topicOrder(a) - topicOrder(b));
  const byTopic = topics.map((topic): TopicScore => {
    const here = items.filter((i) => i.topic === topic);
    const scores = here.flatMap((i) => (i.score === null ? [] : [i.score]));
    return { topic, questions: here.length, answered: scores.length, score: mean(scores) };
  });

  const durations = answered.flatMap((i) => (i.durationMs === null ? [] : [{ position: i.position, ms: i.durationMs }]));
  const slowest = durations.reduce<{ position: number; ms: number } | null>((best, d) => (best === null || d.ms > best.ms ? d : best), null);

  return {
    v: 1,
    questions: items.length,
    answered: answered.length,
    skipped: items.length - answered.length,
    overall: mean(answered.map((i) => i.score as number)),
    byTopic,
    calibration: calibration(items),
    time: {
      perQuestion: items.map((i) => ({ position: i.position, kind: i.kind, ref: i.ref, topic: i.topic, durationMs: i.score === null ? null : i.durationMs })),
      totalMs: durations.reduce((sum, d) => sum + d.ms, 0),
      meanMs: mean(durations.map((d) => d.ms)),
      slowest: slowest?.position ?? null,
    },
    recommendations: recommendations(items, byTopic, cards),
  };
}

/** A stored report read back from the database (JSON column); null if it is not a v1 report. */
export function readInterviewReport(value: unknown): InterviewReport | null {
  if (typeof value !== "object" || value === null || (value as { v?: unknown }).v !== 1) return null;
  return value as InterviewReport;
}
