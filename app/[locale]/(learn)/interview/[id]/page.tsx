import { notFound } from "next/navigation";
import { AssessForm } from "@/components/interview/assess-form";
import { OpenAnswerForm } from "@/components/interview/open-answer-form";
import { ScenarioConfidenceForm } from "@/components/interview/scenario-confidence-form";
import { ScenarioStrictTimer } from "@/components/interview/strict-timer";
import { InterviewTimer } from "@/components/interview/timer";
import { inlineMarkdown, Markdown } from "@/components/quiz/markdown";
import { QuestionCard } from "@/components/quiz/question-card";
import { LessonLinks } from "@/components/interview/lesson-links";
import { buttonClass } from "@/components/ui/button";
import { Link, redirect } from "@/i18n/navigation";
import { getTopic, type TopicId } from "@/lib/content/topics";
import type { FamilyId } from "@/lib/scenarios/types";
import { endInterviewAction } from "@/lib/server/actions/interview";
import { findInterviewQuestion } from "@/lib/server/interview/bank";
import {
  currentStep,
  endSession,
  expireOpen,
  expireScenario,
  getSession,
  markShown,
  MAX_ANSWER_LENGTH,
  openAnswer,
  scenarioAttemptId,
  STRICT_GRACE_MS,
  strictDeadline,
  variantsOf,
} from "@/lib/server/interview/sessions";
import { Notice } from "@/components/ui/notice";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { readStoredParams, readStoredResult } from "@/lib/server/quiz/types";
import type { Locale } from "@/lib/core";
import { Section } from "@/components/ui/section";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";
import { suggestKeyPoints } from "@/lib/interview/keypoints";
import { lessonLinkInfo } from "@/lib/server/interview/lessons";

type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<{ reveal?: string | string[]; timedOut?: string | string[] }> };

export const generateMetadata = titleFrom("interview.run", "metaTitle");

/** A soft time target shown beside the clock: about what an interviewer would allow. */
const TARGET_MS = { open: 3 * 60_000, scenario: 4 * 60_000 } as const;

function topicName(topic: string, locale: Locale): string {
  try {
    return getTopic(topic as TopicId).name[locale];
  } catch {
    return topic;
  }
}

/**
 * /interview/<id>: the current question of a session, one step at a time. Open question: answer
 * + confidence → model answer, key points, self-assessment. Scenario question: the quiz's answer
 * form (graded on the server) → confidence → the result (`?reveal=<item>`). The session's owner
 * only: anyone else gets a 404.
 */
