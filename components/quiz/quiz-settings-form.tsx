"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormField, invalidBorder } from "@/components/forms/form-field";
import { ActionMessage, SubmitButton } from "@/components/forms/form-status";
import type { ActionState } from "@/lib/server/action";

export type QuizSettingsValues = {
  title: string;
  description: string;
  mode: "PRACTICE" | "EXAM";
  attemptLimit: string;
  timeLimitMin: string;
  /** `YYYY-MM-DDTHH:mm` in UTC (the app shows times in UTC). */
  opensAt: string;
  closesAt: string;
};

const inputClass = "rounded-md border px-3 py-2";

/** Create/edit a quiz's settings. Limits apply to exams only (practice is unlimited). */
export function QuizSettingsForm({ action, initial, submitLabel }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; initial: QuizSettingsValues; submitLabel: string }) {
  const t = useTranslations("teach.quizForm");
  const [state, formAction, pending] = useActionState(action, { ok: false, message: "" });
  const [mode, setMode] = useState(initial.mode);
  const err = (field: string) => state.errors?.[field];
  const field = (name: keyof QuizSettingsValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement>, hint?: string) => (
    <FormField id={`quiz-${name}`} label={label} hint={hint} error={err(name)} labelClassName="text-sm font-medium">
      {(aria) => <input {...aria} name={name} defaultValue={initial[name]} className={`${inputClass} ${invalidBorder(err(name))}`} {...props} />}
    </FormField>
  );
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {field("title", t("title"), { required: true, maxLength: 200 })}
      <FormField id="quiz-description" label={t("description")} hint={t("descriptionHint")} labelClassName="text-sm font-medium">
        {(aria) => <textarea {...aria} name="description" rows={3} maxLength={5000} defaultValue={initial.description} className={`${inputClass} border-line`} />}
      </FormField>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("mode")}</legend>
        {(["PRACTICE", "EXAM"] as const).map((m) => (
          <label key={m} className="flex items-start gap-2">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-1" />
            <span>
              <span className="font-medium">{t(`modes.${m}`)}</span>
              <span className="block text-sm text-muted">{t(`modeHints.${m}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "EXAM" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {field("attemptLimit", t("attemptLimit"), { type: "number", min: 1, max: 100, inputMode: "numeric" }, t("attemptLimitHint"))}
          {field("timeLimitMin", t("timeLimitMin"), { type: "number", min: 1, max: 600, inputMode: "numeric" }, t("timeLimitHint"))}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("opensAt", t("opensAt"), { type: "datetime-local" }, t("utcHint"))}
        {field("closesAt", t("closesAt"), { type: "datetime-local" }, mode === "EXAM" ? t("closesAtExamHint") : t("utcHint"))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} label={submitLabel} />
        <ActionMessage message={state.message} ok={state.ok} />
      </div>
    </form>
  );
}
