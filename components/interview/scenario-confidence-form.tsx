"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
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
      {state.message && state.field !== "confidence" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-bad">
          {state.message}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {t("confirm")}
        </Button>
      </div>
    </form>
  );
}
