"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { portRange, type Knob } from "@/lib/sim/knobs";
import { NumberField, SelectField } from "./fields";

/**
 * One kernel knob's value as a labelled control (the knob's kind from lib/sim/knobs.ts): a
 * choice for the enumerated ones, a number for the rest, two ports for ip_local_port_range.
 * `required` (a sysctl script step) leaves out the "default" choice: a step sets a value.
 */
export function KnobField({
  id,
  knob,
  value,
  onChange,
  required = false,
  label = <code className="text-xs">{knob.key}</code>,
}: {
  id: string;
  knob: Knob;
  value: unknown;
  onChange: (v: unknown) => void;
  required?: boolean;
  /** Defaults to the knob's name. */
  label?: ReactNode;
}) {
  const t = useTranslations("sim.playground");
  if (knob.kind === "choice") {
    const choices = knob.values.map((v) => ({ value: String(v), label: String(v) }));
    return (
      <SelectField
        id={id}
        label={label}
        value={typeof value === "number" ? String(value) : ""}
        choices={required ? choices : [{ value: "", label: t("defaultValue", { value: knob.default }) }, ...choices]}
        onChange={(v) => onChange(v === "" ? undefined : Number(v))}
      />
    );
  }
  if (knob.kind === "range") {
    const pair = Array.isArray(value) ? (value as unknown[]) : [];
    const set = (low: number | undefined, high: number | undefined) => onChange(portRange(low, high, knob.default));
    const low = typeof pair[0] === "number" ? pair[0] : undefined;
    const high = typeof pair[1] === "number" ? pair[1] : undefined;
    return (
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{label}</legend>
        <div className="grid grid-cols-2 gap-2">
          <NumberField id={`${id}-low`} label={t("rangeLow")} small value={low} placeholder={String(knob.default[0])} min={1} step={1} onChange={(v) => set(v, high)} />
          <NumberField id={`${id}-high`} label={t("rangeHigh")} small value={high} placeholder={String(knob.default[1])} min={1} step={1} onChange={(v) => set(low, v)} />
        </div>
      </fieldset>
    );
  }
  return <NumberField id={id} label={label} value={value} placeholder={String(knob.default)} min={knob.min ?? undefined} step={knob.integer ? 1 : "any"} onChange={onChange} />;
}
