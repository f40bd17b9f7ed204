"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { NoticeAndSubmit } from "@/components/forms/form-status";
import { useActionState, useEffect, useRef, useState } from "react";
import { answerOpenAction, type InterviewFormState } from "@/lib/server/actions/interview";
import { ConfidenceFieldset } from "./confidence-fieldset";
import { StrictTimerDisplay, useStrictCountdown } from "./strict-timer";

/**
 * The candidate's written answer and confidence; the model answer is shown only after this.
 * With the strict timer (`strictMs`: the time left, computed by the server at render) a countdown
 * runs and at zero submits what is typed; the server keeps it only if it arrives by the deadline
 * (lib/server/interview/sessions.ts expireOpen), so stopping this script changes nothing.
 */
export function OpenAnswerForm({ sessionId, itemId, maxLength, strictMs }: { sessionId: string; itemId: string; maxLength: number; strictMs?: number }) {
  const t = useTranslations("interview.run");
  const locale = useLocale();
  const [state, action, pending] = useActionState<InterviewFormState, FormData>(answerOpenAction.bind(null, locale, sessionId, itemId), { ok: false, message: "" });
  // Controlled, so a refused submission (React resets uncontrolled fields after an action) keeps the text.
  const [answer, setAnswer] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const { left, timeUp } = useStrictCountdown(strictMs);
  useEffect(() => {
    if (timeUp) form.current?.requestSubmit();
  }, [timeUp]);
  return (
    // At zero the form is sent without a confidence: no browser validation may hold it back.
    <form ref={form} action={action} noValidate={timeUp} className="flex flex-col gap-5">
      {left !== undefined ? (
        <StrictTimerDisplay left={left} timeUp={timeUp} upText={t("strictUp")}>
          <input type="hidden" name="timeUp" value={timeUp ? "1" : "0"} />
        </StrictTimerDisplay>
      ) : null}
      <FormField id="interview-answer" label={t("yourAnswer")} hint={t("answerHint", { max: maxLength })}>
        {(aria) => (
          <textarea {...aria} name="answer" rows={8} maxLength={maxLength} value={answer} onChange={(e) => setAnswer(e.target.value)} readOnly={timeUp} className="rounded-md border border-line px-3 py-2 text-base" />
        )}
      </FormField>
      <ConfidenceFieldset error={state.field === "confidence" ? state.message : undefined} />
      <NoticeAndSubmit message={state.field !== "confidence" && state.message} pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
