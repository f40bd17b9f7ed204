import Head from "next/head";
import { createTranslator, NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { useMemo } from "react";
import { SiteFrame, type SiteFrameLabels } from "@/components/layout/site-frame";
import type { HeaderContent } from "@/components/layout/header-parts";
import { SiteHeaderView } from "@/components/layout/site-header-view";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { AnswerForm } from "./answer-form";
import type { ClientInput } from "./client-types";
import { PROMPT_CLASS, QuestionFrame, ResultFrame, type Verdict } from "./question-frame";
import type { Translator } from "@/i18n/translator";
import type { Locale } from "@/lib/core";

/** The question on a practice page: its prompt (HTML rendered on the server), then the form or the outcome. */
export type PracticeQuestion = { id: string; promptHtml: string } & (
  | { state: "open"; inputs: ClientInput[]; submitLabel: string }
  | { state: "graded"; verdict: Verdict; resultHtml: string }
);

/** The hidden fields and labels of the page's two buttons (posted to app/api/practice/route.ts). */
export type PracticeButtons = { fields: Record<string, string>; next: string; nextPrimary: boolean; variant: string | null };

/**
 * A practice page's props: plain JSON, built by lib/server/quiz/practice-page.tsx. Everything
 * is translated on the server; only the answer form translates in the browser, with the `quiz`
 * messages. Nothing here can carry an answer before it is graded: the prompt is HTML of what it
 * shows (the diagram cut before the asked part) and the inputs are the prompt's own.
 */
export type PracticePageProps = {
  locale: Locale;
  head: { title: string; description: string };
  frame: SiteFrameLabels;
  header: HeaderContent;
  page: { title: string; intro: string; back: { href: string; label: string } };
  /** Null when the family exists but is switched off (`unavailable` says so). */
  question: PracticeQuestion | null;
  unavailable: string | null;
  level: string;
  cards: { text: string; linkHref: string; linkLabel: string } | null;
  buttons: PracticeButtons | null;
  messages: { quiz: AbstractIntlMessages };
};

/**
 * One practice question page (/practice/<family>, /practice/topic/<topic>, /practice/adaptive):
 * the form while unanswered, the feedback once graded, a "new variant" button (the same
 * question with a fresh seed) and a button for the next question. The page renders through the
 * Pages Router, without the App Router's RSC render and its flight payload (issue #16: a
 * variant's first view in ≈ 16 ms of CPU instead of 25–29, and ≈ 1.7× less again when made from its
 * page's template, lib/server/practice-template.ts); the answer form, the outcome's focus
 * and the header menu hydrate, the rest is HTML. The buttons are plain forms: they work without JavaScript.
 */
export function PracticeView({ locale, head, frame, header, page, question, unavailable, level, cards, buttons, messages }: PracticePageProps) {
  const quiz = useMemo(() => createTranslator({ locale, messages, namespace: "quiz" }) as Translator, [locale, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" key="viewport" />
        <title>{`${head.title} · tcplab`}</title>
        <meta name="description" content={head.description} />
        {/* Blocking on purpose (a few hundred bytes, cached): the reader's colour theme before the first paint. */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme.js" />
      </Head>
      <SiteFrame header={<SiteHeaderView locale={locale} content={header} />} labels={frame}>
        <div>
          <PageHeading
            title={page.title}
            intro={page.intro}
            actions={
              <a href={page.back.href} className="text-sm text-brand-700 underline">
                {page.back.label}
              </a>
            }
          />
          {unavailable ? <Notice tone="warning">{unavailable}</Notice> : null}
          {question ? (
            <div className="flex flex-col gap-4">
              <p className="text-sm text-muted" data-testid="practice-level">
                {level}
              </p>
              <QuestionFrame questionAttemptId={question.id}>
                <div className={PROMPT_CLASS} dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
                {question.state === "open" ? (
                  <AnswerForm questionAttemptId={question.id} inputs={question.inputs} submitLabel={question.submitLabel} />
                ) : (
                  <ResultFrame questionAttemptId={question.id} result={question.verdict} t={quiz}>
                    {/* display: contents keeps the details in the result box's flex column. */}
                    <div className="contents" dangerouslySetInnerHTML={{ __html: question.resultHtml }} />
                  </ResultFrame>
                )}
              </QuestionFrame>
              {cards ? (
                <Notice>
                  {cards.text}{" "}
                  <a href={cards.linkHref} className="font-medium underline">
                    {cards.linkLabel}
                  </a>
                </Notice>
              ) : null}
              {buttons ? <PracticeButtonsView buttons={buttons} /> : null}
            </div>
          ) : null}
        </div>
      </SiteFrame>
    </NextIntlClientProvider>
  );
}

function PracticeButtonsView({ buttons }: { buttons: PracticeButtons }) {
  const hidden = Object.entries(buttons.fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <div className="flex flex-wrap gap-3">
      <form method="post" action="/api/practice">
        {hidden}
        <input type="hidden" name="op" value="next" />
        <button type="submit" className={buttonClass(buttons.nextPrimary ? "primary" : "secondary")}>
          {buttons.next}
        </button>
      </form>
      {buttons.variant ? (
        <form method="post" action="/api/practice">
          {hidden}
          <input type="hidden" name="op" value="variant" />
          <button type="submit" className={buttonClass("secondary")}>
            {buttons.variant}
          </button>
        </form>
      ) : null}
    </div>
  );
}