export default async function InterviewRunPage({ params, searchParams }: Props) {
  const { locale, id, user, t } = await openPage(params, "interview");
  const session = await getSession(user.id, id);
  if (!session) notFound();
  const total = session.items.length;
  const { reveal, timedOut } = await searchParams;

  const header = (n: number, kind: string, topic: string) => (
    <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
      <span className="font-medium">{t("run.progress", { n, total })}</span>
      <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">{kind === "scenario" ? t("run.scenario") : t("run.open")}</span>
      <span className="text-muted">{topicName(topic, locale)}</span>
    </div>
  );

  // The result of a scenario question, once its confidence has been given.
  if (typeof reveal === "string") {
    const item = session.items.find((i) => i.id === reveal && i.kind === "scenario" && i.confidence !== null);
    const qaId = item ? scenarioAttemptId(item) : null;
    const qa = qaId ? (await variantsOf(user.id, [item!])).get(qaId) : undefined;
    const result = qa ? readStoredResult(qa.feedback) : null;
    if (item && qa && result) {
      return (
        <div className="flex flex-col gap-4">
          <h1 className="sr-only">{t("run.revealTitle")}</h1>
          {header(item.position + 1, item.kind, item.topic)}
          <QuestionCard questionAttemptId={qa.id} prompt={readStoredParams(qa.params).prompt} locale={locale} state={{ kind: "graded", result }} />
          <div>
            <Link href={session.finishedAt ? `/interview/${session.id}/report` : `/interview/${session.id}`} className={buttonClass("primary")}>
              {session.finishedAt ? t("run.toReport") : t("run.next")}
            </Link>
          </div>
        </div>
      );
    }
  }

  if (session.finishedAt) redirect({ href: `/interview/${session.id}/report`, locale });
  const step = await currentStep(user.id, session);
  if (!step) {
    // Every item is done but the session was not closed (a race between two tabs): close it now.
    await endSession(user.id, session.id, new Date());
    redirect({ href: `/interview/${session.id}/report`, locale });
  }
  const { item, phase } = step!;
  const now = new Date();
  const shownAt = phase === "answer" ? await markShown(user.id, session.id, item.id, now) : null;
  // Strict timer: an open question whose time is up ends here, on the server, whatever the browser did.
  const deadline = shownAt ? strictDeadline(session, { shownAt }) : null;
  if (phase === "answer" && deadline && now.getTime() > deadline.getTime() + STRICT_GRACE_MS) {
    if (item.kind === "open") await expireOpen(user.id, session.id, item.id, "", now);
    else await expireScenario(user.id, session.id, item.id, now);
    redirect({ href: `/interview/${session.id}${item.kind === "open" ? "" : "?timedOut=1"}`, locale });
  }
  const endForm = (
    <form action={endInterviewAction.bind(null, locale, session.id)} className="flex flex-wrap items-center gap-2 border-t border-line pt-4">
      <button type="submit" className={buttonClass("secondary")}>
        {t("run.end")}
      </button>
      <span className="text-sm text-muted">{t("run.endHint")}</span>
    </form>
  );

  let body: React.ReactNode;
  if (item.kind === "open") {
    const question = findInterviewQuestion(item.ref);
    const prompt = question ? question.question[locale] : item.ref;
    if (phase === "answer") {
      body = (
        <>
          <Markdown text={prompt} className="text-lg font-medium" />
          <OpenAnswerForm
            key={item.id}
            sessionId={session.id}
            itemId={item.id}
            maxLength={MAX_ANSWER_LENGTH}
            {...(deadline ? { strictMs: Math.max(0, deadline.getTime() - now.getTime()) } : {})}
          />
        </>
      );
    } else {
      const given = openAnswer(item);
      const answer = given?.text ?? "";
      body = (
        <>
          <Markdown text={prompt} className="text-lg font-medium" />
          {given?.timedOut ? <Notice tone="warning">{t("run.timedOut", { minutes: (session.strictSeconds ?? 0) / 60 })}</Notice> : null}
          <Section id="your-answer" title={t("run.yourAnswer")} className="rounded-md border border-line bg-slate-50 p-4" headingClassName="mb-1 text-sm font-medium text-muted">
            {/* The candidate's own text, shown as typed (plain text, not Markdown). */}
            <p className="whitespace-pre-wrap">{answer || t("run.noAnswer")}</p>
          </Section>
          {question ? (
            <Section id="model-answer" title={t("run.modelAnswer")} className="rounded-md border border-green-200 bg-green-50/50 p-4" headingClassName="mb-2 font-semibold">
              <Markdown text={question.modelAnswer[locale]} />
            </Section>
          ) : null}
          <AssessForm
            key={item.id}
            sessionId={session.id}
            itemId={item.id}
            keyPoints={(question?.keyPoints ?? []).map((k) => inlineMarkdown(k[locale]))}
            suggestions={suggestKeyPoints(answer, question?.keyPoints ?? [])}
          />
          {question ? (
            <div className="grid gap-4 md:grid-cols-2">
              <Section id="follow-ups" title={t("run.followUps")} headingClassName="mb-2 font-semibold">
                <ul className="list-disc pl-5">
                  {question.followUps.map((f, i) => (
                    <li key={i}>{inlineMarkdown(f[locale])}</li>
                  ))}
                </ul>
              </Section>
              <Section id="read-more" title={t("run.lessons")} headingClassName="mb-2 font-semibold">
                <LessonLinks links={question.lessons.map((ref) => lessonLinkInfo(ref, locale))} />
              </Section>
            </div>
          ) : null}
        </>
      );
    }
  } else {
    const qaId = scenarioAttemptId(item);
    const qa = qaId ? (await variantsOf(user.id, [item])).get(qaId) : undefined;
    if (!qa) notFound();
    const prompt = readStoredParams(qa.params).prompt;
    const family = getScenarioFamily(item.ref as FamilyId);
    body = (
      <>
        {family ? <p className="text-sm text-muted">{family.title[locale]}</p> : null}
        {phase === "answer" ? (
          <>
            {deadline ? <ScenarioStrictTimer strictMs={Math.max(0, deadline.getTime() - now.getTime())} graceMs={STRICT_GRACE_MS} /> : null}
            <QuestionCard questionAttemptId={qa.id} prompt={prompt} locale={locale} state={{ kind: "open", submitLabel: t("run.submit") }} />
          </>
        ) : (
          <>
            <QuestionCard questionAttemptId={qa.id} prompt={prompt} locale={locale} state={{ kind: "hidden", note: t("run.answerRecorded") }} />
            <ScenarioConfidenceForm key={item.id} sessionId={session.id} itemId={item.id} />
          </>
        )}
      </>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <h1 className="sr-only">{t("title")}</h1>
      <div className="flex flex-wrap items-start justify-between gap-3">
        {header(item.position + 1, item.kind, item.topic)}
        {shownAt ? <InterviewTimer elapsedMs={Math.max(0, now.getTime() - shownAt.getTime())} targetMs={TARGET_MS[item.kind === "scenario" ? "scenario" : "open"]} /> : null}
      </div>
      {timedOut === "1" ? <Notice tone="warning">{t("run.scenarioTimedOut")}</Notice> : null}
      {body}
      {endForm}
    </div>
  );
}
