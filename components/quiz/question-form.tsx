"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormField, Options } from "@/components/forms/form-field";
import { ActionMessage, ErrorList, SubmitButton } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/server/action";
import type { QuestionDraft } from "@/lib/server/quiz/authored-form";

type Option = { value: string; label: string };

const box = "min-w-0 rounded-md border border-line px-3 py-2";
const KINDS = ["single", "multiple", "numeric", "text", "ordering"] as const;
/** This editor's fields are compact: small labels, extra-small hints. */
const small = { labelClassName: "text-sm font-medium", hintClassName: "text-xs text-muted" };

/**
 * The authored-question editor for the five kinds, both languages side by side. The draft is
 * posted as JSON; the server builds the question and validates it with the bank's schema, and
 * its messages come back listed under the form.
 */
export function QuestionForm({
  action,
  initial,
  topics,
  lessons,
  misconceptions,
  submitLabel,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  initial: QuestionDraft;
  topics: Option[];
  lessons: Option[];
  misconceptions: Option[];
  submitLabel: string;
}) {
  const t = useTranslations("teach.questions.form");
  const tk = useTranslations("teach.kinds");
  const [state, formAction, pending] = useActionState(action, { ok: false, message: "" });
  const [d, setD] = useState<QuestionDraft>(initial);
  const set = <K extends keyof QuestionDraft>(key: K, value: QuestionDraft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const hasChoices = d.kind === "single" || d.kind === "multiple" || d.kind === "ordering";
  const minChoices = d.kind === "ordering" ? 3 : 2;

  const setChoice = (i: number, patch: Partial<QuestionDraft["choices"][number]>) =>
    set(
      "choices",
      d.choices.map((c, j) => {
        if (d.kind === "single" && patch.correct) return j === i ? { ...c, ...patch } : { ...c, correct: false };
        return j === i ? { ...c, ...patch } : c;
      }),
    );
  const moveChoice = (i: number, to: number) => {
    if (to < 0 || to >= d.choices.length) return;
    const next = [...d.choices];
    const [item] = next.splice(i, 1);
    if (item) next.splice(to, 0, item);
    set("choices", next);
  };

  const bilingual = (key: "prompt" | "explanation", rows: number) => (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {(["en", "zh"] as const).map((l) => (
        <FormField key={l} id={`q-${key}-${l}`} label={`${t(`${key}`)} (${t(`lang.${l}`)})`} {...small}>
          {(aria) => <textarea {...aria} rows={rows} value={d[key][l]} onChange={(e) => set(key, { ...d[key], [l]: e.target.value })} className={box} required />}
        </FormField>
      ))}
    </div>
  );

  return (
    <form action={formAction} className="flex flex-col gap-5">
      <input type="hidden" name="draft" value={JSON.stringify(d)} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <FormField id="q-id" label={t("id")} hint={t("idHint")} {...small}>
          {(aria) => <input {...aria} value={d.id} onChange={(e) => set("id", e.target.value)} className={`${box} font-mono`} required pattern="[a-z0-9]+(-[a-z0-9]+)*" />}
        </FormField>
        <FormField id="q-kind" label={t("kind")} {...small}>
          {(aria) => (
            <select
              {...aria}
              value={d.kind}
              onChange={(e) => {
                const kind = e.target.value as QuestionDraft["kind"];
                const choices = kind === "single" ? d.choices.map((c, i) => ({ ...c, correct: i === Math.max(0, d.choices.findIndex((x) => x.correct)) })) : d.choices;
                const padded = (kind === "single" || kind === "multiple" || kind === "ordering") && choices.length < 3 ? [...choices, ...Array.from({ length: 3 - choices.length }, () => ({ en: "", zh: "", correct: false }))] : choices;
                setD({ ...d, kind, choices: padded });
              }}
              className={box}
            >
              <Options options={KINDS.map((k) => ({ value: k, label: tk(k) }))} />
            </select>
          )}
        </FormField>
        <FormField id="q-difficulty" label={t("difficulty")} {...small}>
          {(aria) => (
            <select {...aria} value={d.difficulty} onChange={(e) => set("difficulty", Number(e.target.value))} className={box}>
              <Options options={[1, 2, 3].map((n) => ({ value: n, label: n }))} />
            </select>
          )}
        </FormField>
        <FormField id="q-topic" label={t("topic")} {...small}>
          {(aria) => (
            <select {...aria} value={d.topic} onChange={(e) => set("topic", e.target.value as QuestionDraft["topic"])} className={box}>
              <Options options={topics} />
            </select>
          )}
        </FormField>
        <FormField id="q-lesson" label={t("lesson")} hint={t("lessonHint")} {...small}>
          {(aria) => (
            <>
              <input {...aria} list="q-lessons" value={d.lesson} onChange={(e) => set("lesson", e.target.value)} className={`${box} font-mono`} />
              <datalist id="q-lessons">
                <Options options={lessons} />
              </datalist>
            </>
          )}
        </FormField>
        <FormField id="q-misconception" label={t("misconception")} {...small}>
          {(aria) => (
            <select
              {...aria}
              value={d.misconception ?? ""}
              onChange={(e) => {
                const { misconception: _drop, ...rest } = d;
                setD(e.target.value ? { ...rest, misconception: e.target.value } : rest);
              }}
              className={box}
            >
              <option value="">{t("none")}</option>
              <Options options={misconceptions} />
            </select>
          )}
        </FormField>
      </div>

      {bilingual("prompt", 4)}

      {hasChoices ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium">{d.kind === "ordering" ? t("itemsInOrder") : t("choices")}</legend>
          {d.kind === "ordering" ? <p className="text-sm text-muted">{t("orderingHint")}</p> : null}
          {d.choices.map((c, i) => (
            <div key={i} className="grid grid-cols-1 items-center gap-2 rounded-md border border-line bg-surface p-2 md:grid-cols-[auto_1fr_1fr_auto]">
              <span className="font-mono text-sm text-muted">{d.kind === "ordering" ? `${i + 1}.` : `${String.fromCharCode(97 + i)})`}</span>
              {(["en", "zh"] as const).map((l) => (
                <input
                  key={l}
                  aria-label={t("choiceText", { n: i + 1, lang: t(`lang.${l}`) })}
                  value={c[l]}
                  onChange={(e) => setChoice(i, { [l]: e.target.value })}
                  className={box}
                  required
                />
              ))}
              <span className="flex items-center gap-2">
                {d.kind === "single" || d.kind === "multiple" ? (
                  <label className="flex items-center gap-1 text-sm">
                    <input
                      type={d.kind === "single" ? "radio" : "checkbox"}
                      name="correct-choice"
                      checked={c.correct}
                      onChange={(e) => setChoice(i, { correct: e.target.checked })}
                    />
                    {t("correct")}
                  </label>
                ) : (
                  <>
                    <button type="button" className="rounded border border-line px-2 text-sm" onClick={() => moveChoice(i, i - 1)} disabled={i === 0} aria-label={t("moveUp", { n: i + 1 })}>
                      ↑
                    </button>
                    <button type="button" className="rounded border border-line px-2 text-sm" onClick={() => moveChoice(i, i + 1)} disabled={i === d.choices.length - 1} aria-label={t("moveDown", { n: i + 1 })}>
                      ↓
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="rounded px-2 text-sm text-bad disabled:opacity-40"
                  onClick={() => set("choices", d.choices.filter((_, j) => j !== i))}
                  disabled={d.choices.length <= minChoices}
                  aria-label={t("removeChoice", { n: i + 1 })}
                >
                  ✕
                </button>
              </span>
            </div>
          ))}
          <div>
            <Button type="button" variant="secondary" onClick={() => set("choices", [...d.choices, { en: "", zh: "", correct: false }])} disabled={d.choices.length >= 8}>
              {t("addChoice")}
            </Button>
          </div>
        </fieldset>
      ) : null}

      {d.kind === "numeric" ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
          {(
            [
              ["value", t("value")],
              ["tolerance", t("tolerance")],
              ["unitEn", t("unitEn")],
              ["unitZh", t("unitZh")],
            ] as const
          ).map(([key, label]) => (
            <FormField key={key} id={`q-num-${key}`} label={label} {...small}>
              {(aria) => (
                <input
                  {...aria}
                  value={d.numeric[key]}
                  inputMode={key === "value" || key === "tolerance" ? "decimal" : undefined}
                  onChange={(e) => set("numeric", { ...d.numeric, [key]: e.target.value })}
                  className={box}
                  required={key === "value"}
                />
              )}
            </FormField>
          ))}
        </div>
      ) : null}

      {d.kind === "text" ? (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {(["en", "zh"] as const).map((l) => (
            <div key={l} className="flex flex-col gap-1">
              <label htmlFor={`q-accept-${l}`} className="text-sm font-medium">
                {t("accepted")} ({t(`lang.${l}`)})
              </label>
              <textarea id={`q-accept-${l}`} rows={3} value={d.text[l]} onChange={(e) => set("text", { ...d.text, [l]: e.target.value })} className={`${box} font-mono`} aria-describedby="q-accept-hint" />
            </div>
          ))}
          <p id="q-accept-hint" className="text-sm text-muted md:col-span-2">
            {t("acceptedHint")}
          </p>
        </div>
      ) : null}

      {bilingual("explanation", 4)}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} label={submitLabel} />
        <ActionMessage message={state.message} ok={state.ok} />
      </div>
      <ErrorList errors={state.errors} />
    </form>
  );
}
