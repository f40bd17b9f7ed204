"use client";

import { useTranslations } from "next-intl";
import { knob, KNOBS } from "@/lib/sim/knobs";
import { AddButton, EditorFieldset, EditorItem, listEdits } from "./editor-parts";
import { NumberField, SelectField } from "./fields";
import { KnobField } from "./knob-field";
import { isRecord, type Json } from "./use-scenario-draft";

/**
 * The scenario's `script`: every step listed in order, and the `sysctl` steps
 * (`{ "call": "sysctl", host, key, value }`, `sysctl -w` between two experiments; lib/tcp/calls.ts
 * runSysctl) edited here — host, knob, value and when it runs. Socket calls are shown and stay
 * editable in the JSON.
 */
type Step = Json & { call?: unknown; host?: unknown; at?: unknown; after?: unknown; delayMs?: unknown; id?: unknown };

/** The keys a step's summary line leaves out: they are shown apart or are the step's identity. */
const SUMMARY_SKIP = new Set(["call", "host", "sock", "at", "after", "delayMs", "id"]);

function summary(step: Step): string {
  const args = Object.entries(step)
    .filter(([k]) => !SUMMARY_SKIP.has(k))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${String(step.host ?? "?")}: ${String(step.call ?? "?")}(${[typeof step.sock === "string" ? step.sock : "", ...args].filter(Boolean).join(", ")})`;
}

export function ScriptEditor({ idPrefix, script, hosts, disabled, onChange }: { idPrefix: string; script: Step[]; hosts: string[]; disabled: boolean; onChange: (next: Step[]) => void }) {
  const t = useTranslations("sim.playground");
  const edits = listEdits(script, onChange);
  const setStep = edits.update;
  const first = KNOBS[0]!;

  return (
    <EditorFieldset legend={t("script")} disabled={disabled}>
      <p className="text-xs text-muted">{t("scriptHint")}</p>
      {script.length === 0 ? <p className="text-sm text-muted">{t("noSteps")}</p> : null}
      <ol className="flex flex-col gap-2">
        {script.map((step, i) => {
          const timing = typeof step.after === "string" ? t("stepAfter", { id: step.after, delay: typeof step.delayMs === "number" ? step.delayMs : 0 }) : t("stepAt", { ms: typeof step.at === "number" ? step.at : 0 });
          if (step.call !== "sysctl")
            return (
              <li key={i} className="text-xs">
                <span className="font-mono">{summary(step)}</span> <span className="text-muted">· {timing}</span>
              </li>
            );
          const base = `${idPrefix}-step-${i}`;
          const k = knob(String(step.key)) ?? first;
          const earlier = script.slice(0, i).flatMap((s) => (typeof s.id === "string" ? [s.id] : []));
          const after = typeof step.after === "string" ? step.after : "";
          return (
            <EditorItem key={i} label={t("sysctlStepN", { n: i + 1 })} removeLabel={t("removeStep", { n: i + 1 })} onRemove={() => edits.remove(i)}>
              <div className="grid grid-cols-2 gap-2">
                <SelectField
                  id={`${base}-host`}
                  label={t("host")}
                  small
                  value={String(step.host ?? "")}
                  choices={hosts.map((h) => ({ value: h, label: h }))}
                  onChange={(v) => setStep(i, (s) => ({ ...s, host: v }))}
                />
                <SelectField
                  id={`${base}-key`}
                  label={t("knob")}
                  small
                  value={k.key}
                  choices={KNOBS.map((x) => ({ value: x.key, label: x.key }))}
                  // A new knob starts at its own default, a value its bounds accept.
                  onChange={(v) => setStep(i, (s) => ({ ...s, key: v, value: knob(v)?.default }))}
                />
              </div>
              <KnobField id={`${base}-value`} knob={k} label={t("value")} required value={step.value} onChange={(v) => setStep(i, (s) => ({ ...s, value: v }))} />
              <div className="grid grid-cols-2 gap-2">
                <SelectField
                  id={`${base}-when`}
                  label={t("when")}
                  small
                  value={after}
                  choices={[{ value: "", label: t("atTime") }, ...earlier.map((id) => ({ value: id, label: t("afterStep", { id }) }))]}
                  onChange={(v) =>
                    setStep(i, ({ at: _at, after: _after, delayMs: _delay, ...rest }) => (v === "" ? { ...rest, at: typeof step.at === "number" ? step.at : 0 } : { ...rest, after: v }))
                  }
                />
                {after === "" ? (
                  <NumberField id={`${base}-at`} label={t("atMs")} small value={step.at} placeholder="0" min={0} step="any" onChange={(v) => setStep(i, (s) => ({ ...s, at: v }))} />
                ) : (
                  <NumberField id={`${base}-delay`} label={t("delayAfter")} small value={step.delayMs} placeholder="0" min={0} step="any" onChange={(v) => setStep(i, (s) => ({ ...s, delayMs: v }))} />
                )}
              </div>
            </EditorItem>
          );
        })}
      </ol>
      <AddButton label={t("addSysctlStep")} disabled={hosts.length === 0} onClick={() => edits.add({ at: 0, host: hosts[0], call: "sysctl", key: first.key, value: first.default })} />
    </EditorFieldset>
  );
}

export function scriptOf(json: Json | null): Step[] {
  return json && Array.isArray(json.script) ? json.script.filter(isRecord) : [];
}
