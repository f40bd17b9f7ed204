import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { listAuthored } from "@/lib/server/quiz/authored-questions";
import { listManagedClasses } from "@/lib/server/quiz/classes";
import { listManagedQuizzes } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach" }))("title") };
}

/** The instructor's home: classes, quizzes and questions at a glance. */
export default async function TeachPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach");
  const [classes, quizzes, questions] = await Promise.all([listManagedClasses(user), listManagedQuizzes(user), listAuthored(user)]);
  const tiles = [
    { key: "classes", href: "/teach/classes", count: classes.length },
    { key: "quizzes", href: "/teach/quizzes", count: quizzes.length },
    { key: "questions", href: "/teach/questions", count: questions.length },
  ] as const;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/teach/quizzes/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
            {t("quizzes.new")}
          </Link>
        }
      />
      <ul className="grid gap-4 md:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.key}>
            <Card className="flex h-full flex-col">
              <h2 className="font-semibold">{t(`home.${tile.key}.title`)}</h2>
              <p className="mt-2 flex-1 text-sm text-muted">{t(`home.${tile.key}.body`, { count: tile.count })}</p>
              <Link href={tile.href} className="mt-4 text-sm font-medium text-brand-700 underline">
                {t(`home.${tile.key}.action`)}
              </Link>
            </Card>
          </li>
        ))}
      </ul>
      {quizzes.length > 0 ? (
        <section aria-labelledby="recent-quizzes">
          <h2 id="recent-quizzes" className="mb-3 text-xl font-semibold">
            {t("home.recent")}
          </h2>
          <ul className="flex flex-col gap-2">
            {quizzes.slice(0, 5).map((q) => (
              <li key={q.id} className="flex flex-wrap items-center gap-3">
                <Link href={`/teach/quizzes/${q.id}`} className="font-medium text-brand-700 underline">
                  {q.title}
                </Link>
                <span className="text-sm text-muted">{t("quizzes.summary", { items: q._count.items, classes: q._count.classes, attempts: q._count.attempts })}</span>
                <Link href={`/teach/quizzes/${q.id}/results`} className="text-sm text-brand-700 underline">
                  {t("quizzes.results")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
