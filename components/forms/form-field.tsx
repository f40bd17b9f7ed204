import type { ReactNode } from "react";

/**
 * The markup every form field shares: a label, the control, a hint and an error under it, with
 * the control pointing at both (aria-describedby) and marked invalid while there is an error, so
 * a screen reader announces them with the field (WCAG 2.2 SC 1.3.1, 3.3.1). The control itself
 * varies (input, textarea, select, range), so the field hands it the ids and ARIA attributes to
 * spread: `<FormField id="x" label=…>{(aria) => <input {...aria} name="x" />}</FormField>`.
 */
export type FieldAria = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** The ARIA attributes of a control with an optional hint and error below it. */
export function fieldAria(id: string, { hint = false, error = false }: { hint?: boolean; error?: boolean }): FieldAria {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) };
}

/** The border of a control: red while it has an error. */
export const invalidBorder = (error: unknown) => (error ? "border-bad" : "border-line");

export function FormField({
  id,
  label,
  hint,
  error,
  className = "flex flex-col gap-1",
  labelClassName = "font-medium",
  hintClassName = "text-sm text-muted",
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** The wrapper; `contents` when the label and control must stay items of the parent's layout. */
  className?: string;
  labelClassName?: string;
  hintClassName?: string;
  children: (aria: FieldAria) => ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children(fieldAria(id, { hint: Boolean(hint), error: Boolean(error) }))}
      {hint ? (
        <p id={`${id}-hint`} className={hintClassName}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-bad">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A select's options from `{ value, label }` pairs. */
export function Options({ options }: { options: readonly { value: string | number; label: ReactNode }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
