import { describe, expect, it } from "vitest";
import { CALIBRATED_WITHIN, computeInterviewReport, confidenceToProbability, MAX_RECOMMENDED_CARDS, readInterviewReport, type CandidateCard } from "./report";
import { reportItem } from "./test-support";

const item = reportItem;

describe("confidenceToProbability", () => {
  it("should map 1..5 linearly onto 0..1 in quarter steps", () => {
    expect([1, 2, 3, 4, 5].map(confidenceToProbability)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("should reject confidence outside 1..5 or fractional", () => {
    expect(() => confidenceToProbability(0)).toThrow();
    expect(() => confidenceToProbability(6)).toThrow();
    expect(() => confidenceToProbability(2.5)).toThrow();
  });
});

describe("computeInterviewReport: scores", () => {
  it("should average per topic over answered questions and list topics in lesson order", () => {
    const report = computeInterviewReport([
      item({ position: 0, topic: "backlog", score: 0.5, lessons: ["listen-backlog"] }),
      item({ position: 1, topic: "handshake", score: 1 }),
      item({ position: 2, topic: "backlog", score: 0.25, lessons: ["listen-backlog"] }),
      item({ position: 3, topic: "backlog", score: null, confidence: null, durationMs: null, lessons: ["listen-backlog"] }),
    ]);
    // handshake is lesson 2, backlog lesson 5 (lib/content/topics.ts order).
    expect(report.byTopic.map((t) => t.topic)).toEqual(["handshake", "backlog"]);
    // backlog: (0.5 + 0.25) / 2 answered; the skipped question counts as a question, not a zero.
    expect(report.byTopic[1]).toEqual({ topic: "backlog", questions: 3, answered: 2, score: 0.375 });
    expect(report.byTopic[0]).toEqual({ topic: "handshake", questions: 1, answered: 1, score: 1 });
    // overall: (0.5 + 1 + 0.25) / 3
    expect(report.overall).toBeCloseTo(1.75 / 3, 12);
    expect(report.questions).toBe(4);
    expect(report.answered).toBe(3);
    expect(report.skipped).toBe(1);
  });

  it("should report null scores when nothing was answered", () => {
    const report = computeInterviewReport([item({ position: 0, score: null, confidence: null, durationMs: null })]);
    expect(report.overall).toBeNull();
    expect(report.byTopic[0]?.score).toBeNull();
    expect(report.calibration.meanAbsError).toBeNull();
    expect(report.calibration.verdict).toBeNull();
    expect(report.time.meanMs).toBeNull();
    expect(report.time.slowest).toBeNull();
    expect(report.recommendations.weakTopics).toEqual(["handshake"]);
  });

  it("should sort items by position whatever order they come in", () => {
    const report = computeInterviewReport([item({ position: 2 }), item({ position: 0 }), item({ position: 1 })]);
    expect(report.time.perQuestion.map((q) => q.position)).toEqual([0, 1, 2]);
  });

  it("should reject an item with a score outside 0..1", () => {
    expect(() => computeInterviewReport([item({ position: 0, score: 1.2 })])).toThrow();
  });
});

describe("computeInterviewReport: calibration", () => {
  /** The calibration of a report whose items, in order, were answered with these (confidence, score) pairs. */
  const calibrationOf = (...answers: [confidence: number | null, score: number][]) =>
    computeInterviewReport(answers.map(([confidence, score], position) => item({ position, confidence, score }))).calibration;

  it("should be perfect when stated confidence equals correctness", () => {
    // confidence 5 ↔ 1.0, 3 ↔ 0.5, 1 ↔ 0.0
    const calibration = calibrationOf([5, 1], [3, 0.5], [1, 0]);
    expect(calibration.meanAbsError).toBe(0);
    expect(calibration.bias).toBe(0);
    expect(calibration.verdict).toBe("calibrated");
  });

  it("should measure over-confidence as mean |stated − correct| and a positive bias", () => {
    // Stated 1.0 and 0.75 against scores 0.2 and 0.75: errors 0.8 and 0 → mean 0.4; bias (0.8 + 0) / 2 = 0.4.
    const calibration = calibrationOf([5, 0.2], [4, 0.75]);
    expect(calibration.meanAbsError).toBeCloseTo(0.4, 12);
    expect(calibration.bias).toBeCloseTo(0.4, 12);
    expect(calibration.verdict).toBe("overconfident");
  });

  it("should call a negative bias beyond the threshold under-confident and let errors of both signs cancel in the bias only", () => {
    // Stated 0 with score 1 (−1) and stated 1 with score 0.5 (+0.5): |e| mean 0.75, bias −0.25.
    const calibration = calibrationOf([1, 1], [5, 0.5]);
    expect(calibration.meanAbsError).toBeCloseTo(0.75, 12);
    expect(calibration.bias).toBeCloseTo(-0.25, 12);
    expect(-0.25).toBeLessThan(-CALIBRATED_WITHIN);
    expect(calibration.verdict).toBe("underconfident");
  });

  it("should bucket by confidence level with the mean correctness of each", () => {
    const calibration = calibrationOf([4, 1], [4, 0.5], [2, 0], [null, 1]);
    const buckets = Object.fromEntries(calibration.byConfidence.map((b) => [b.confidence, b]));
    expect(buckets[4]).toEqual({ confidence: 4, stated: 0.75, count: 2, meanCorrectness: 0.75 });
    expect(buckets[2]).toEqual({ confidence: 2, stated: 0.25, count: 1, meanCorrectness: 0 });
    expect(buckets[1]).toEqual({ confidence: 1, stated: 0, count: 0, meanCorrectness: null });
    // The item without a confidence is scored but is not a calibration point.
    expect(calibration.points.map((p) => p.position)).toEqual([0, 1, 2]);
  });
});

describe("computeInterviewReport: time", () => {
  it("should total, average and find the slowest answered question, ignoring skipped ones", () => {
    const report = computeInterviewReport([
      item({ position: 0, durationMs: 30_000 }),
      item({ position: 1, durationMs: 90_000 }),
      item({ position: 2, durationMs: 45_000, score: null, confidence: null }),
      item({ position: 3, durationMs: 60_000 }),
    ]);
    expect(report.time.totalMs).toBe(180_000);
    expect(report.time.meanMs).toBe(60_000);
    expect(report.time.slowest).toBe(1);
    expect(report.time.perQuestion[2]?.durationMs).toBeNull();
  });
});

describe("computeInterviewReport: recommendations", () => {
  const cards: CandidateCard[] = [
    { id: "tw-why-2msl", topic: "time-wait", lesson: "time-wait#why-2msl" },
    { id: "tw-linux-60", topic: "time-wait", lesson: "time-wait#linux-60s" },
    { id: "bl-accept-queue", topic: "backlog", lesson: "listen-backlog#accept-queue" },
    { id: "bl-syn-queue", topic: "backlog", lesson: "listen-backlog#syn-queue" },
    { id: "hs-why-three", topic: "handshake", lesson: "three-way-handshake#why-three" },
  ];

  it("should recommend the weak questions' lessons, weakest first, and cards on those sections before others", () => {
    const report = computeInterviewReport(
      [
        item({ position: 0, topic: "handshake", score: 0.9, lessons: ["three-way-handshake#why-three"] }),
        item({ position: 1, topic: "time-wait", score: 0.5, lessons: ["time-wait#why-2msl"] }),
        item({ position: 2, topic: "backlog", score: 0.2, lessons: ["listen-backlog#accept-queue"] }),
      ],
      cards,
    );
    expect(report.recommendations.weakTopics).toEqual(["backlog", "time-wait"]);
    expect(report.recommendations.lessons).toEqual(["listen-backlog#accept-queue", "time-wait#why-2msl"]);
    // Exact sections first (accept-queue, why-2msl), then the rest of those lessons; never the strong handshake.
    expect(report.recommendations.flashcards).toEqual(["bl-accept-queue", "tw-why-2msl", "bl-syn-queue", "tw-linux-60"]);
  });

  it("should put skipped questions first and recommend nothing when every answer is strong", () => {
    const strong = computeInterviewReport([item({ position: 0, score: 0.7 }), item({ position: 1, score: 1 })], cards);
    expect(strong.recommendations).toEqual({ weakTopics: [], lessons: [], flashcards: [] });

    const skipped = computeInterviewReport(
      [
        item({ position: 0, topic: "time-wait", score: 0.1, lessons: ["time-wait#why-2msl"] }),
        item({ position: 1, topic: "backlog", score: null, confidence: null, lessons: ["listen-backlog#syn-queue"] }),
      ],
      cards,
    );
    expect(skipped.recommendations.lessons).toEqual(["listen-backlog#syn-queue", "time-wait#why-2msl"]);
  });

  it("should cap the recommended flashcards", () => {
    const many: CandidateCard[] = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, topic: "loss", lesson: "loss-and-retransmission" }));
    const report = computeInterviewReport([item({ position: 0, topic: "loss", score: 0, lessons: ["loss-and-retransmission"] })], many);
    expect(report.recommendations.flashcards).toHaveLength(MAX_RECOMMENDED_CARDS);
  });
});

describe("readInterviewReport", () => {
  it("should read back a stored report and refuse anything else", () => {
    const report = computeInterviewReport([item({ position: 0 })]);
    expect(readInterviewReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
    expect(readInterviewReport(null)).toBeNull();
    expect(readInterviewReport({ v: 2 })).toBeNull();
  });
});
