"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { answerOpenAction, type InterviewFormState } from "@/lib/server/actions/interview";
import { ConfidenceFieldset } from "./confidence-fieldset";
import { Notice } from "@/components/ui/notice";

/** The candidate's written answer and confidence; the model answer is shown only after this. */
export function OpenAnswerForm({ sessionId, itemId, maxLength }: { sessionId: string; itemId: string; maxLength: number }) {
  const t = useTranslations("interview.run");
  const locale = useLocale();
  const [state, action, pending] = useActionState<InterviewFormState, FormData>(answerOpenAction.bind(null, locale, sessionId, itemId), { ok: false, message: "" });
  // Controlled, so a refused submission (React resets uncontrolled fields after an action) keeps the text.
  const [answer, setAnswer] = useState("");
  return (
    <form action={action} className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <label htmlFor="interview-answer" className="font-medium">
          {t("yourAnswer")}
        </label>
        <textarea
          id="interview-answer"
          name="answer"
          rows={8}
          maxLength={maxLength}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          aria-describedby="interview-answer-hint"
          className="rounded-md border border-line px-3 py-2 text-base"
        />
        <p id="interview-answer-hint" className="text-sm text-muted">
          {t("answerHint", { max: maxLength })}
        </p>
      </div>
      <ConfidenceFieldset error={state.field === "confidence" ? state.message : undefined} />
      {state.message && state.field !== "confidence" ? (
        <Notice tone="error">
          {state.message}
        </Notice>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
