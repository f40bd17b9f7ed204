import { ActionForm } from "@/components/quiz/action-form";
import { QuestionForm } from "@/components/quiz/question-form";
import { PageHeader } from "@/components/ui/page-header";
import { deleteQuestionAction, saveQuestionAction } from "@/lib/server/actions/quiz-teach";
import { draftOf } from "@/lib/server/quiz/authored-form";
import { getAuthored } from "@/lib/server/quiz/authored-questions";
import { questionFormOptions } from "../options";
import type { Locale } from "@/lib/core";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.questions", "edit");

export default async function EditQuestionPage({ params }: { params: Promise<{ locale: Locale; questionId: string }> }) {
  const { locale, questionId, user, t } = await openPage(params, "teach.questions", "INSTRUCTOR");
  const row = await orNotFound(getAuthored(user, questionId));
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("edit")} intro={t("editIntro")} links={[{ href: "/teach/questions", label: t("back") }]} />
      <QuestionForm action={saveQuestionAction.bind(null, locale, row.id)} initial={draftOf(row.question)} submitLabel={t("save")} {...questionFormOptions(locale)} />
      <div>
        <ActionForm action={deleteQuestionAction.bind(null, locale, row.id)} label={t("delete")} variant="danger" confirmText={t("deleteConfirm", { id: row.question.id })} />
      </div>
    </div>
  );
}
