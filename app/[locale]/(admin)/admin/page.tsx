import { getFormatter, getTranslations } from "next-intl/server";
import { RoleForm } from "@/components/admin/role-form";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { searchUsers } from "@/lib/server/users";
import { Table } from "@/components/ui/table";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("admin");

export default async function AdminPage({ params, searchParams }: { params: Promise<{ locale: Locale }>; searchParams: Promise<{ q?: string }> }) {
  const { t } = await openPage(params, "admin", "ADMIN");
  const tc = await getTranslations("common.roles");
  const format = await getFormatter();
  const q = String((await searchParams).q ?? "").slice(0, 100).trim();
  const users = await searchUsers(q);
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <form role="search" className="mb-6 flex max-w-md items-end gap-2">
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="admin-q" className="text-sm font-medium">
            {t("searchLabel")}
          </label>
          <input id="admin-q" name="q" defaultValue={q} maxLength={100} className="rounded-md border border-line px-3 py-2" />
        </div>
        <Button type="submit" variant="secondary">
          {t("search")}
        </Button>
      </form>
      <h2 className="mb-3 text-xl font-semibold">{t("usersTitle")}</h2>
      <Table
        rows={users}
        empty={t("empty")}
        cellClassName="py-2 pr-4"
        columns={[
          { header: t("columns.name"), cell: (u) => u.name },
          { header: t("columns.email"), cell: (u) => u.email },
          { header: t("columns.role"), cell: (u) => tc(u.role) },
          { header: t("columns.joined"), cell: (u) => format.dateTime(u.createdAt, { dateStyle: "medium" }) },
          { header: t("columns.actions"), cell: (u) => (u.role === "ADMIN" ? null : <RoleForm userId={u.id} role={u.role} email={u.email} />) },
        ]}
      />
    </div>
  );
}
