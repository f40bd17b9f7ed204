/**
 * The targets of issue #16 ("the student loop at the serving floor"), judged from one run's
 * figures: each row says what was measured, against which target, and MET or MISSED. CPU time
 * per request (from /proc) and same-run ratios are the robust figures on a shared machine;
 * latency targets are judged as measured, with the load average printed beside them.
 */
import type { LoadResult } from "./load";

export type Verdict = "MET" | "MISSED" | "NOT MEASURED";

export type TargetRow = { what: string; db: string; target: string; measured: string; verdict: Verdict };

export type HttpRow = LoadResult & { db: string; mode: "saturation" | "paced" | "1 user"; ratio?: number; offeredSeconds?: number };

/** Issue #16's targets for the HTTP rows. */
export const TARGETS = {
  questionPageCpuMs: 8,
  pacedQuestionP95Ms: 100,
  /** "All served": the paced run's answers kept up with its arrivals (≥ this share of the offered rate). */
  servedShare: 0.95,
  gradingP95Ms: 25,
  lessonVsStatic: 0.5,
  lessonCpuMs: 1,
  reportMs: 100,
  masteryMs: 30,
} as const;

const ms = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? "–" : `${n.toFixed(digits)} ms`);
const verdict = (ok: boolean): Verdict => (ok ? "MET" : "MISSED");

/**
 * Paced (open-loop) runs offer `requests / offeredSeconds` arrivals a second; the server kept up
 * when it answered them all, without error, at (nearly) that rate: a queue that builds up shows
 * as answers still arriving long after the arrival window closed (issue #16: "only 31 of 50 req/s
 * served").
 */
export function servedShare(r: HttpRow): number {
  if (!r.offeredSeconds) return NaN;
  const offered = (r.requests + r.errors) / r.offeredSeconds;
  return offered > 0 ? r.rps / offered : NaN;
}

/** The HTTP rows of issue #16's table for one database, from the rows `bench/http.ts` measured. */
export function httpTargets(db: string, rows: readonly HttpRow[], users: number): TargetRow[] {
  const find = (mode: HttpRow["mode"], prefix: string) => rows.find((r) => r.db === db && r.mode === mode && r.name.startsWith(prefix));
  const out: TargetRow[] = [];
  const missing = (what: string, target: string) => out.push({ what, db, target, measured: "not run", verdict: "NOT MEASURED" });

  const pagePaced = find("paced", "(b)");
  const pageSat = find("saturation", "(b)");
  const pageCpu = pagePaced?.cpuPerRequest ?? pageSat?.cpuPerRequest;
  if (pageCpu === undefined) missing("practice-question page (signed in), a view after the first, CPU per request", `≤ ${TARGETS.questionPageCpuMs} ms`);
  else
    out.push({
      what: "practice-question page (signed in), a view after the first, CPU per request",
      db,
      target: `≤ ${TARGETS.questionPageCpuMs} ms`,
      measured: `${ms(pagePaced?.cpuPerRequest, 2)} paced, ${ms(pageSat?.cpuPerRequest, 2)} saturation`,
      verdict: verdict(Math.max(pagePaced?.cpuPerRequest ?? 0, pageSat?.cpuPerRequest ?? 0) <= TARGETS.questionPageCpuMs),
    });

  // A variant's first view is Next's render; the figures above are of views served from memory
  // (lib/server/page-cache.ts). A student who moves on to a new question meets a first view, so
  // it is judged against the same target rather than left out.
  const firstView = find("1 user", "(b) question page, first view");
  if (firstView)
    out.push({
      what: "practice-question page, a variant's first view, CPU per request",
      db,
      target: `≤ ${TARGETS.questionPageCpuMs} ms`,
      measured: ms(firstView.cpuPerRequest, 2),
      verdict: verdict((firstView.cpuPerRequest ?? Infinity) <= TARGETS.questionPageCpuMs),
    });

  const pacedWhat = `${users} students each loading a question per second (paced)`;
  const pacedTarget = `all served, p95 ≤ ${TARGETS.pacedQuestionP95Ms} ms`;
  if (!pagePaced) missing(pacedWhat, pacedTarget);
  else {
    const share = servedShare(pagePaced);
    const failed = pagePaced.errors + pagePaced.non2xx;
    out.push({
      what: pacedWhat,
      db,
      target: pacedTarget,
      measured: `${pagePaced.rps.toFixed(1)} of ${((pagePaced.requests + pagePaced.errors) / (pagePaced.offeredSeconds ?? NaN)).toFixed(1)} req/s answered (${(share * 100).toFixed(0)} %), ${failed} failed, p95 ${ms(pagePaced.p95)}`,
      verdict: verdict(failed === 0 && share >= TARGETS.servedShare && pagePaced.p95 <= TARGETS.pacedQuestionP95Ms),
    });
  }

  const grading = find("paced", "(c)");
  const gradingWhat = `grading, ${users} paced users`;
  if (!grading) missing(gradingWhat, `p95 ≤ ${TARGETS.gradingP95Ms} ms`);
  else
    out.push({
      what: gradingWhat,
      db,
      target: `p95 ≤ ${TARGETS.gradingP95Ms} ms`,
      measured: `p95 ${ms(grading.p95)} (p50 ${ms(grading.p50)}), ${ms(grading.cpuPerRequest, 2)} CPU/req`,
      verdict: verdict(grading.errors + grading.non2xx === 0 && grading.p95 <= TARGETS.gradingP95Ms),
    });

  const lesson = find("saturation", "(a)");
  const staticFile = rows.find((r) => r.db === db && r.mode === "saturation" && r.name === "static file");
  // The yardstick: the same bytes as a static file (bench/http.ts STATIC_LESSON says why).
  const sameBytes = rows.find((r) => r.db === db && r.mode === "saturation" && r.name === "static file, the lesson's bytes");
  if (!lesson || !staticFile || !sameBytes) missing("lesson page vs a static file, same run", `≥ ${TARGETS.lessonVsStatic * 100} %; ≤ ${TARGETS.lessonCpuMs} ms CPU`);
  else {
    const ratio = lesson.rps / sameBytes.rps;
    out.push({
      what: "lesson page vs a static file of its bytes, same run",
      db,
      target: `≥ ${TARGETS.lessonVsStatic * 100} % of the static rate`,
      measured: `${(ratio * 100).toFixed(0)} % (${lesson.rps.toFixed(0)} vs ${sameBytes.rps.toFixed(0)} req/s; ${((lesson.rps / staticFile.rps) * 100).toFixed(0)} % of the small file's ${staticFile.rps.toFixed(0)} req/s)`,
      verdict: verdict(ratio >= TARGETS.lessonVsStatic),
    });
    out.push({
      what: "lesson page, CPU per request",
      db,
      target: `≤ ${TARGETS.lessonCpuMs} ms`,
      measured: `${ms(lesson.cpuPerRequest, 2)} (static files ${ms(staticFile.cpuPerRequest, 2)}, ${ms(sameBytes.cpuPerRequest, 2)})`,
      verdict: verdict((lesson.cpuPerRequest ?? Infinity) <= TARGETS.lessonCpuMs),
    });
  }
  return out;
}

/** A fixed-width table of target rows (plain text, pastes into a README as a code block). */
export function formatTargets(rows: readonly TargetRow[]): string {
  const head = ["database", "what", "target", "measured", "verdict"];
  const body = rows.map((r) => [r.db, r.what, r.target, r.measured, r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
