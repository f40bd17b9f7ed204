import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { InputSpec, Prompt } from "@/lib/scenarios/types";
import type { StoredResult } from "@/lib/server/quiz/types";
import { AnswerForm } from "./answer-form";
import type { ClientInput } from "./client-types";
import { inlineMarkdown, inlineMarkdownHtml, Markdown } from "./markdown";
import { OutcomeFocus } from "./result-focus";
import { PROMPT_CLASS, QuestionFrame, ResultFrame } from "./question-frame";
import { ScenarioSlot } from "./scenario-slot";
import type { Translator } from "@/i18n/translator";
import type { Locale } from "@/lib/core";

/** Plain text of a short markdown label, for aria-labels (drag handles, move buttons). */
function plain(md: string): string {
  return md.replace(/[`*_~]/g, "").replace(/\s+/g, " ").trim();
}

/**
 * Only what the prompt says, in one language: the client never receives anything else. Labels
 * are sanitized HTML strings (markdown rendered here), so the inputs are plain JSON for either
 * router: the App Router's pages and the Pages Router's practice pages (issue #16).
 */
export function toClientInputs(inputs: InputSpec[], locale: Locale): ClientInput[] {
  return inputs.map((input): ClientInput => {
    const label = inlineMarkdownHtml(input.label[locale]);
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
        return { kind: input.kind, id: input.id, label, options: input.options.map((o) => ({ id: o.id, label: inlineMarkdownHtml(o.label[locale]), text: plain(o.label[locale]) })) };
      case "order":
        return { kind: "order", id: input.id, label, items: input.items.map((o) => ({ id: o.id, label: inlineMarkdownHtml(o.label[locale]), text: plain(o.label[locale]) })) };
      case "segments":
        return { kind: "segments", id: input.id, label, rows: input.rows.map((r) => r.label[locale]), flagOptions: input.flagOptions };
    }
  });
}

/** The translators of a question's server-rendered parts: `quiz` and `sim.figure`. */
export type QuestionTranslators = { quiz: Translator; figure: Translator };

export async function questionTranslators(locale: Locale): Promise<QuestionTranslators> {
  const [quiz, figure] = await Promise.all([getTranslations({ locale, namespace: "quiz" }), getTranslations({ locale, namespace: "sim.figure" })]);
  return { quiz, figure };
}

/** What the prompt shows: text, optional table, optional diagram (cut before the asked part). */
export function PromptParts({ prompt, locale, t }: { prompt: Prompt; locale: Locale; t: QuestionTranslators }) {
  return (
    <>
      {prompt.untranslated === locale ? (
        <p className="w-fit rounded-md border border-warn px-2 py-1 text-sm" lang={locale === "zh" ? "zh" : "en"}>
          {t.quiz("untranslated")}
        </p>
      ) : null}
      <Markdown text={prompt.text[locale]} />
      {prompt.table ? (
        <div className="overflow-x-auto">
          <table className="stack-table min-w-full border-collapse text-sm">
            <caption className="sr-only">{t.quiz("question.tableCaption")}</caption>
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
        <ScenarioSlot t={t.figure} scenario={prompt.scenario.scenario} locale={locale} untilMs={prompt.scenario.showUntilMs} caption={prompt.scenario.caption?.[locale]} />
      ) : null}
    </>
  );
}

/** The prompt itself, in its box. */
export function PromptBody({ prompt, locale, t }: { prompt: Prompt; locale: Locale; t: QuestionTranslators }) {
  return (
    <div className={PROMPT_CLASS}>
      <PromptParts prompt={prompt} locale={locale} t={t} />
    </div>
  );
}

/** `PromptBody` for App Router pages (the instructor's preview). */
export async function PromptView({ prompt, locale }: { prompt: Prompt; locale: Locale }) {
  return <PromptBody prompt={prompt} locale={locale} t={await questionTranslators(locale)} />;
}

/** The details of a graded answer: feedback, your answer vs the correct one, explanation, divergence, the whole run. */
export function ResultParts({ prompt, result, locale, t }: { prompt: Prompt; result: StoredResult; locale: Locale; t: QuestionTranslators }) {
  const highlight = result.divergence?.eventSeqNo ?? result.reveal?.highlightSeqNo;
  return (
    <>
      <Markdown text={result.feedback[locale]} />
      <dl className="grid gap-3 sm:grid-cols-2">
        {prompt.inputs.map((input) => (
          <div key={input.id} className="rounded-md border border-line bg-surface p-3">
            <dt className="text-sm font-medium text-muted">{inlineMarkdown(input.label[locale])}</dt>
            <dd className="mt-1 text-sm">
              <span className="font-medium">{t.quiz("result.yourAnswer")}</span> {result.answerDisplay[input.id]?.[locale] ?? "—"}
            </dd>
            <dd className="mt-1 text-sm">
              <span className="font-medium">{t.quiz("result.correctAnswer")}</span> {result.correctDisplay[input.id]?.[locale] ?? "—"}
            </dd>
          </div>
        ))}
      </dl>
      {result.divergence ? (
        <div className="rounded-md border border-line bg-surface p-3">
          <h3 className="font-medium">{t.quiz("result.divergence", { step: result.divergence.step + 1 })}</h3>
          <Markdown text={result.divergence.message[locale]} className="mt-1 text-sm" />
        </div>
      ) : null}
      <div>
        <h3 className="font-medium">{t.quiz("result.explanation")}</h3>
        <Markdown text={result.explanation[locale]} className="mt-1" />
      </div>
      {result.reveal ? <ScenarioSlot t={t.figure} scenario={result.reveal.scenario} locale={locale} highlightSeqNo={highlight} caption={t.quiz("result.diagramCaption")} revealed /> : null}
    </>
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
  const t = await questionTranslators(locale);
  return (
    <QuestionFrame questionAttemptId={questionAttemptId}>
      {heading}
      <PromptBody prompt={prompt} locale={locale} t={t} />
      {state.kind === "open" ? <AnswerForm questionAttemptId={questionAttemptId} inputs={toClientInputs(prompt.inputs, locale)} submitLabel={state.submitLabel} /> : null}
      {state.kind === "graded" ? (
        <ResultFrame questionAttemptId={questionAttemptId} result={state.result} t={t.quiz}>
          <ResultParts prompt={prompt} result={state.result} locale={locale} t={t} />
        </ResultFrame>
      ) : null}
      {state.kind === "hidden" || state.kind === "unanswered" ? (
        <OutcomeFocus questionAttemptId={questionAttemptId} className="rounded-md border border-line bg-slate-50 px-4 py-3 text-sm">
          {state.note}
        </OutcomeFocus>
      ) : null}
    </QuestionFrame>
  );
}
