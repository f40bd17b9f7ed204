"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/lib/core/locale";
import { compactScenario, sameJson } from "@/lib/sim/scenario-url";
import { FaultsEditor, type Fault } from "./faults-editor";
import { JsonEditor } from "./json-editor";
import { ParametersEditor } from "./parameters-editor";
import { RunPanel } from "./run-panel";
import { ScriptEditor, scriptOf } from "./script-editor";
import { pretty, useScenarioDraft } from "./use-scenario-draft";
import { useSimulation } from "./use-simulation";

export type PlaygroundPreset = { id: string; title: string; description: string; tags: string[]; scenario: unknown };

type Props = {
  presets: PlaygroundPreset[];
  /** Preset the page opened with (null: a shared custom scenario). */
  initialPresetId: string | null;
  /** Scenario JSON the editor starts with (compact, pretty-printed). */
  initialText: string;
  /** The initial scenario's query string, e.g. `preset=normal-lifecycle`. */
  initialQuery: string;
  /** The initial run, rendered on the server so the page is useful before any script runs. */
  initialResult: ReactNode;
};

/**
 * The simulator playground: pick a preset, edit it through the form (parameters and knobs,
 * faults, sysctl script steps) or as JSON, run it on the server and share the run by link. The
 * pieces: the draft (use-scenario-draft), the editors, the run (use-simulation) and its panel.
 */
export function Playground({ presets, initialPresetId, initialText, initialQuery, initialResult }: Props) {
  const t = useTranslations("sim.playground");
  const locale = useLocale() as Locale;
  const ids = useId();
  const [presetId, setPresetId] = useState<string>(initialPresetId ?? "");
  const draft = useScenarioDraft(initialText, locale);
  const { run, runs, query, simulate } = useSimulation({ locale, initialQuery, presets, messages: { runFailed: (status) => t("runFailed", { status }), network: t("network") } });

  const { json, valid } = draft;
  const preset = presets.find((p) => p.id === presetId);
  const compact = useMemo(() => (json && valid ? compactScenario(json) : null), [json, valid]);
  const modified = preset !== undefined && compact !== null && !sameJson(compact, preset.scenario);
  const faults: Fault[] = json && Array.isArray(json.faults) ? (json.faults as Fault[]) : [];

  function choosePreset(id: string) {
    setPresetId(id);
    const p = presets.find((x) => x.id === id);
    if (!p) return;
    draft.setText(pretty(p.scenario));
    void simulate(p.scenario);
  }

  const canRun = valid && run.kind !== "running";
  const disabled = !json;

  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
      <form
        className="flex min-w-0 flex-col gap-6"
        aria-label={t("formLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          if (json && valid) void simulate(json);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-preset`} className="text-sm font-medium">
            {t("preset")}
          </label>
          <select id={`${ids}-preset`} value={presetId} onChange={(e) => choosePreset(e.target.value)} className="w-full rounded-md border border-line bg-surface px-3 py-2" aria-describedby={`${ids}-preset-desc`}>
            {presetId === "" ? <option value="">{t("customOption")}</option> : null}
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <p id={`${ids}-preset-desc`} className="text-sm text-muted">
            {preset ? preset.description : t("customDescription")}
            {modified ? <span className="ml-1 font-medium text-warn">{t("modified")}</span> : null}
          </p>
        </div>

        <ParametersEditor idPrefix={ids} json={json} disabled={disabled} setPath={draft.setPath} />
        <FaultsEditor idPrefix={ids} faults={faults} hosts={draft.hosts} disabled={disabled} onChange={(next) => draft.setList("faults", next)} />
        <ScriptEditor idPrefix={ids} script={scriptOf(json)} hosts={draft.hosts} disabled={disabled} onChange={(next) => draft.setList("script", next)} />
        <JsonEditor id={`${ids}-json`} draft={draft} />

        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={!canRun}>
            {run.kind === "running" ? t("running") : t("run")}
          </Button>
          {preset ? (
            <Button variant="secondary" onClick={() => choosePreset(preset.id)}>
              {t("reset")}
            </Button>
          ) : null}
        </div>
      </form>

      <RunPanel id={ids} locale={locale} run={run} runs={runs} query={query} title={preset && !modified ? preset.title : t("customTitle")} initialResult={initialResult} />
    </div>
  );
}
