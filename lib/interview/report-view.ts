import { formatPercent, NO_VALUE } from "@/lib/core/format";
import type { TopicId } from "@/lib/content/topics";
import { WEAK_BELOW, type CalibrationBucket, type InterviewKind, type InterviewReport, type TopicScore } from "./report";

/**
 * What the report page (app/[locale]/(learn)/interview/[id]/report) shows, computed from the
 * stored report and the session's items: pure functions, so the page is presentation only and
 * each number it prints is tested here. The report itself is built once, when the session ends
 * (report.ts computeInterviewReport); this only reads it.
 */

/** A duration as m:ss, rounded to the second ("—" when there is none): 75 400 ms → "1:15". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_VALUE;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * A question's or card's markdown as one line of plain text for a table cell: code ticks,
 * emphasis stars and heading/quote markers dropped, whitespace collapsed, cut at `max`
 * characters with "…".
 */
export function plainExcerpt(text: string, max = 80): string {
  const plain = text.replace(/[`*]/g, "").replace(/^\s*[#>]+\s*/gm, "").replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** A 0..1 share in whole percentage points, as the report's prose prints it: 0.125 → "13". */
export function percentPoints(x: number): string {
  return (x * 100).toFixed(0);
}

/** The calibration chart's text alternative: "level: stated → actual" for each level used. */
export function calibrationSummary(byConfidence: readonly CalibrationBucket[]): string {
  return byConfidence
    .filter((b) => b.count > 0)
    .map((b) => `${b.confidence}: ${formatPercent(b.stated)} → ${formatPercent(b.meanCorrectness)}`)
    .join("; ");
}

/** The calibration chart's series in whole percent (null: no answer at that level). */
export function calibrationChartData(byConfidence: readonly CalibrationBucket[]): { level: string; stated: number; actual: number | null }[] {
  return byConfidence.map((b) => ({ level: String(b.confidence), stated: Math.round(b.stated * 100), actual: b.meanCorrectness === null ? null : Math.round(b.meanCorrectness * 100) }));
}

/** The bias sentence's parts: how many points, and whether the candidate was more sure than right. */
export function biasStatement(bias: number | null): { points: string; moreSure: boolean } | null {
  return bias === null ? null : { points: percentPoints(Math.abs(bias)), moreSure: bias >= 0 };
}

/** A topic's score bar: its width in percent and whether it is below the weak threshold. */
export function scoreBar(score: number | null): { widthPercent: number; weak: boolean } {
  return { widthPercent: Math.round((score ?? 0) * 100), weak: !(score !== null && score >= WEAK_BELOW) };
}

/** A session item as the time table needs it (the stored row's scores and confidence). */
export type ReportSessionItem = { position: number; kind: string; selfScore: number | null; autoScore: number | null; confidence: number | null };

export type QuestionRow = {
  position: number;
  kind: InterviewKind;
  ref: string;
  topic: TopicId;
  /** null: the question was skipped. */
  durationMs: number | null;
  slowest: boolean;
  /** The self-assessment (open) or the automatic grade once confidence was given (scenario). */
  score: number | null;
  /** The confidence stated with an answer that counts for calibration; null otherwise. */
  confidence: number | null;
};

/** One row per question, in order: time, whether it was the slowest, score and confidence. */
export function questionRows(report: InterviewReport, items: readonly ReportSessionItem[]): QuestionRow[] {
  return report.time.perQuestion.map((q) => {
    const point = report.calibration.points.find((p) => p.position === q.position);
    const item = items.find((i) => i.position === q.position);
    const score = item ? (item.kind === "open" ? item.selfScore : item.confidence !== null ? item.autoScore : null) : null;
    return { ...q, slowest: report.time.slowest === q.position, score, confidence: point ? point.confidence : null };
  });
}

/** Whether the "what next" card has anything to recommend. */
export function hasRecommendations(report: InterviewReport): boolean {
  return report.recommendations.lessons.length > 0 || report.recommendations.weakTopics.length > 0;
}

export type ComparisonRow = { id: string; startedAt: Date; current: boolean; overall: number | null; calibrationError: string };

/** A session of the candidate's as the comparison reads it (report null: not finished). */
export type PastSession = { id: string; startedAt: Date; report: InterviewReport | null };

/**
 * The candidate's reported sessions side by side (overall score and calibration error), this
 * one marked; empty when there is nothing to compare it with (fewer than two reports).
 */
export function sessionComparison(sessions: readonly PastSession[], currentId: string): ComparisonRow[] {
  const reported = sessions.flatMap((s) => (s.report ? [{ ...s, report: s.report }] : []));
  if (reported.length < 2) return [];
  return reported.map((s) => ({
    id: s.id,
    startedAt: s.startedAt,
    current: s.id === currentId,
    overall: s.report.overall,
    calibrationError: s.report.calibration.meanAbsError === null ? NO_VALUE : percentPoints(s.report.calibration.meanAbsError),
  }));
}

export type TopicRow = TopicScore & { bar: ReturnType<typeof scoreBar> };

/**
 * Everything the report page prints beside the texts of its messages, in one call: the
 * calibration card (error and bias in points, the chart's data and text alternative), the time
 * card, the per-topic and per-question rows, whether there is anything to recommend, and the
 * comparison with the candidate's other reported sessions.
 */
export function reportView(report: InterviewReport, items: readonly ReportSessionItem[], sessions: readonly PastSession[], currentId: string) {
  const { calibration, time } = report;
  return {
    calibrationError: calibration.meanAbsError === null ? null : percentPoints(calibration.meanAbsError),
    bias: biasStatement(calibration.bias),
    chartData: calibrationChartData(calibration.byConfidence),
    chartSummary: calibrationSummary(calibration.byConfidence),
    totalTime: formatDuration(time.totalMs),
    meanTime: formatDuration(time.meanMs),
    topics: report.byTopic.map((row): TopicRow => ({ ...row, bar: scoreBar(row.score) })),
    questions: questionRows(report, items),
    recommends: hasRecommendations(report),
    comparison: sessionComparison(sessions, currentId),
  };
}
