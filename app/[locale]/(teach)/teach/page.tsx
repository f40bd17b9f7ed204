import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Tiles } from "@/components/ui/tiles";
import { Link } from "@/i18n/navigation";
import { NameLink } from "@/components/ui/name-link";
import { listAuthored } from "@/lib/server/quiz/authored-questions";
import { listManagedClasses } from "@/lib/server/quiz/classes";
import { listManagedQuizzes } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach");

/** The instructor's home: classes, quizzes and questions at a glance. */
export default async function TeachPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { user, t } = await openPage(params, "teach", "INSTRUCTOR");
  const [classes, quizzes, questions] = await Promise.all([listManagedClasses(user), listManagedQuizzes(user), listAuthored(user)]);
  const counts = { classes: classes.length, quizzes: quizzes.length, questions: questions.length };
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} intro={t("intro")} links={[{ href: "/teach/quizzes/new", label: t("quizzes.new"), primary: true }]} />
      <Tiles
        className="grid gap-4 md:grid-cols-3"
        tiles={(["classes", "quizzes", "questions"] as const).map((key) => ({
          key,
          title: t(`home.${key}.title`),
          body: t(`home.${key}.body`, { count: counts[key] }),
          href: `/teach/${key}`,
          action: t(`home.${key}.action`),
        }))}
      />
      {quizzes.length > 0 ? (
        <Section id="recent-quizzes" title={t("home.recent")}>
          <ul className="flex flex-col gap-2">
            {quizzes.slice(0, 5).map((q) => (
              <li key={q.id} className="flex flex-wrap items-center gap-3">
                <NameLink href={`/teach/quizzes/${q.id}`}>{q.title}</NameLink>
                <span className="text-sm text-muted">{t("quizzes.summary", { items: q._count.items, classes: q._count.classes, attempts: q._count.attempts })}</span>
                <Link href={`/teach/quizzes/${q.id}/results`} className="text-sm text-brand-700 underline">
                  {t("quizzes.results")}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
