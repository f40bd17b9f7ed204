"use client";

import type { ReactNode } from "react";

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

const labelClass = (small: boolean) => (small ? "text-xs font-medium" : "text-sm font-medium");

export function NumberField({
  id,
  label,
  value,
  placeholder,
  onChange,
  min,
  step,
  small = false,
}: {
  id: string;
  label: ReactNode;
  value: unknown;
  placeholder: string;
  onChange: (v: number | undefined) => void;
  min?: number;
  step?: number | "any";
  small?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass(small)}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={typeof value === "number" ? value : ""}
        placeholder={placeholder}
        min={min}
        step={step}
        onChange={(e) => onChange(numberOrUndefined(e.target.value))}
        className="w-full rounded-md border border-line bg-surface px-2 py-1"
      />
    </div>
  );
}

export type Choice = { value: string; label: ReactNode };

export function SelectField({
  id,
  label,
  value,
  choices,
  onChange,
  small = false,
  className = "px-2 py-1",
}: {
  id: string;
  label: ReactNode;
  value: string;
  choices: readonly Choice[];
  onChange: (v: string) => void;
  small?: boolean;
  /** Padding of the select (the editor's top-level fields are a little larger). */
  className?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass(small)}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`w-full rounded-md border border-line bg-surface ${className}`}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
