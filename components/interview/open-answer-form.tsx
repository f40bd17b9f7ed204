"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { answerOpenAction, type InterviewFormState } from "@/lib/server/actions/interview";
import { ConfidenceFieldset } from "./confidence-fieldset";
import { Notice } from "@/components/ui/notice";

function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

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
  const [left, setLeft] = useState(strictMs);
  const [timeUp, setTimeUp] = useState(false);
  useEffect(() => {
    if (strictMs === undefined) return;
    const start = performance.now();
    const id = window.setInterval(() => {
      const remaining = strictMs - (performance.now() - start);
      setLeft(remaining);
      if (remaining <= 0) {
        window.clearInterval(id);
        setTimeUp(true);
      }
    }, 250);
    return () => window.clearInterval(id);
  }, [strictMs]);
  useEffect(() => {
    if (timeUp) form.current?.requestSubmit();
  }, [timeUp]);
  return (
    // At zero the form is sent without a confidence: no browser validation may hold it back.
    <form ref={form} action={action} noValidate={timeUp} className="flex flex-col gap-5">
      {left !== undefined ? (
        <div className="flex items-baseline gap-2" data-testid="strict-timer">
          <span className="text-sm text-muted">{t("strictLeft")}</span>
          <span role="timer" aria-label={t("strictLeft")} className={`font-mono text-2xl font-semibold tabular-nums ${left < 30_000 ? "text-bad" : "text-ink"}`}>
            {clock(left)}
          </span>
          {timeUp ? (
            <span role="status" className="text-sm font-medium text-bad">
              {t("strictUp")}
            </span>
          ) : null}
          <input type="hidden" name="timeUp" value={timeUp ? "1" : "0"} />
        </div>
      ) : null}
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
          readOnly={timeUp}
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
