"use client";

import type { ReactNode } from "react";
import { FormField, Options, type FieldAria } from "@/components/forms/form-field";

/**
 * The scenario editor's labelled controls. Every field maps one optional JSON value: empty
 * means "not in the scenario" (the schema's default applies, shown as the placeholder).
 */

/** Number input value ↔ optional JSON number (empty = use the default). */
export function numberOrUndefined(raw: string): number | undefined {
  if (raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** What every field of the editor has: its control's id, its label, and whether it is one of an item's small fields. */
type FieldBase = { id: string; label: ReactNode; small?: boolean };

/** The label over the control (components/forms FormField), smaller inside a fault or script step. */
function EditorField({ id, label, small = false, children }: FieldBase & { children: (aria: FieldAria) => ReactNode }) {
  return (
    <FormField id={id} label={label} labelClassName={small ? "text-xs font-medium" : "text-sm font-medium"}>
      {children}
    </FormField>
  );
}

export function NumberField({
  value,
  placeholder,
  onChange,
  min,
  step,
  ...field
}: FieldBase & {
  value: unknown;
  placeholder: string;
  onChange: (v: number | undefined) => void;
  min?: number;
  step?: number | "any";
}) {
  return (
    <EditorField {...field}>
      {(aria) => (
        <input
          {...aria}
          type="number"
          inputMode="decimal"
          value={typeof value === "number" ? value : ""}
          placeholder={placeholder}
          min={min}
          step={step}
          onChange={(e) => onChange(numberOrUndefined(e.target.value))}
          className="w-full rounded-md border border-line bg-surface px-2 py-1"
        />
      )}
    </EditorField>
  );
}

export type Choice = { value: string; label: ReactNode };

export function SelectField({
  value,
  choices,
  onChange,
  className = "px-2 py-1",
  ...field
}: FieldBase & {
  value: string;
  choices: readonly Choice[];
  onChange: (v: string) => void;
  /** Padding of the select (the editor's top-level fields are a little larger). */
  className?: string;
}) {
  return (
    <EditorField {...field}>
      {(aria) => (
        <select {...aria} value={value} onChange={(e) => onChange(e.target.value)} className={`w-full rounded-md border border-line bg-surface ${className}`}>
          <Options options={choices} />
        </select>
      )}
    </EditorField>
  );
}
