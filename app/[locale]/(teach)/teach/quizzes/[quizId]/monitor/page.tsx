import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { ExamMonitor } from "@/components/quiz/exam-monitor";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { releaseResultsAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import { QuizError } from "@/lib/server/quiz/errors";
import { monitorSnapshot } from "@/lib/server/quiz/monitor";
import { getManagedQuiz } from "@/lib/server/quiz/quizzes";
import { resultsVisible } from "@/lib/server/quiz/submit";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; quizId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.monitor" }))("title") };
}

/** The live exam monitor (issue #15 item 5): the first snapshot server-rendered, then polled. */
export default async function MonitorPage({ params }: Props) {
  const { locale, quizId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach");
  let quiz;
  let snapshot;
  try {
    quiz = await getManagedQuiz(user, quizId);
    snapshot = await monitorSnapshot(user, quizId);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
  const released = resultsVisible(quiz, new Date());
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("monitor.heading", { title: quiz.title })}
        intro={t("monitor.intro")}
        actions={
          <Link href={`/teach/quizzes/${quiz.id}`} className="text-sm text-brand-700 underline">
            {t("monitor.back")}
          </Link>
        }
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
