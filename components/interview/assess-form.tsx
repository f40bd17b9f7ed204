"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { NoticeAndSubmit } from "@/components/forms/form-status";
import { useActionState, useState, type ReactNode } from "react";
import { assessOpenAction, type InterviewFormState } from "@/lib/server/actions/interview";

/** The server's reading of the written answer for one key point (lib/interview/keypoints.ts). */
export type KeyPointSuggestion = { covered: boolean; matched: string[] };

/**
 * Self-assessment against the key points: the points the written answer seems to cover come
 * ticked (a suggestion from their keywords, marked as such, with the words found), the candidate
 * confirms or corrects each tick, and the score starts as the share of points ticked and may be
 * adjusted (a point can be half-covered, or the answer can add something).
 */
export function AssessForm({ sessionId, itemId, keyPoints, suggestions = [] }: { sessionId: string; itemId: string; keyPoints: ReactNode[]; suggestions?: KeyPointSuggestion[] }) {
  const t = useTranslations("interview.run");
  const locale = useLocale();
  const [state, action, pending] = useActionState<InterviewFormState, FormData>(assessOpenAction.bind(null, locale, sessionId, itemId, keyPoints.length), { ok: false, message: "" });
  const [ticked, setTicked] = useState<boolean[]>(() => keyPoints.map((_, i) => suggestions[i]?.covered ?? false));
  const fromTicks = keyPoints.length === 0 ? 0 : Math.round((100 * ticked.filter(Boolean).length) / keyPoints.length);
  const [override, setOverride] = useState<number | null>(null);
  const score = override ?? fromTicks;

  return (
    <form action={action} className="flex flex-col gap-5">
      <fieldset>
        <legend className="mb-2 font-medium">{t("keyPoints")}</legend>
        {suggestions.some((s) => s.covered) ? <p className="mb-2 text-sm text-muted">{t("suggestedIntro")}</p> : null}
        <ul className="flex flex-col gap-2">
          {keyPoints.map((point, i) => (
            <li key={i}>
              <label className="flex cursor-pointer items-start gap-3 rounded-md border border-line bg-surface px-3 py-2 has-[:checked]:border-green-300 has-[:checked]:bg-green-50">
                <input
                  type="checkbox"
                  name={`kp-${i}`}
                  className="mt-1"
                  checked={ticked[i] ?? false}
                  onChange={(e) => {
                    setTicked((prev) => prev.map((v, j) => (j === i ? e.target.checked : v)));
                    setOverride(null);
                  }}
                />
                <span className="flex flex-col gap-1">
                  <span>{point}</span>
                  {suggestions[i]?.covered ? (
                    <span className="text-xs text-ok" data-testid="kp-suggested">
                      {t("suggested", { words: suggestions[i]!.matched.join(", ") })}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormField
        id="self-score"
        label={
          <>
            {t("selfScore")}: <span className="font-mono">{score}%</span>
          </>
        }
        hint={t("selfScoreHint", { percent: `${fromTicks}%` })}
      >
        {(aria) => (
          <input
            {...aria}
            name="score"
            type="range"
            min={0}
            max={100}
            step={5}
            value={score}
            onChange={(e) => setOverride(Number(e.target.value))}
            aria-valuetext={`${score}%`}
            className="max-w-md accent-brand-600"
          />
        )}
      </FormField>
      <NoticeAndSubmit message={state.message} pending={pending} label={t("saveAssessment")} />
    </form>
  );
}
