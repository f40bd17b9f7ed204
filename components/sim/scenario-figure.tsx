import type { Locale } from "@/lib/core/locale";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import type { Translator } from "@/i18n/translator";
import { formatTime } from "@/lib/diagram";
import type { Scenario, Trace } from "@/lib/tcp";
import { findPreset, runScenario } from "./run";
import { encodeScenarioParam } from "@/lib/sim/scenario-url";
import type { PlaybackLabels } from "./playback";
import { TraceView, type TraceViewLabels } from "./trace-view";

/** Labels for `TraceView` from the `sim.figure` messages. */
export function figureLabels(t: Translator, trace: Trace, name: string): TraceViewLabels {
  return {
    showTable: t("showTable"),
    tableCaption: t("tableCaption", { title: name }),
    finalTitle: t("finalTitle", { time: formatTime(trace.endedAt) }),
    truncated: t("truncated"),
    downloadPcap: t("downloadPcap"),
    playback: playbackLabels(t),
  };
}

/** Labels of the playback and the state diagram, from the same `sim.figure` messages. */
export function playbackLabels(t: Translator): PlaybackLabels {
  const k = (key: string) => t(`playback.${key}`);
  return {
    region: k("region"),
    first: k("first"),
    prev: k("prev"),
    play: k("play"),
    pause: k("pause"),
    next: k("next"),
    last: k("last"),
    // Placeholders stay literal for public/playback.js, which fills them per step.
    status: t("playback.status", { n: "{n}", total: "{total}" }),
    idle: k("idle"),
    hint: k("hint"),
    sockets: k("sockets"),
    host: k("host"),
    socket: k("socket"),
    state: k("state"),
    timers: k("timers"),
    queues: k("queues"),
    queueText: t("playback.queueText", { syn: "{syn}", accept: "{accept}", backlog: "{backlog}" }),
    lastTransition: k("lastTransition"),
    capped: t("playback.capped", { n: "{n}" }),
    diagram: {
      title: k("diagram.title"),
      description: k("diagram.description"),
      showTable: k("diagram.showTable"),
      from: k("diagram.from"),
      event: k("diagram.event"),
      to: k("diagram.to"),
      source: k("diagram.source"),
      rfc: k("diagram.rfc"),
      linux: k("diagram.linux"),
    },
  };
}

/** `figureLabels` for server components, translated by next-intl's request configuration. */
export async function traceViewLabels(locale: Locale, trace: Trace, name: string): Promise<TraceViewLabels> {
  return figureLabels(await getTranslations({ locale, namespace: "sim.figure" }), trace, name);
}

type DiagramProps = {
  scenario: Scenario;
  locale: Locale;
  /** Event (trace seqNo) to emphasise, e.g. where an answer departs from the simulation. */
  highlightSeqNo?: number;
  /** Show only events up to this time (ms): a question must not reveal its answer. */
  untilMs?: number;
  /** Accessible name of the diagram. */
  label?: string;
  /** Also show the `ss`-like sockets at the end (ignored when `untilMs` cuts the trace). */
  showFinal?: boolean;
  /**
   * The whole run may be seen (a question after it is answered): offer step-through playback and
   * the `.pcap`. Off by default — before submission the listener's queues or the scenario in a
   * pcap link could give away what the question asks.
   */
  reveal?: boolean;
};

/**
 * Diagram + the same events as a table, for an arbitrary scenario (quizzes, feedback), drawn on
 * the server: the scenario is simulated here and only the drawing of what is shown (nothing
 * after `untilMs`) reaches the browser. Synchronous, with the caller's `sim.figure` translator,
 * so the practice pages, which render through the Pages Router (issue #16), draw it too.
 */
export function ScenarioDiagram({ scenario, locale, highlightSeqNo, untilMs, label, showFinal = false, reveal = false, t }: DiagramProps & { t: Translator }) {
  const run = runScenario(scenario);
  if (!run.ok) return <Notice tone="error">{t("failed", { message: run.message })}</Notice>;
  const name = label ?? t("untitled");
  return (
    <TraceView
      trace={run.trace}
      locale={locale}
      labels={{ ...figureLabels(t, run.trace, name), playback: reveal && untilMs === undefined ? playbackLabels(t) : undefined }}
      label={name}
      highlightSeqNo={highlightSeqNo}
      untilMs={untilMs}
      showFinal={showFinal && untilMs === undefined}
      pcapQuery={reveal && untilMs === undefined ? `s=${encodeScenarioParam(scenario)}` : undefined}
    />
  );
}

/**
 * A preset scenario as a figure: title, description, diagram, event table and a link to the
 * playground. The lesson renderer maps every ```tcp-scenario fence to this component. It is
 * synchronous (the caller passes the `sim.figure` translator) because the lesson pages render
 * through the Pages Router, which has no async server components (issue #7).
 */
export function ScenarioFigure({ presetId, locale, t }: { presetId: string; locale: Locale; t: Translator }) {
  const preset = findPreset(presetId);
  if (!preset) return <Notice tone="error">{t("unknownPreset", { id: presetId })}</Notice>;
  const title = preset.title[locale];
  const run = runScenario(preset.scenario);
  return (
    <figure className="my-8 flex flex-col gap-3" data-preset={presetId}>
      <figcaption>
        <span className="block font-semibold">{title}</span>
        <span className="mt-1 block text-sm text-muted">{preset.description[locale]}</span>
      </figcaption>
      {run.ok ? (
        // A lesson figure lists the first 150 events (the diagram draws at most 150 segments);
        // a SYN flood's full list belongs in the playground, linked below, not in every page load.
        <TraceView
          trace={run.trace}
          locale={locale}
          labels={figureLabels(t, run.trace, title)}
          label={t("label", { title })}
          tableLimit={150}
          pcapQuery={`preset=${encodeURIComponent(presetId)}`}
        />
      ) : (
        <Notice tone="error">{t("failed", { message: run.message })}</Notice>
      )}
      <p className="text-sm">
        <Link href={`/${locale}/sim?preset=${encodeURIComponent(presetId)}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
          {t("openInPlayground")}
        </Link>
      </p>
    </figure>
  );
}
