import { QuestionForm } from "@/components/quiz/question-form";
import { PageHeader } from "@/components/ui/page-header";
import { saveQuestionAction } from "@/lib/server/actions/quiz-teach";
import { emptyDraft } from "@/lib/server/quiz/authored-form";
import { questionFormOptions } from "../options";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.questions", "new");

export default async function NewQuestionPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale, t } = await openPage(params, "teach.questions", "INSTRUCTOR");
  return (
    <div>
      <PageHeader title={t("new")} intro={t("newIntro")} links={[{ href: "/teach/questions", label: t("back") }]} />
      <QuestionForm action={saveQuestionAction.bind(null, locale, null)} initial={emptyDraft()} submitLabel={t("create")} {...questionFormOptions(locale)} />
    </div>
  );
}
