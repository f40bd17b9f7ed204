"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormField, Options } from "@/components/forms/form-field";
import { NoticeAndSubmit } from "@/components/forms/form-status";
import { useActionState, useState } from "react";
import { TOPICS } from "@/lib/content/topics";
import { INTERVIEW_LENGTHS, STRICT_SECONDS } from "@/lib/interview/plan";
import { startInterviewAction, type InterviewFormState } from "@/lib/server/actions/interview";

/** Length, topics and whether to mix in scenario questions; the server plans the session. */
export function StartForm({ scenariosAvailable }: { scenariosAvailable: boolean }) {
  const t = useTranslations("interview.start");
  const locale = useLocale();
  const l = locale === "zh" ? "zh" : "en";
  const [state, action, pending] = useActionState<InterviewFormState, FormData>(startInterviewAction.bind(null, locale), { ok: false, message: "" });
  const [topics, setTopics] = useState<string[]>(TOPICS.map((topic) => topic.id));
  const all = topics.length === TOPICS.length;

  return (
    <form action={action} className="flex flex-col gap-6">
      <fieldset>
        <legend className="mb-2 font-medium">{t("length")}</legend>
        <div className="flex flex-wrap gap-2">
          {INTERVIEW_LENGTHS.map((n) => (
            <label key={n} className="flex cursor-pointer items-center gap-2 rounded-md border border-line bg-surface px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="length" value={n} defaultChecked={n === 5} />
              {t("lengthOption", { count: n })}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset aria-describedby="topics-hint">
        <legend className="mb-1 font-medium">{t("topics")}</legend>
        <p id="topics-hint" className="mb-2 text-sm text-muted">
          {t("topicsHint")}
        </p>
        <label className="mb-2 flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={all} onChange={(e) => setTopics(e.target.checked ? TOPICS.map((topic) => topic.id) : [])} />
          {t("allTopics")}
        </label>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {TOPICS.map((topic) => (
            <label key={topic.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="topics"
                value={topic.id}
                checked={topics.includes(topic.id)}
                onChange={(e) => setTopics((prev) => (e.target.checked ? [...prev, topic.id] : prev.filter((x) => x !== topic.id)))}
              />
              {topic.name[l]}
            </label>
          ))}
        </div>
      </fieldset>

      {scenariosAvailable ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="scenarios" defaultChecked />
          {t("scenarios")}
        </label>
      ) : (
        <p className="text-sm text-muted">{t("scenariosUnavailable")}</p>
      )}

      <FormField id="strict-seconds" label={t("strict")} hint={t("strictHint")}>
        {(aria) => (
          <select {...aria} name="strictSeconds" defaultValue="0" className="max-w-xs rounded-md border border-line bg-surface px-3 py-2">
            <Options options={STRICT_SECONDS.map((s) => ({ value: s, label: s === 0 ? t("strictOff") : t("strictOption", { minutes: s / 60 }) }))} />
          </select>
        )}
      </FormField>

      <NoticeAndSubmit message={state.message} pending={pending} label={t("button")} pendingLabel={t("starting")} />
    </form>
  );
}
