import { describe, expect, it } from "vitest";
import { computeInterviewReport } from "./report";
import { biasStatement, calibrationChartData, calibrationSummary, formatDuration, hasRecommendations, percentPoints, plainExcerpt, questionRows, reportView, scoreBar, sessionComparison } from "./report-view";
import { reportItem } from "./test-support";

const item = reportItem;

describe("formatDuration", () => {
  it("should print minutes and zero-padded seconds, rounded to the second", () => {
    const cases = [[75_400, "1:15"], [59_600, "1:00"], [5_000, "0:05"], [0, "0:00"]] as const;
    for (const [ms, text] of cases) expect(formatDuration(ms)).toBe(text);
  });

  it("should print a dash for no duration", () => {
    expect(formatDuration(null)).toBe("—");
  });
});

describe("plainExcerpt", () => {
  it("should drop markdown marks and collapse whitespace", () => {
    expect(plainExcerpt("# Why does `SYN_RECV`\n> **linger**?")).toBe("Why does SYN_RECV linger?");
  });

  it("should cut long text to max characters ending in an ellipsis", () => {
    const cut = plainExcerpt("a".repeat(100), 10);
    expect(cut).toBe(`${"a".repeat(9)}…`);
    expect(cut).toHaveLength(10);
    expect(plainExcerpt("short", 10)).toBe("short");
  });
});

describe("calibration views", () => {
  // confidence 4 (stated 0.75) twice, scores 1 and 0.5: mean correctness 0.75; confidence 2 (0.25) once, score 1.
  const report = computeInterviewReport([
    item({ position: 0, confidence: 4, score: 1 }),
    item({ position: 1, confidence: 4, score: 0.5 }),
    item({ position: 2, confidence: 2, score: 1 }),
  ]);

  it("should summarise only the levels that were used, stated → actual", () => {
    expect(calibrationSummary(report.calibration.byConfidence)).toBe("2: 25% → 100%; 4: 75% → 75%");
  });

  it("should give the chart whole percentages and null where a level has no answer", () => {
    const data = calibrationChartData(report.calibration.byConfidence);
    expect(data.map((d) => d.level)).toEqual(["1", "2", "3", "4", "5"]);
    expect(data[1]).toEqual({ level: "2", stated: 25, actual: 100 });
    expect(data[0]).toEqual({ level: "1", stated: 0, actual: null });
  });

  it("should state the bias in points and its direction", () => {
    expect(biasStatement(0.254)).toEqual({ points: "25", moreSure: true });
    expect(biasStatement(-0.1)).toEqual({ points: "10", moreSure: false });
    expect(biasStatement(0)).toEqual({ points: "0", moreSure: true });
    expect(biasStatement(null)).toBeNull();
    expect(percentPoints(0.125)).toBe("13");
  });
});

describe("scoreBar", () => {
  it("should be as wide as the score and weak below the threshold (0.7) or without a score", () => {
    expect(scoreBar(0.8)).toEqual({ widthPercent: 80, weak: false });
    expect(scoreBar(0.7)).toEqual({ widthPercent: 70, weak: false });
    expect(scoreBar(0.69)).toEqual({ widthPercent: 69, weak: true });
    expect(scoreBar(null)).toEqual({ widthPercent: 0, weak: true });
  });
});

describe("questionRows", () => {
  it("should pair each question with its score, confidence and whether it was the slowest", () => {
    const report = computeInterviewReport([
      item({ position: 0, durationMs: 30_000, confidence: 5 }),
      item({ position: 1, kind: "scenario", ref: "rst", durationMs: 90_000, confidence: 2, score: 0.5 }),
      item({ position: 2, score: null, confidence: null, durationMs: null }),
    ]);
    const rows = questionRows(report, [
      { position: 0, kind: "open", selfScore: 0.9, autoScore: null, confidence: 5 },
      { position: 1, kind: "scenario", selfScore: null, autoScore: 0.5, confidence: 2 },
      { position: 2, kind: "open", selfScore: null, autoScore: null, confidence: null },
    ]);
    expect(rows.map((r) => [r.position, r.slowest, r.score, r.confidence, r.durationMs])).toEqual([
      [0, false, 0.9, 5, 30_000],
      [1, true, 0.5, 2, 90_000],
      [2, false, null, null, null],
    ]);
    expect(rows[1]).toMatchObject({ kind: "scenario", ref: "rst", topic: "handshake" });
  });

  it("should not count a scenario's grade before its confidence was given", () => {
    const report = computeInterviewReport([item({ position: 0, kind: "scenario", score: null, confidence: null, durationMs: null })]);
    const [row] = questionRows(report, [{ position: 0, kind: "scenario", selfScore: null, autoScore: 0.4, confidence: null }]);
    expect(row?.score).toBeNull();
  });
});

describe("hasRecommendations", () => {
  it("should be false only when no topic is weak and no lesson is recommended", () => {
    expect(hasRecommendations(computeInterviewReport([item({ position: 0, score: 1 })]))).toBe(false);
    expect(hasRecommendations(computeInterviewReport([item({ position: 0, score: 0.2 })]))).toBe(true);
  });
});

describe("sessionComparison", () => {
  const good = computeInterviewReport([item({ position: 0, score: 1, confidence: 5 })]);
  const poor = computeInterviewReport([item({ position: 0, score: 0, confidence: 5 })]);
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));

  it("should list the reported sessions, mark this one, and give the calibration error in points", () => {
    const rows = sessionComparison(
      [
        { id: "b", startedAt: at(2), report: poor },
        { id: "x", startedAt: at(2), report: null },
        { id: "a", startedAt: at(1), report: good },
      ],
      "a",
    );
    expect(rows).toEqual([
      { id: "b", startedAt: at(2), current: false, overall: 0, calibrationError: "100" },
      { id: "a", startedAt: at(1), current: true, overall: 1, calibrationError: "0" },
    ]);
  });

  it("should be empty when there is no other report to compare with", () => {
    expect(sessionComparison([{ id: "a", startedAt: at(1), report: good }, { id: "x", startedAt: at(2), report: null }], "a")).toEqual([]);
  });
});

describe("reportView", () => {
  it("should gather what the page prints: calibration in points, times, rows per topic and question, comparison", () => {
    const report = computeInterviewReport([
      item({ position: 0, confidence: 5, score: 0.5, durationMs: 75_400 }),
      item({ position: 1, confidence: null, score: null, durationMs: null }),
    ]);
    const view = reportView(report, [{ position: 0, kind: "open", selfScore: 0.5, autoScore: null, confidence: 5 }], [], "a");
    expect(view.calibrationError).toBe(percentPoints(report.calibration.meanAbsError!));
    expect(view.bias).toEqual(biasStatement(report.calibration.bias));
    expect(view.chartSummary).toBe(calibrationSummary(report.calibration.byConfidence));
    expect(view.totalTime).toBe(formatDuration(report.time.totalMs));
    expect(view.topics.map((t) => t.bar)).toEqual(report.byTopic.map((t) => scoreBar(t.score)));
    expect(view.questions.map((q) => q.position)).toEqual([0, 1]);
    expect(view.recommends).toBe(true);
    expect(view.comparison).toEqual([]);
  });

  it("should have no calibration error when no answer stated a confidence", () => {
    const report = computeInterviewReport([item({ position: 0, confidence: null, score: 1 })]);
    expect(reportView(report, [], [], "a").calibrationError).toBeNull();
  });
});
