import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { Countdown } from "@/components/quiz/countdown";
import { QuestionCard } from "@/components/quiz/question-card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { finishAttemptAction } from "@/lib/server/actions/quiz";
import { attemptView } from "@/lib/server/quiz/attempts";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { formatNumber } from "@/lib/core/format";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale; quizId: string; attemptId: string }> };

export const generateMetadata = titleFrom("quiz.attempt");

/**
 * Taking an attempt (its owner, while open) or reviewing it (owner after submission; the
 * quiz's instructor at any time). Before submission each question carries its prompt only.
 */
export default async function AttemptPage({ params }: Props) {
  const { locale, quizId, attemptId, user, t } = await openPage(params, "quiz.attempt");
  const tq = await getTranslations("quiz.question");
  const format = await getFormatter();
  const view = await orNotFound(attemptView(user, attemptId));
  if (view.quiz.id !== quizId) notFound();
  const taking = view.own && !view.attempt.submittedAt;
  const answered = view.questions.filter((q) => q.submitted).length;
  const practice = view.quiz.mode === "PRACTICE";
  const closes = view.quiz.closesAt ? format.dateTime(view.quiz.closesAt, DATE_TIME) : "";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={view.quiz.title}
        intro={view.own ? t("attemptN", { n: view.attempt.number }) : t("studentAttempt", { n: view.attempt.number, name: view.student.name, email: view.student.email })}
        links={[{ href: view.own ? `/quizzes/${quizId}` : `/teach/quizzes/${quizId}/results`, label: t("back") }]}
      />
      {taking ? (
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-4 bg-page/95 py-2">
          {view.attempt.deadlineAt ? <Countdown deadline={view.attempt.deadlineAt.toISOString()} /> : null}
          <p className="text-sm text-muted" aria-live="polite">
            {t("progress", { answered, total: view.questions.length })}
          </p>
        </div>
      ) : null}
      {!taking && view.attempt.submittedAt ? (
        view.resultsVisible && view.attempt.score !== null ? (
          <Notice tone="info">
            <span className="text-base font-semibold">{t("finalScore", { score: formatNumber(view.attempt.score * 100, { digits: 1, locale }) })}</span>
          </Notice>
        ) : (
          <Notice tone="info">{t("hiddenUntil", { when: closes })}</Notice>
        )
      ) : null}
      {taking && !practice ? <Notice tone="info">{t("examNote", { when: closes })}</Notice> : null}

      <ol className="flex flex-col gap-6">
        {view.questions.map((q, i) => (
          <li key={q.id}>
            <QuestionCard
              questionAttemptId={q.id}
              prompt={q.prompt}
              locale={locale}
              heading={
                <h2 className="text-lg font-semibold">
                  {tq("number", { n: i + 1 })} <span className="text-sm font-normal text-muted">· {tq("points", { points: q.points })}</span>
                </h2>
              }
              state={
                q.result
                  ? { kind: "graded", result: q.result }
                  : q.submitted
                    ? { kind: "hidden", note: t("recorded", { when: closes }) }
                    : taking
                      ? { kind: "open" }
                      : { kind: "unanswered", note: t("unanswered") }
              }
            />
          </li>
        ))}
      </ol>

      {taking ? (
        <ActionForm
          action={finishAttemptAction.bind(null, locale, view.attempt.id)}
          label={t("finish")}
          pendingLabel={t("finishing")}
          confirmText={answered < view.questions.length ? t("finishConfirmUnanswered", { n: view.questions.length - answered }) : t("finishConfirm")}
        />
      ) : null}
    </div>
  );
}
