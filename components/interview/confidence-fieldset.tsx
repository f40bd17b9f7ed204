"use client";

import { useTranslations } from "next-intl";
import { CONFIDENCE_LEVELS } from "@/lib/interview/report";

/** Confidence 1–5 as a radio group (arrow keys move between levels). */
export function ConfidenceFieldset({ error, legend }: { error?: string; legend?: string }) {
  const t = useTranslations("interview.run");
  return (
    <fieldset aria-describedby={`confidence-hint${error ? " confidence-error" : ""}`} aria-invalid={error ? true : undefined}>
      <legend className="font-medium">{legend ?? t("confidence")}</legend>
      <p id="confidence-hint" className="mb-2 text-sm text-muted">
        {t("confidenceHint")}
      </p>
      <div className="flex flex-wrap gap-2">
        {CONFIDENCE_LEVELS.map((level) => (
          <label key={level} className="flex cursor-pointer items-center gap-2 rounded-md border border-line bg-surface px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="confidence" value={level} required />
            {t(`levels.${level}`)}
          </label>
        ))}
      </div>
      {error ? (
        <p id="confidence-error" className="mt-1 text-sm text-bad">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
