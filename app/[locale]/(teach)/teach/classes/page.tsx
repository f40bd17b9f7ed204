import { ActionForm } from "@/components/quiz/action-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NameLink } from "@/components/ui/name-link";
import { createClassAction } from "@/lib/server/actions/quiz-teach";
import { formatJoinCode, listManagedClasses } from "@/lib/server/quiz/classes";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.classes");

export default async function TeachClassesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale, user, t } = await openPage(params, "teach.classes", "INSTRUCTOR");
  const classes = await listManagedClasses(user);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card className="max-w-md">
        <h2 className="mb-3 font-semibold">{t("create")}</h2>
        <ActionForm action={createClassAction.bind(null, locale)} label={t("createButton")}>
          <label htmlFor="class-name" className="text-sm font-medium">
            {t("name")}
          </label>
          <input id="class-name" name="name" required maxLength={120} className="rounded-md border border-line px-3 py-2" />
        </ActionForm>
      </Card>
      <Table
        rows={classes}
        cellClassName="py-2"
        empty={t("none")}
        columns={[
          { header: t("name"), cell: (c) => <NameLink href={`/teach/classes/${c.id}`}>{c.name}</NameLink> },
          { header: t("code"), cell: (c) => formatJoinCode(c.joinCode), cellClassName: "font-mono" },
          { header: t("members"), cell: (c) => c._count.members },
          { header: t("quizzes"), cell: (c) => c._count.quizzes },
          ...(user.role === "ADMIN" ? [{ header: t("owner"), cell: (c: (typeof classes)[number]) => c.owner.name }] : []),
        ]}
      />
    </div>
  );
}
