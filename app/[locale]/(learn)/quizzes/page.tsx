import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { assignedQuizzes } from "@/lib/server/quiz/attempts";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.quizzes" }))("title") };
}

/** Every quiz assigned to the student's classes, soonest due first. */
export default async function QuizzesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.quizzes");
  const format = await getFormatter();
  const rows = await assignedQuizzes(user);
  return (
    <div>
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/classes" className="text-sm font-medium text-brand-700 underline">
            {t("myClasses")}
          </Link>
        }
      />
      {rows.length === 0 ? (
        <p className="text-muted">
          {t("none")}{" "}
          <Link href="/classes" className="text-brand-700 underline">
            {t("joinHint")}
          </Link>
        </p>
      ) : (
        <Table
          rows={rows}
          rowKey={(r) => `${r.classId}-${r.quizId}`}
          columns={[
            {
              header: t("quiz"),
              cell: (r) => (
                <Link href={`/quizzes/${r.quizId}`} className="font-medium text-brand-700 underline">
                  {r.title}
                </Link>
              ),
            },
            { header: t("class"), cell: (r) => r.className },
            { header: t("mode"), cell: (r) => t(`modes.${r.mode}`) },
            { header: t("due"), cell: (r) => (r.dueAt ? format.dateTime(r.dueAt, DATE_TIME) : t("noDue")) },
            { header: t("status"), cell: (r) => t(`statuses.${r.status}`) },
            {
              header: t("progress"),
              cell: (r) => (r.submitted === 0 ? t("notTaken") : r.best === null ? t("submittedHidden", { n: r.submitted }) : t("submittedBest", { n: r.submitted, best: Math.round(r.best * 100) })),
            },
          ]}
        />
      )}
    </div>
  );
}
