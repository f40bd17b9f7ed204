import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { QuizSettingsForm } from "@/components/quiz/quiz-settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { saveQuizAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import type { Locale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.quizzes" }))("new") };
}

export default async function NewQuizPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.quizzes");
  return (
    <div>
      <PageHeader title={t("new")} intro={t("newIntro")} />
      <Card className="max-w-2xl">
        <QuizSettingsForm
          action={saveQuizAction.bind(null, locale, null)}
          submitLabel={t("create")}
          initial={{ title: "", description: "", mode: "PRACTICE", attemptLimit: "1", timeLimitMin: "", opensAt: "", closesAt: "" }}
        />
      </Card>
    </div>
  );
}
