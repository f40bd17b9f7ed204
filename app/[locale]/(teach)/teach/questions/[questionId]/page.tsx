import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { QuestionForm } from "@/components/quiz/question-form";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { deleteQuestionAction, saveQuestionAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import { draftOf } from "@/lib/server/quiz/authored-form";
import { getAuthored } from "@/lib/server/quiz/authored-questions";
import { QuizError } from "@/lib/server/quiz/errors";
import { questionFormOptions } from "../options";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; questionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.questions" }))("edit") };
}

export default async function EditQuestionPage({ params }: Props) {
  const { locale, questionId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.questions");
  let row;
  try {
    row = await getAuthored(user, questionId);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("edit")}
        intro={t("editIntro")}
        actions={
          <Link href="/teach/questions" className="text-sm text-brand-700 underline">
            {t("back")}
          </Link>
        }
      />
      <QuestionForm action={saveQuestionAction.bind(null, locale, row.id)} initial={draftOf(row.question)} submitLabel={t("save")} {...questionFormOptions(locale)} />
      <div>
        <ActionForm action={deleteQuestionAction.bind(null, locale, row.id)} label={t("delete")} variant="danger" confirmText={t("deleteConfirm", { id: row.question.id })} />
      </div>
    </div>
  );
}
