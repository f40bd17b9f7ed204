import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { eventRows, formatTime, layoutSequence, type DiagramLocale } from "@/lib/diagram";
import { formatSsLine, type Scenario, type Trace } from "@/lib/tcp";
import { EventTable } from "./event-table";
import { findPreset, runScenario } from "./run";
import { SequenceDiagram } from "./sequence-diagram";

type DiagramProps = {
  scenario: Scenario;
  locale: DiagramLocale;
  /** Event to emphasise (e.g. where an answer departs from the simulation). */
  highlightSeqNo?: number;
  /** Show only events up to this time (ms) — a question must not reveal its answer. */
  untilMs?: number;
  /** Accessible name of the diagram. */
  label?: string;
  /** Show the `ss`-like sockets at the end (not for cut-off quiz diagrams). */
  showFinal?: boolean;
};

/**
 * Diagram + the same events as a table for an arbitrary scenario (quizzes, feedback). Server
 * component: the scenario is simulated here and only the drawing reaches the browser.
 */
export async function ScenarioDiagram({ scenario, locale, highlightSeqNo, untilMs, label, showFinal = false }: DiagramProps) {
  const t = await getTranslations({ locale, namespace: "sim.figure" });
  const run = runScenario(scenario);
  if (!run.ok) return <Notice tone="error">{t("failed", { message: run.message })}</Notice>;
  return <TraceView trace={run.trace} locale={locale} highlightSeqNo={highlightSeqNo} untilMs={untilMs} label={label} showFinal={showFinal && untilMs === undefined} t={t} />;
}

type Translate = Awaited<ReturnType<typeof getTranslations<"sim.figure">>>;

function TraceView({ trace, locale, highlightSeqNo, untilMs, label, showFinal, t }: { trace: Trace; locale: DiagramLocale; highlightSeqNo?: number; untilMs?: number; label?: string; showFinal: boolean; t: Translate }) {
  const layout = layoutSequence(trace, { locale, highlightSeqNo, untilMs });
  const { rows, omitted } = eventRows(trace, locale, { untilMs, limit: 400 });
  const name = label ?? layout.title;
  return (
    <div className="flex flex-col gap-3">
      <SequenceDiagram layout={layout} label={name} />
      <details className="rounded-md border border-line bg-white px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showTable")}</summary>
        <div className="mt-3">
          <EventTable rows={rows} omitted={omitted} caption={t("tableCaption", { title: name })} locale={locale} highlightSeqNo={highlightSeqNo} />
        </div>
      </details>
      {showFinal && trace.final.length > 0 ? (
        <div>
          <p className="text-sm font-medium text-muted">{t("finalTitle", { time: formatTime(trace.endedAt) })}</p>
          <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            {trace.final.map((s) => `${s.host.padEnd(8)} ${formatSsLine(s)}`).join("\n")}
          </pre>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A preset scenario as a figure: title, diagram, event table, link to the playground. The
 * lesson renderer maps every ```tcp-scenario fence to this component.
 */
export async function ScenarioFigure({ presetId, locale }: { presetId: string; locale: DiagramLocale }) {
  const t = await getTranslations({ locale, namespace: "sim.figure" });
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
        <TraceView trace={run.trace} locale={locale} label={t("label", { title })} showFinal={false} t={t} />
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
