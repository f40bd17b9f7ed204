"use client";

import { useTranslations } from "next-intl";
import { KNOBS, SCENARIO_DEFAULTS } from "@/lib/sim/knobs";
import { EditorFieldset } from "./editor-parts";
import { NumberField, SelectField } from "./fields";
import { KnobField } from "./knob-field";
import { isRecord, type Json } from "./use-scenario-draft";

/**
 * The scenario's top-level settings: behaviour profile, seed, the link, when to stop, and every
 * kernel knob of the schema (lib/sim/knobs.ts) — TCP options offered in the SYN
 * (tcp_timestamps, tcp_sack, tcp_window_scaling), TIME-WAIT reuse and the rest included.
 */
export function ParametersEditor({ idPrefix, json, disabled, setPath }: { idPrefix: string; json: Json | null; disabled: boolean; setPath: (path: string[], value: unknown) => void }) {
  const t = useTranslations("sim.playground");
  const link = isRecord(json?.link) ? json.link : {};
  const sysctl = isRecord(json?.sysctl) ? json.sysctl : {};
  return (
    <EditorFieldset legend={t("parameters")} disabled={disabled}>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          id={`${idPrefix}-profile`}
          label={t("profile")}
          className="px-2 py-1.5"
          value={String(json?.profile ?? "linux")}
          choices={[
            { value: "linux", label: t("profileLinux") },
            { value: "rfc9293", label: t("profileRfc") },
          ]}
          onChange={(v) => setPath(["profile"], v === "linux" ? undefined : v)}
        />
        <NumberField id={`${idPrefix}-seed`} label={t("seed")} value={json?.seed} placeholder={String(SCENARIO_DEFAULTS.seed)} onChange={(v) => setPath(["seed"], v)} min={0} step={1} />
        <NumberField id={`${idPrefix}-latency`} label={t("latency")} value={link.latencyMs} placeholder={String(SCENARIO_DEFAULTS.latencyMs)} onChange={(v) => setPath(["link", "latencyMs"], v)} min={0} step="any" />
        <NumberField id={`${idPrefix}-mss`} label={t("mss")} value={link.mss} placeholder={String(SCENARIO_DEFAULTS.mss)} onChange={(v) => setPath(["link", "mss"], v)} min={88} step={1} />
        <NumberField id={`${idPrefix}-until`} label={t("untilMs")} value={json?.untilMs} placeholder={t("untilDefault")} onChange={(v) => setPath(["untilMs"], v)} min={0} step="any" />
      </div>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("sysctls")}</summary>
        <p className="mt-2 text-xs text-muted">{t("sysctlHint")}</p>
        <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
          {KNOBS.map((k) => (
            <KnobField key={k.key} id={`${idPrefix}-${k.key}`} knob={k} value={sysctl[k.key]} onChange={(v) => setPath(["sysctl", k.key], v)} />
          ))}
        </div>
      </details>
    </EditorFieldset>
  );
}
