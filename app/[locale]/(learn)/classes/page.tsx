import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { JoinClassForm } from "@/components/quiz/join-class-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { listMyClasses } from "@/lib/server/quiz/classes";
import type { Locale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.classes" }))("title") };
}

/** The student's classes and the form to join one by code. */
export default async function ClassesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.classes");
  const classes = await listMyClasses(user);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/quizzes" className="text-sm font-medium text-brand-700 underline">
            {t("allQuizzes")}
          </Link>
        }
      />
      <Card className="max-w-md">
        <h2 className="mb-3 font-semibold">{t("joinTitle")}</h2>
        <JoinClassForm />
      </Card>
      <section aria-labelledby="my-classes">
        <h2 id="my-classes" className="mb-3 text-xl font-semibold">
          {t("mine")}
        </h2>
        {classes.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {classes.map((c) => (
              <li key={c.id}>
                <Card>
                  <Link href={`/classes/${c.id}`} className="font-semibold text-brand-700 underline">
                    {c.name}
                  </Link>
                  <p className="mt-1 text-sm text-muted">{t("summary", { teacher: c.owner.name, quizzes: c._count.quizzes })}</p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
