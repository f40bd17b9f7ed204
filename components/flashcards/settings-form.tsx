"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { ActionMessage, SubmitButton } from "@/components/forms/form-status";
import { saveSettingsAction, type SettingsFormState } from "@/lib/server/actions/flashcards";
import type { FlashcardSettingsInput } from "@/lib/server/flashcards/settings";

export function SettingsForm({ initial }: { initial: FlashcardSettingsInput }) {
  const t = useTranslations("flashcards.settings");
  const locale = useLocale();
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(saveSettingsAction.bind(null, locale), { ok: false, message: "" });
  return (
    <form action={action} className="flex max-w-md flex-col gap-5">
      <Field
        label={t("retention")}
        name="desiredRetention"
        type="number"
        inputMode="decimal"
        min={0.7}
        max={0.99}
        step={0.01}
        required
        defaultValue={initial.desiredRetention.toFixed(2)}
        hint={t("retentionHint")}
      />
      <Field label={t("newPerDay")} name="newPerDay" type="number" inputMode="numeric" min={0} max={500} step={1} required defaultValue={initial.newPerDay} hint={t("newPerDayHint")} />
      <Field
        label={t("reviewsPerDay")}
        name="reviewsPerDay"
        type="number"
        inputMode="numeric"
        min={0}
        max={5000}
        step={1}
        required
        defaultValue={initial.reviewsPerDay}
        hint={t("reviewsPerDayHint")}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} />
        <ActionMessage message={state.message} ok={state.ok} role="status" />
      </div>
    </form>
  );
}
