import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Playground, type PlaygroundPreset } from "@/components/sim/playground";
import { listPresets, runScenario, type RunResult } from "@/components/sim/run";
import { traceViewLabels } from "@/components/sim/scenario-figure";
import { compactScenario, decodeScenarioParam, sameJson } from "@/lib/sim/scenario-url";
import { TraceView } from "@/components/sim/trace-view";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { clientIp } from "@/lib/server/client-ip";
import { limitSimulation } from "@/lib/server/simulation-budget";
import { parseScenario, type Scenario } from "@/lib/tcp";
import { isLocale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "sim.page" });
  return { title: t("metaTitle"), description: t("intro") };
}

const DEFAULT_PRESET = "normal-lifecycle";

/**
 * The most events a shared scenario's run may have to be drawn into the first HTML (issue #14).
 * Running even the largest scenario lib/tcp LIMITS admits is cheap (5,000 events, ~15 ms of CPU),
 * but drawing it is not: its diagram, playback and 1,000-row table made a 1.7 MB page that took
 * ~160 ms of CPU to render, so 16 such links at once stalled every other request. Above this
 * bound (every preset stays below it: the largest, syn-flood-cookies, has 506 events) the page
 * runs the scenario only up to the bound, to find out, and says so; "Run simulation" then runs
 * it through POST /api/simulate, which sends the trace as JSON for the browser to draw.
 */
const SHARED_RENDER_MAX_EVENTS = 600;

// Presets never change while the server runs: compact each once per process, not per request.
const compactPresets = new Map<string, unknown>();
function compactPreset(id: string, scenario: unknown): unknown {
  if (!compactPresets.has(id)) compactPresets.set(id, compactScenario(scenario));
  return compactPresets.get(id);
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The playground. What the URL names (`?preset=id` or a shared `?s=…`) is simulated here on the
 * server and drawn into the first HTML, so the page is useful before any script runs and a shared
 * link shows exactly the sharer's run; the client component takes over for edits and re-runs.
 */
export default async function SimPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Search }) {
  const { locale: raw } = await params;
  const locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "sim.page" });
  const query = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

  const presets: PlaygroundPreset[] = listPresets().map((p) => ({
    id: p.id,
    title: p.title[locale],
    description: p.description[locale],
    tags: p.tags,
    scenario: compactPreset(p.id, p.scenario),
  }));

  let problem: string | null = null;
  let chosen: { presetId: string | null; value: unknown; scenario: Scenario } | null = null;
  /** A shared run too large to draw here (SHARED_RENDER_MAX_EVENTS): its notice replaces the first result. */
  let deferred: string | null = null;
  const shared = one(query.s);
  const wanted = one(query.preset);
  if (shared !== undefined) {
    // A shared scenario is anyone's input: the same bounds (lib/tcp LIMITS, checked by
    // decodeScenarioParam and parseScenario) and the same budget per address as anonymous
    // POST /api/simulate (issue #14); per address only, as this page must not need the
    // database (it works during an outage). Presets are ours and cheap, and are not counted.
    const decoded = decodeScenarioParam(shared);
    const limit = decoded.ok ? await limitSimulation(`ip:${clientIp(await headers())}`) : { ok: true as const };
    if (!decoded.ok) problem = t(decoded.reason === "tooLong" ? "linkTooLong" : "linkMalformed");
    else if (!limit.ok) problem = t("linkRateLimited", { seconds: limit.retryAfterSeconds });
    else {
      const parsed = parseScenario(decoded.value);
      if (!parsed.ok) problem = t("linkInvalid", { issues: parsed.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ") });
      else {
        const compact = compactScenario(decoded.value);
        const same = presets.find((p) => sameJson(p.scenario, compact));
        chosen = { presetId: same?.id ?? null, value: compact, scenario: parsed.scenario };
        if (!same && parsed.scenario.maxEvents > SHARED_RENDER_MAX_EVENTS) {
          // Run only as far as the bound: a run that reaches it is drawn by the browser instead.
          const probe = runScenario({ ...parsed.scenario, maxEvents: SHARED_RENDER_MAX_EVENTS });
          if (probe.ok && probe.trace.events.length >= SHARED_RENDER_MAX_EVENTS - 1) deferred = t("linkLarge", { events: SHARED_RENDER_MAX_EVENTS });
        }
      }
    }
  } else if (wanted !== undefined && !presets.some((p) => p.id === wanted)) {
    problem = t("unknownPreset", { id: wanted });
  }
  if (!chosen) {
    const id = presets.some((p) => p.id === wanted) ? wanted! : DEFAULT_PRESET;
    const preset = listPresets().find((p) => p.id === id) ?? listPresets()[0];
    if (preset) chosen = { presetId: preset.id, value: compactPreset(preset.id, preset.scenario), scenario: preset.scenario };
  }

  if (!chosen) {
    return (
      <div>
        <PageHeader title={t("title")} intro={t("intro")} />
        <Notice tone="error">{t("noPresets")}</Notice>
      </div>
    );
  }

  const run: RunResult | null = deferred ? null : runScenario(chosen.scenario);
  const title = chosen.presetId ? (presets.find((p) => p.id === chosen.presetId)?.title ?? t("customTitle")) : t("customTitle");
  const initialQuery = chosen.presetId ? `preset=${encodeURIComponent(chosen.presetId)}` : `s=${shared ?? ""}`;
  const initialResult = !run ? (
    <Notice tone="info">{deferred}</Notice>
  ) : run.ok ? (
    <TraceView trace={run.trace} locale={locale} label={title} labels={await traceViewLabels(locale, run.trace, title)} showFinal pcapQuery={initialQuery} />
  ) : (
    <Notice tone="error">{t("simulationFailed", { message: run.message })}</Notice>
  );

  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      {problem ? (
        <div className="mb-6">
          <Notice tone="warning">{problem}</Notice>
        </div>
      ) : null}
      <Playground presets={presets} initialPresetId={chosen.presetId} initialText={JSON.stringify(chosen.value, null, 2)} initialQuery={initialQuery} initialResult={initialResult} />
    </div>
  );
}
