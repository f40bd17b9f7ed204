import type { Locale } from "@/lib/core/locale";
import { eventRows, formatSsTable, layoutSequence, words } from "@/lib/diagram";
import type { Trace } from "@/lib/tcp";
import { EventTable } from "./event-table";
import { Playback, type PlaybackLabels } from "./playback";
import { SequenceDiagram } from "./sequence-diagram";

export type TraceViewLabels = {
  /** `<summary>` of the table. */
  showTable: string;
  tableCaption: string;
  /** Heading of the `ss`-like snapshot (already containing the time). */
  finalTitle: string;
  /** Shown when the engine stopped at its event or time bound. */
  truncated: string;
  /** Text of the `.pcap` download link (shown when `pcapQuery` is given). */
  downloadPcap?: string;
  /** Step-through playback and the state diagram (shown when given). */
  playback?: PlaybackLabels;
};

/**
 * A simulated trace as diagram + text table (+ `ss`-like final sockets). Presentational only:
 * renders on the server (lessons, quizzes, the playground's first paint) and in the browser
 * (the playground after "Run") from the same code.
 */
export function TraceView({
  trace,
  locale,
  labels,
  label,
  highlightSeqNo,
  untilMs,
  showFinal = false,
  tableLimit = 1000,
  pcapQuery,
}: {
  trace: Trace;
  locale: Locale;
  labels: TraceViewLabels;
  label?: string;
  highlightSeqNo?: number;
  untilMs?: number;
  showFinal?: boolean;
  /** Rows of the text table; the rest is summarised ("N more"). */
  tableLimit?: number;
  /**
   * `preset=<id>` or `s=<shared scenario>` (components/sim/scenario-url.ts): offers the run as a
   * `.pcap` from GET /api/simulate/pcap. A plain link, so it works on the lesson pages without
   * React. Opt-in: a question must not link the scenario of a trace it has not revealed.
   */
  pcapQuery?: string;
}) {
  const layout = layoutSequence(trace, { locale, highlightSeqNo, untilMs });
  const { rows, omitted } = eventRows(trace, locale, { untilMs, limit: tableLimit });
  return (
    <div className="flex flex-col gap-3" data-trace-view="">
      <SequenceDiagram layout={layout} label={label} />
      {layout.omitted > 0 ? <p className="text-sm text-muted">{words(locale).notDrawn(layout.omitted)}</p> : null}
      {layout.truncated ? <p className="text-sm text-warn">{labels.truncated}</p> : null}
      {pcapQuery && labels.downloadPcap ? (
        <p className="text-sm">
          <a href={`/api/simulate/pcap?${pcapQuery}`} download className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {labels.downloadPcap}
          </a>
        </p>
      ) : null}
      {labels.playback ? <Playback trace={trace} locale={locale} labels={labels.playback} untilMs={untilMs} /> : null}
      <details className="rounded-md border border-line bg-surface px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{labels.showTable}</summary>
        <div className="mt-3">
          <EventTable rows={rows} omitted={omitted} caption={labels.tableCaption} locale={locale} highlightSeqNo={highlightSeqNo} />
        </div>
      </details>
      {showFinal ? (
        <section aria-label={labels.finalTitle}>
          <h3 className="text-sm font-medium text-muted">{labels.finalTitle}</h3>
          <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-5 text-slate-200" data-testid="final-sockets">
            {formatSsTable(trace.final)}
          </pre>
        </section>
      ) : null}
    </div>
  );
}
