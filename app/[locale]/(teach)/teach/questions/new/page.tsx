import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { QuestionForm } from "@/components/quiz/question-form";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { saveQuestionAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import { emptyDraft } from "@/lib/server/quiz/authored-form";
import { questionFormOptions } from "../options";
import type { Locale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.questions" }))("new") };
}

export default async function NewQuestionPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.questions");
  return (
    <div>
      <PageHeader
        title={t("new")}
        intro={t("newIntro")}
        actions={
          <Link href="/teach/questions" className="text-sm text-brand-700 underline">
            {t("back")}
          </Link>
        }
      />
      <QuestionForm action={saveQuestionAction.bind(null, locale, null)} initial={emptyDraft()} submitLabel={t("create")} {...questionFormOptions(locale)} />
    </div>
  );
}
