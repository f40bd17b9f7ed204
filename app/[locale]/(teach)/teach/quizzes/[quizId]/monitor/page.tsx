import { ActionForm } from "@/components/quiz/action-form";
import { ExamMonitor } from "@/components/quiz/exam-monitor";
import { PageHeader } from "@/components/ui/page-header";
import { releaseResultsAction } from "@/lib/server/actions/quiz-teach";
import { monitorSnapshot } from "@/lib/server/quiz/monitor";
import { getManagedQuiz } from "@/lib/server/quiz/quizzes";
import { resultsVisible } from "@/lib/server/quiz/submit";
import type { Locale } from "@/lib/core";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale; quizId: string }> };

export const generateMetadata = titleFrom("teach.monitor");

/** The live exam monitor (issue #15 item 5): the first snapshot server-rendered, then polled. */
export default async function MonitorPage({ params }: Props) {
  const { locale, quizId, user, t } = await openPage(params, "teach", "INSTRUCTOR");
  const quiz = await orNotFound(getManagedQuiz(user, quizId));
  const snapshot = await orNotFound(monitorSnapshot(user, quizId));
  const released = resultsVisible(quiz, new Date());
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("monitor.heading", { title: quiz.title })}
        intro={t("monitor.intro")}
        links={[{ href: `/teach/quizzes/${quiz.id}`, label: t("monitor.back") }]}
      />
      {quiz.mode === "EXAM" ? (
        released ? (
          <p className="text-sm text-muted">{t("exam.releasedAlready")}</p>
        ) : (
          <ActionForm action={releaseResultsAction.bind(null, locale, quiz.id)} label={t("exam.release")} variant="secondary" confirmText={t("exam.releaseConfirm")}>
            <p className="text-sm text-muted">{t("exam.sealedHint")}</p>
          </ActionForm>
        )
      ) : null}
      <ExamMonitor locale={locale} quizId={quiz.id} initial={snapshot} />
    </div>
  );
}
