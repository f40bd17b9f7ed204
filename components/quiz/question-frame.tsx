import type { ReactNode } from "react";
import type { Translator } from "@/i18n/translator";
import { OutcomeFocus } from "./result-focus";

/*
 * The parts of a question card that both routers render (issue #16): the App Router's
 * QuestionCard (question-card.tsx) and the Pages Router's practice page (practice-view.tsx),
 * which hydrates them in the browser. Nothing here imports server code.
 */

/** The prompt's box; the Pages Router's practice page fills it with `PromptParts` rendered to HTML. */
export const PROMPT_CLASS = "flex flex-col gap-4";

function percent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}

/** The score and verdict of a graded answer: what the result box needs before its details. */
export type Verdict = { correct: boolean; score: number };

/**
 * Feedback after submission, its box: the tone, and the verdict and score, which take focus
 * when the answer was just sent (OutcomeFocus). `children` are the details (`ResultParts`, or on
 * the Pages Router's practice page the same rendered to HTML).
 */
export function ResultFrame({ questionAttemptId, result, t, children }: { questionAttemptId: string; result: Verdict; t: Translator; children: ReactNode }) {
  const tone = result.correct ? "border-green-200 bg-green-50" : result.score > 0 ? "border-amber-200 bg-amber-50" : "border-red-200 bg-red-50";
  return (
    <section aria-label={t("result.label")} className={`flex flex-col gap-4 rounded-lg border p-4 ${tone}`}>
      <OutcomeFocus questionAttemptId={questionAttemptId}>
        <p className="flex flex-wrap items-baseline gap-3 text-lg font-semibold">
          <span>{result.correct ? t("result.correct") : result.score > 0 ? t("result.partial") : t("result.wrong")}</span>
          <span className="font-mono">{t("result.score", { score: percent(result.score) })}</span>
        </p>
      </OutcomeFocus>
      {children}
    </section>
  );
}

/** A question's box; both routers' pages put the prompt and the answer form or outcome in it. */
export function QuestionFrame({ questionAttemptId, children }: { questionAttemptId: string; children: ReactNode }) {
  return (
    <article className="flex flex-col gap-5 rounded-lg border border-line bg-surface p-5 shadow-sm" data-question-attempt={questionAttemptId}>
      {children}
    </article>
  );
}
