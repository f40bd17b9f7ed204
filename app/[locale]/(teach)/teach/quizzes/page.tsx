import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { NameLink } from "@/components/ui/name-link";
import { listManagedQuizzes } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.quizzes");

export default async function TeachQuizzesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { user, t } = await openPage(params, "teach.quizzes", "INSTRUCTOR");
  const tm = await getTranslations("quiz.quizzes.modes");
  const quizzes = await listManagedQuizzes(user);
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} links={[{ href: "/teach/quizzes/new", label: t("new"), primary: true }]} />
      <Table
        rows={quizzes}
        cellClassName="py-2"
        empty={t("none")}
        columns={[
          {
            header: t("quiz"),
            cell: (q) => (
              <>
                <NameLink href={`/teach/quizzes/${q.id}`}>{q.title}</NameLink>
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
    </div>
  );
}
