import type { ReportItem } from "../report";

/**
 * Test helpers for the interview report's tests (report.test.ts, report-view.test.ts): one
 * answered open question on the handshake, fully confident at 3, one minute long, unless
 * `over` says otherwise.
 */
export const reportItem = (over: Partial<ReportItem> & Pick<ReportItem, "position">): ReportItem => ({
  kind: "open",
  ref: `q${over.position}`,
  topic: "handshake",
  score: 1,
  confidence: 3,
  durationMs: 60_000,
  lessons: ["three-way-handshake"],
  ...over,
});
