"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Markdown } from "@/components/quiz/markdown";
import { Button } from "@/components/ui/button";
import { TOPICS } from "@/lib/content/topics";
import { saveCardAction, type CardFormState, type CardFormValues } from "@/lib/server/actions/flashcards";
import { Notice } from "@/components/ui/notice";

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

  const side = (name: "front" | "back", value: string, set: (v: string) => void) => {
    const id = `card-${name}`;
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="font-medium">
          {t(name)}
        </label>
        <textarea
          id={id}
          name={name}
          rows={name === "front" ? 3 : 6}
          maxLength={limits.sideLength}
          required
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={`${hintId}${errors[name] ? ` ${errorId}` : ""}`}
          className={`${fieldClass} font-mono text-sm ${errors[name] ? "border-bad" : "border-line"}`}
        />
        <p id={hintId} className="text-sm text-muted">
          {t(name === "front" ? "frontHint" : "backHint", { max: limits.sideLength })} ({value.length}/{limits.sideLength})
        </p>
        {errors[name] ? (
          <p id={errorId} className="text-sm text-bad">
            {errors[name]}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      {side("front", front, setFront)}
      {side("back", back, setBack)}
      <div className="flex flex-col gap-1">
        <label htmlFor="card-tags" className="font-medium">
          {t("tags")}
        </label>
        <input
          id="card-tags"
          name="tags"
          type="text"
          autoComplete="off"
          defaultValue={values.tags}
          aria-invalid={errors.tags ? true : undefined}
          aria-describedby={`card-tags-hint${errors.tags ? " card-tags-error" : ""}`}
          className={`${fieldClass} max-w-xl font-mono ${errors.tags ? "border-bad" : "border-line"}`}
        />
        <p id="card-tags-hint" className="text-sm text-muted">
          {t("tagsHint", { max: limits.tags })}
        </p>
        {errors.tags ? (
          <p id="card-tags-error" className="text-sm text-bad">
            {errors.tags}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="card-topic" className="font-medium">
          {t("topic")}
        </label>
        <select
          id="card-topic"
          name="topic"
          defaultValue={values.topic}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={errors.topic ? "card-topic-error" : undefined}
          className={`${fieldClass} max-w-xs border-line bg-surface`}
        >
          <option value="">{t("noTopic")}</option>
          {TOPICS.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name[locale === "zh" ? "zh" : "en"]}
            </option>
          ))}
        </select>
        {errors.topic ? (
          <p id="card-topic-error" className="text-sm text-bad">
            {errors.topic}
          </p>
        ) : null}
      </div>

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

      {state.message && !state.ok ? (
        <Notice tone="error">
          {state.message}
        </Notice>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
