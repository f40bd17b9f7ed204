import { useId } from "react";
import { formatTime, words } from "@/lib/diagram";
import { playbackSteps, type PlaybackStep, type SocketView } from "@/lib/playback/steps";
import { findTransition } from "@/lib/state-diagram";
import type { Trace } from "@/lib/tcp";
import { ColumnHeads } from "@/components/ui/column-heads";
import { StateDiagram, type StateDiagramLabels } from "./state-diagram";
import type { Locale } from "@/lib/core/locale";

export type PlaybackLabels = {
  region: string;
  first: string;
  prev: string;
  play: string;
  pause: string;
  next: string;
  last: string;
  /** "Step {n} of {total}" with the literal placeholders, filled in by public/playback.js. */
  status: string;
  /** Shown before the first step is chosen. */
  idle: string;
  hint: string;
  sockets: string;
  host: string;
  socket: string;
  state: string;
  timers: string;
  queues: string;
  /** "SYN queue {syn} · accept queue {accept} (Recv-Q {accept}, Send-Q {backlog})", filled here. */
  queueText: string;
  lastTransition: string;
  capped: string;
  diagram: StateDiagramLabels;
};

/** What public/playback.js needs per step, already in words (the script translates nothing). */
type WireStep = {
  /** Trace seqNo: diagram elements with `data-seq` above it are dimmed, equal to it lit. */
  s: number;
  /** Event line. */
  e: string;
  /** Lit transition id and state (of the socket that changed last), and its text. */
  tr: string | null;
  st: string | null;
  tt: string;
  /** Socket rows: host, socket, state, timers, queues. */
  r: [string, string, string, string, string][];
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function row(s: SocketView, step: PlaybackStep, locale: Locale, labels: PlaybackLabels): WireStep["r"][number] {
  const w = words(locale);
  const timers = s.timers.map((tm) => `${w.timer[tm.timer]} → ${formatTime(tm.at)} (+${formatTime(Math.max(0, tm.at - step.t))})`).join("; ");
  const queues = s.listener ? fill(labels.queueText, { syn: s.listener.synQ, accept: s.listener.acceptQ, backlog: s.listener.backlog }) : "";
  return [s.host, s.socket, s.state, timers || "—", queues || "—"];
}

function wire(step: PlaybackStep, locale: Locale, labels: PlaybackLabels): WireStep {
  const tr = step.transition;
  const text = tr ? findTransition(tr.from, tr.to, tr.cause)?.events.find((e) => e.causes.includes(tr.cause))?.text[locale] : undefined;
  return {
    s: step.seqNo,
    e: `${step.time} · ${step.host} · ${step.event}${step.details ? ` — ${step.details}` : ""}`,
    tr: tr?.id ?? null,
    st: tr?.to ?? null,
    tt: tr ? `${labels.lastTransition} ${tr.host}/${tr.socket}: ${tr.from} → ${tr.to}${text ? ` (${text})` : ""}` : "",
    r: step.sockets.map((s) => row(s, step, locale, labels)),
  };
}

/** JSON inside <script type="application/json"> must not contain "</script" or "<!--". */
function scriptSafe(json: string): string {
  return json.replace(/</g, "\\u003c");
}

/**
 * Steps and listed children per figure. The diagram draws at most 150 segments, and the steps
 * travel as JSON in the page: a SYN flood's 400 steps × 6 children were ~390 KB of HTML on a
 * lesson page; 150 × 3 is ~50 KB (a few KB gzipped).
 */
const MAX_STEPS = 150;
const MAX_CHILDREN = 3;

/**
 * Step-through playback of a trace (issue #19 item 1) as static markup plus its steps as JSON:
 * public/playback.js (no dependencies) makes it interactive — buttons, ←/→ and space, `#step=N`
 * — on the lesson pages, which ship no React runtime, and in the playground alike. Without
 * scripting the controls stay hidden and the state diagram is still there to read.
 */
export function Playback({ trace, locale, labels, untilMs }: { trace: Trace; locale: Locale; labels: PlaybackLabels; untilMs?: number }) {
  const id = useId();
  const steps = playbackSteps(trace, locale, { maxSteps: MAX_STEPS, maxChildren: MAX_CHILDREN, untilMs });
  if (steps.length === 0) return null;
  const data = scriptSafe(JSON.stringify(steps.map((s) => wire(s, locale, labels))));
  const btn = "rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 aria-pressed:bg-accent-strong aria-pressed:text-white";
  return (
    <section className="flex flex-col gap-3 rounded-md border border-line p-3" aria-label={labels.region} data-playback="" data-status={labels.status} data-play={labels.play} data-pause={labels.pause} tabIndex={-1}>
      <div className="flex flex-wrap items-center gap-2" data-playback-controls="" hidden>
        {/* Arrows only: the media-control glyphs (⏮ ⏭) are missing from common CJK/Latin fonts. */}
        <button type="button" className={btn} data-action="first" aria-label={labels.first}>
          |←
        </button>
        <button type="button" className={btn} data-action="prev">
          ← {labels.prev}
        </button>
        <button type="button" className={btn} data-action="play" aria-pressed="false">
          {labels.play}
        </button>
        <button type="button" className={btn} data-action="next">
          {labels.next} →
        </button>
        <button type="button" className={btn} data-action="last" aria-label={labels.last}>
          →|
        </button>
        <p className="text-sm font-medium" role="status" data-playback-status="">
          {labels.idle}
        </p>
      </div>
      <p className="text-sm text-muted" data-playback-hint="" hidden>
        {labels.hint}
        {steps.length >= MAX_STEPS ? ` ${fill(labels.capped, { n: MAX_STEPS })}` : ""}
      </p>
      <p className="font-mono text-sm" data-playback-event="" aria-live="polite" />
      <div className="overflow-x-auto" data-playback-panel="" hidden>
        <table className="w-full text-left text-sm" aria-labelledby={`${id}-sockets`}>
          <caption id={`${id}-sockets`} className="text-left font-medium">
            {labels.sockets}
          </caption>
          <ColumnHeads names={[labels.host, labels.socket, labels.state, labels.timers, labels.queues]} />
          <tbody data-playback-sockets="" />
        </table>
      </div>
      <p className="text-sm font-medium text-brand-800" data-playback-transition="" />
      <StateDiagram locale={locale} labels={labels.diagram} />
      <script type="application/json" data-playback-steps="" dangerouslySetInnerHTML={{ __html: data }} />
      {/* React 19 hoists and dedupes async scripts; the lesson pages get it in their HTML. */}
      <script src="/playback.js" async />
    </section>
  );
}
