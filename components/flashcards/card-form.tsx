"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Markdown } from "@/components/quiz/markdown";
import { FormField, invalidBorder, Options } from "@/components/forms/form-field";
import { NoticeAndSubmit } from "@/components/forms/form-status";
import { TOPICS } from "@/lib/content/topics";
import { saveCardAction, type CardFormState, type CardFormValues } from "@/lib/server/actions/flashcards";

const fieldClass = "rounded-md border px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-brand-600";

export type CardLimits = { sideLength: number; tags: number };

/**
 * Create or edit an own card: Markdown front and back with a live preview, tags, topic. The
 * limits come from the server page (lib/flashcards/deck.ts reads files, so it stays out of the
 * browser bundle).
 */
export function CardForm({ cardId, initial, limits }: { cardId: string | null; initial: CardFormValues; limits: CardLimits }) {
  const t = useTranslations("flashcards.cards.form");
  const locale = useLocale();
  const [state, action, pending] = useActionState<CardFormState, FormData>(saveCardAction.bind(null, locale, cardId), { ok: false, message: "" });
  const values = state.values ?? initial;
  const [front, setFront] = useState(values.front);
  const [back, setBack] = useState(values.back);
  const errors = state.errors ?? {};

  const side = (name: "front" | "back", value: string, set: (v: string) => void) => (
    <FormField
      id={`card-${name}`}
      label={t(name)}
      hint={
        <>
          {t(name === "front" ? "frontHint" : "backHint", { max: limits.sideLength })} ({value.length}/{limits.sideLength})
        </>
      }
      error={errors[name]}
    >
      {(aria) => (
        <textarea
          {...aria}
          name={name}
          rows={name === "front" ? 3 : 6}
          maxLength={limits.sideLength}
          required
          value={value}
          onChange={(e) => set(e.target.value)}
          className={`${fieldClass} font-mono text-sm ${invalidBorder(errors[name])}`}
        />
      )}
    </FormField>
  );

  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      {side("front", front, setFront)}
      {side("back", back, setBack)}
      <FormField id="card-tags" label={t("tags")} hint={t("tagsHint", { max: limits.tags })} error={errors.tags}>
        {(aria) => <input {...aria} name="tags" type="text" autoComplete="off" defaultValue={values.tags} className={`${fieldClass} max-w-xl font-mono ${invalidBorder(errors.tags)}`} />}
      </FormField>
      <FormField id="card-topic" label={t("topic")} error={errors.topic}>
        {(aria) => (
          <select {...aria} name="topic" defaultValue={values.topic} className={`${fieldClass} max-w-xs border-line bg-surface`}>
            <option value="">{t("noTopic")}</option>
            <Options options={TOPICS.map((topic) => ({ value: topic.id, label: topic.name[locale === "zh" ? "zh" : "en"] }))} />
          </select>
        )}
      </FormField>

      <details className="rounded-md border border-line bg-slate-50 p-3">
        <summary className="cursor-pointer font-medium">{t("preview")}</summary>
        {front.trim() || back.trim() ? (
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            <div className="rounded-md border border-line bg-surface p-3">
              <Markdown text={front} />
            </div>
            <div className="rounded-md border border-line bg-surface p-3">
              <Markdown text={back} />
            </div>
          </div>
        ) : (
          <p className="mt-2 text-sm text-muted">{t("previewEmpty")}</p>
        )}
      </details>

      <NoticeAndSubmit message={!state.ok && state.message} pending={pending} label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
