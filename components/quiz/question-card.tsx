import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { InputSpec, Prompt } from "@/lib/scenarios/types";
import type { StoredResult } from "@/lib/server/quiz/types";
import { AnswerForm } from "./answer-form";
import type { ClientInput } from "./client-types";
import { inlineMarkdown, Markdown } from "./markdown";
import { OutcomeFocus } from "./result-focus";
import { ScenarioSlot } from "./scenario-slot";
import type { Locale } from "@/lib/core";

/** Plain text of a short markdown label, for aria-labels (drag handles, move buttons). */
function plain(md: string): string {
  return md.replace(/[`*_~]/g, "").replace(/\s+/g, " ").trim();
}

/** Only what the prompt says, in one language: the client never receives anything else. */
export function toClientInputs(inputs: InputSpec[], locale: Locale): ClientInput[] {
  return inputs.map((input): ClientInput => {
    const label = inlineMarkdown(input.label[locale]);
    switch (input.kind) {
      case "number":
        return {
          kind: "number",
          id: input.id,
          label,
          ...(input.unit ? { unit: input.unit[locale] } : {}),
          ...(input.min !== undefined ? { min: input.min } : {}),
          ...(input.max !== undefined ? { max: input.max } : {}),
        };
      case "text":
        return { kind: "text", id: input.id, label, maxLength: input.maxLength };
      case "choice":
      case "multi":
        return { kind: input.kind, id: input.id, label, options: input.options.map((o) => ({ id: o.id, label: inlineMarkdown(o.label[locale]), text: plain(o.label[locale]) })) };
      case "order":
        return { kind: "order", id: input.id, label, items: input.items.map((o) => ({ id: o.id, label: inlineMarkdown(o.label[locale]), text: plain(o.label[locale]) })) };
      case "segments":
        return { kind: "segments", id: input.id, label, rows: input.rows.map((r) => r.label[locale]), flagOptions: input.flagOptions };
    }
  });
}

/** The prompt itself: text, optional table, optional diagram (cut before the asked part). */
export async function PromptView({ prompt, locale }: { prompt: Prompt; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz" });
  return (
    <div className="flex flex-col gap-4">
      {prompt.untranslated === locale ? (
        <p className="w-fit rounded-md border border-warn px-2 py-1 text-sm" lang={locale === "zh" ? "zh" : "en"}>
          {t("untranslated")}
        </p>
      ) : null}
      <Markdown text={prompt.text[locale]} />
      {prompt.table ? (
        <div className="overflow-x-auto">
          <table className="stack-table min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("question.tableCaption")}</caption>
            <thead>
              <tr>
                {prompt.table.columns.map((c, i) => (
                  <th key={i} scope="col" className="border border-line bg-slate-50 px-2 py-1 text-left">
                    {c[locale]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prompt.table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className="border border-line px-2 py-1 font-mono" data-label={prompt.table?.columns[j]?.[locale]}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {prompt.scenario ? (
        <ScenarioSlot scenario={prompt.scenario.scenario} locale={locale} untilMs={prompt.scenario.showUntilMs} caption={prompt.scenario.caption?.[locale]} />
      ) : null}
    </div>
  );
}

function percent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}

/** Feedback after submission: score, verdict, your answer vs the correct one, explanation, divergence. */
export async function ResultView({ questionAttemptId, prompt, result, locale }: { questionAttemptId: string; prompt: Prompt; result: StoredResult; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz" });
  const tone = result.correct ? "border-green-200 bg-green-50" : result.score > 0 ? "border-amber-200 bg-amber-50" : "border-red-200 bg-red-50";
  const highlight = result.divergence?.eventSeqNo ?? result.reveal?.highlightSeqNo;
  return (
    <section aria-label={t("result.label")} className={`flex flex-col gap-4 rounded-lg border p-4 ${tone}`}>
      <OutcomeFocus questionAttemptId={questionAttemptId}>
        <p className="flex flex-wrap items-baseline gap-3 text-lg font-semibold">
          <span>{result.correct ? t("result.correct") : result.score > 0 ? t("result.partial") : t("result.wrong")}</span>
          <span className="font-mono">{t("result.score", { score: percent(result.score) })}</span>
        </p>
      </OutcomeFocus>
      <Markdown text={result.feedback[locale]} />
      <dl className="grid gap-3 sm:grid-cols-2">
        {prompt.inputs.map((input) => (
          <div key={input.id} className="rounded-md border border-line bg-surface p-3">
            <dt className="text-sm font-medium text-muted">{inlineMarkdown(input.label[locale])}</dt>
            <dd className="mt-1 text-sm">
              <span className="font-medium">{t("result.yourAnswer")}</span> {result.answerDisplay[input.id]?.[locale] ?? "—"}
            </dd>
            <dd className="mt-1 text-sm">
              <span className="font-medium">{t("result.correctAnswer")}</span> {result.correctDisplay[input.id]?.[locale] ?? "—"}
            </dd>
          </div>
        ))}
      </dl>
      {result.divergence ? (
        <div className="rounded-md border border-line bg-surface p-3">
          <h3 className="font-medium">{t("result.divergence", { step: result.divergence.step + 1 })}</h3>
          <Markdown text={result.divergence.message[locale]} className="mt-1 text-sm" />
        </div>
      ) : null}
      <div>
        <h3 className="font-medium">{t("result.explanation")}</h3>
        <Markdown text={result.explanation[locale]} className="mt-1" />
      </div>
      {result.reveal ? <ScenarioSlot scenario={result.reveal.scenario} locale={locale} highlightSeqNo={highlight} caption={t("result.diagramCaption")} revealed /> : null}
    </section>
  );
}

type CardState =
  | { kind: "open"; submitLabel?: string }
  | { kind: "graded"; result: StoredResult }
  | { kind: "hidden"; note: ReactNode }
  | { kind: "unanswered"; note: ReactNode };

/** One question: heading, prompt, then either the answer form or what happened to the answer. */
export async function QuestionCard({
  questionAttemptId,
  prompt,
  locale,
  heading,
  state,
}: {
  questionAttemptId: string;
  prompt: Prompt;
  locale: Locale;
  heading?: ReactNode;
  state: CardState;
}) {
  return (
    <article className="flex flex-col gap-5 rounded-lg border border-line bg-surface p-5 shadow-sm" data-question-attempt={questionAttemptId}>
      {heading}
      <PromptView prompt={prompt} locale={locale} />
      {state.kind === "open" ? <AnswerForm questionAttemptId={questionAttemptId} inputs={toClientInputs(prompt.inputs, locale)} submitLabel={state.submitLabel} /> : null}
      {state.kind === "graded" ? <ResultView questionAttemptId={questionAttemptId} prompt={prompt} result={state.result} locale={locale} /> : null}
      {state.kind === "hidden" || state.kind === "unanswered" ? (
        <OutcomeFocus questionAttemptId={questionAttemptId} className="rounded-md border border-line bg-slate-50 px-4 py-3 text-sm">
          {state.note}
        </OutcomeFocus>
      ) : null}
    </article>
  );
}
