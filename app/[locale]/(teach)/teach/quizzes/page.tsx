import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { listManagedQuizzes } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.quizzes" }))("title") };
}

export default async function TeachQuizzesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.quizzes");
  const tm = await getTranslations("quiz.quizzes.modes");
  const quizzes = await listManagedQuizzes(user);
  return (
    <div>
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/teach/quizzes/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
            {t("new")}
          </Link>
        }
      />
      {quizzes.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <Table
          rows={quizzes}
          rowKey={(q) => q.id}
          cellClassName="py-2"
          scroll={false}
          columns={[
            {
              header: t("quiz"),
              cell: (q) => (
                <>
                  <Link href={`/teach/quizzes/${q.id}`} className="font-medium text-brand-700 underline">
                    {q.title}
                  </Link>
                  {user.role === "ADMIN" && q.ownerId !== user.id ? <span className="ml-2 text-muted">({q.owner.name})</span> : null}
                </>
              ),
            },
            { header: t("mode"), cell: (q) => tm(q.mode) },
            { header: t("items"), cell: (q) => q._count.items },
            { header: t("classes"), cell: (q) => q._count.classes },
            { header: t("attempts"), cell: (q) => q._count.attempts },
            {
              header: t("results"),
              hideHeader: true,
              cell: (q) => (
                <Link href={`/teach/quizzes/${q.id}/results`} className="text-brand-700 underline">
                  {t("results")}
                  <span className="sr-only">: {q.title}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
