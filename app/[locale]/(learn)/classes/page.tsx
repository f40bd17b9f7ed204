import { JoinClassForm } from "@/components/quiz/join-class-form";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Link } from "@/i18n/navigation";
import { listMyClasses } from "@/lib/server/quiz/classes";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("quiz.classes");

/** The student's classes and the form to join one by code. */
export default async function ClassesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { user, t } = await openPage(params, "quiz.classes");
  const classes = await listMyClasses(user);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} intro={t("intro")} links={[{ href: "/quizzes", label: t("allQuizzes") }]} />
      <Card className="max-w-md">
        <h2 className="mb-3 font-semibold">{t("joinTitle")}</h2>
        <JoinClassForm />
      </Card>
      <Section id="my-classes" title={t("mine")}>
        {classes.length === 0 ? (
          <Empty>{t("none")}</Empty>
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
      </Section>
    </div>
  );
}
