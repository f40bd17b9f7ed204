"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { ActionMessage, SubmitButton } from "@/components/forms/form-status";
import { saveSettingsAction, type SettingsFormState } from "@/lib/server/actions/flashcards";
import type { FlashcardSettingsInput } from "@/lib/server/flashcards/settings";

/** The three settings, with the bounds of their schema (lib/server/flashcards/settings.ts) for the browser to check first. */
const FIELDS = [
  { name: "desiredRetention", label: "retention", inputMode: "decimal", min: 0.7, max: 0.99, step: 0.01 },
  { name: "newPerDay", label: "newPerDay", inputMode: "numeric", min: 0, max: 500, step: 1 },
  { name: "reviewsPerDay", label: "reviewsPerDay", inputMode: "numeric", min: 0, max: 5000, step: 1 },
] as const;

export function SettingsForm({ initial }: { initial: FlashcardSettingsInput }) {
  const t = useTranslations("flashcards.settings");
  const locale = useLocale();
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(saveSettingsAction.bind(null, locale), { ok: false, message: "" });
  return (
    <form action={action} className="flex max-w-md flex-col gap-5">
      {FIELDS.map((f) => (
        <Field
          key={f.name}
          label={t(f.label)}
          name={f.name}
          type="number"
          inputMode={f.inputMode}
          min={f.min}
          max={f.max}
          step={f.step}
          required
          defaultValue={f.name === "desiredRetention" ? initial.desiredRetention.toFixed(2) : initial[f.name]}
          hint={t(`${f.label}Hint`)}
        />
      ))}
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} />
        <ActionMessage message={state.message} ok={state.ok} role="status" />
      </div>
    </form>
  );
}
