"use client";

import { useTranslations } from "next-intl";
import { AddButton, EditorFieldset, EditorItem, listEdits } from "./editor-parts";
import { NumberField, SelectField } from "./fields";

/**
 * The scenario's `faults` as a form: which segments to drop, delay or duplicate (the matching
 * rules of lib/tcp/scenario.ts faultSchema: sender, receiver, flags, data, nth and count).
 */
export type Fault = {
  action?: string;
  match?: { from?: string; to?: string; flags?: string[]; exact?: boolean; data?: boolean };
  nth?: number;
  count?: number;
  delayMs?: number;
};

const FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH"] as const;
const ACTIONS = ["drop", "delay", "duplicate"] as const;
/** A new fault drops the first SYN: the most common experiment (handshake-lost-syn). */
const NEW_FAULT: Fault = { action: "drop", match: { flags: ["SYN"] }, nth: 1 };

export function FaultsEditor({ idPrefix, faults, hosts, disabled, onChange }: { idPrefix: string; faults: Fault[]; hosts: string[]; disabled: boolean; onChange: (next: Fault[]) => void }) {
  const t = useTranslations("sim.playground");
  const edits = listEdits(faults, onChange);
  const setFault = edits.update;
  const setMatch = (i: number, patch: Fault["match"]) => setFault(i, (x) => ({ ...x, match: { ...x.match, ...patch } }));
  const hostChoices = [{ value: "", label: t("anyHost") }, ...hosts.map((h) => ({ value: h, label: h }))];
  const dataChoices = [
    { value: "", label: t("dataAny") },
    { value: "yes", label: t("dataYes") },
    { value: "no", label: t("dataNo") },
  ];

  return (
    <EditorFieldset legend={t("faults")} disabled={disabled}>
      {faults.length === 0 ? <p className="text-sm text-muted">{t("noFaults")}</p> : null}
      <ol className="flex flex-col gap-4">
        {faults.map((f, i) => {
          const base = `${idPrefix}-fault-${i}`;
          const flags = f.match?.flags ?? [];
          return (
            <EditorItem key={i} label={t("faultN", { n: i + 1 })} removeLabel={t("removeFault", { n: i + 1 })} onRemove={() => edits.remove(i)}>
              <div className="grid grid-cols-2 gap-2">
                <SelectField
                  id={`${base}-action`}
                  label={t("action")}
                  small
                  value={f.action ?? "drop"}
                  choices={ACTIONS.map((a) => ({ value: a, label: t(`actions.${a}`) }))}
                  onChange={(v) => setFault(i, (x) => ({ ...x, action: v, ...(v === "delay" && !x.delayMs ? { delayMs: 200 } : {}) }))}
                />
                <SelectField id={`${base}-from`} label={t("from")} small value={f.match?.from ?? ""} choices={hostChoices} onChange={(v) => setMatch(i, { from: v || undefined })} />
                <SelectField id={`${base}-to`} label={t("to")} small value={f.match?.to ?? ""} choices={hostChoices} onChange={(v) => setMatch(i, { to: v || undefined })} />
                <SelectField
                  id={`${base}-data`}
                  label={t("data")}
                  small
                  value={f.match?.data === undefined ? "" : f.match.data ? "yes" : "no"}
                  choices={dataChoices}
                  onChange={(v) => setMatch(i, { data: v === "" ? undefined : v === "yes" })}
                />
              </div>
              <fieldset>
                <legend className="text-xs font-medium">{t("flags")}</legend>
                <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                  {FLAGS.map((flag) => (
                    <label key={flag} className="flex items-center gap-1 text-sm">
                      <input
                        type="checkbox"
                        checked={flags.includes(flag)}
                        onChange={(e) => {
                          const now = new Set(flags);
                          if (e.target.checked) now.add(flag);
                          else now.delete(flag);
                          const list = FLAGS.filter((fl) => now.has(fl));
                          setMatch(i, { flags: list.length ? list : undefined });
                        }}
                      />
                      <span className="font-mono text-xs">{flag}</span>
                    </label>
                  ))}
                  <label className="flex items-center gap-1 text-sm">
                    <input type="checkbox" checked={f.match?.exact === true} onChange={(e) => setMatch(i, { exact: e.target.checked || undefined })} />
                    <span className="text-xs">{t("exact")}</span>
                  </label>
                </div>
              </fieldset>
              <div className="grid grid-cols-3 gap-2">
                <NumberField id={`${base}-nth`} label={t("nth")} value={f.nth} placeholder="1" min={1} step={1} small onChange={(v) => setFault(i, (x) => ({ ...x, nth: v }))} />
                <NumberField id={`${base}-count`} label={t("count")} value={f.count} placeholder="1" min={1} step={1} small onChange={(v) => setFault(i, (x) => ({ ...x, count: v }))} />
                {f.action === "delay" || f.action === "duplicate" ? (
                  <NumberField id={`${base}-delay`} label={t("delayMs")} value={f.delayMs} placeholder="0" min={0} step="any" small onChange={(v) => setFault(i, (x) => ({ ...x, delayMs: v }))} />
                ) : null}
              </div>
            </EditorItem>
          );
        })}
      </ol>
      <AddButton label={t("addFault")} onClick={() => edits.add(structuredClone(NEW_FAULT))} />
    </EditorFieldset>
  );
}
