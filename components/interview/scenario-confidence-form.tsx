"use client";

import { useLocale, useTranslations } from "next-intl";
import { NoticeAndSubmit } from "@/components/forms/form-status";
import { useActionState } from "react";
import { confirmScenarioAction, type InterviewFormState } from "@/lib/server/actions/interview";
import { ConfidenceFieldset } from "./confidence-fieldset";

/** After a scenario answer is graded and before its result is shown: the candidate's confidence. */
export function ScenarioConfidenceForm({ sessionId, itemId }: { sessionId: string; itemId: string }) {
  const t = useTranslations("interview.run");
  const locale = useLocale();
  const [state, action, pending] = useActionState<InterviewFormState, FormData>(confirmScenarioAction.bind(null, locale, sessionId, itemId), { ok: false, message: "" });
  return (
    <form action={action} className="flex flex-col gap-4">
      <ConfidenceFieldset legend={t("recorded")} error={state.field === "confidence" ? state.message : undefined} />
      <NoticeAndSubmit message={state.field !== "confidence" && state.message} pending={pending} label={t("confirm")} />
    </form>
  );
}
