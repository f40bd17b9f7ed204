import { getFormatter } from "next-intl/server";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { NameLink } from "@/components/ui/name-link";
import { assignedQuizzes } from "@/lib/server/quiz/attempts";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("quiz.quizzes");

/** Every quiz assigned to the student's classes, soonest due first. */
export default async function QuizzesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { user, t } = await openPage(params, "quiz.quizzes");
  const format = await getFormatter();
  const rows = await assignedQuizzes(user);
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} links={[{ href: "/classes", label: t("myClasses") }]} />
      {rows.length === 0 ? (
        <Empty link={{ href: "/classes", label: t("joinHint") }}>{t("none")}</Empty>
      ) : (
        <Table
          rows={rows}
          rowKey={(r) => `${r.classId}-${r.quizId}`}
          columns={[
            { header: t("quiz"), cell: (r) => <NameLink href={`/quizzes/${r.quizId}`}>{r.title}</NameLink> },
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
