import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { RoleForm } from "@/components/admin/role-form";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/server/guard";
import { searchUsers } from "@/lib/server/users";
import { Table } from "@/components/ui/table";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin" }))("title") };
}

export default async function AdminPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await guardPage(locale, "ADMIN");
  const t = await getTranslations("admin");
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
      {users.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <Table
          rows={users}
          rowKey={(u) => u.id}
          cellClassName="py-2 pr-4"
          className="border-collapse"
          columns={[
            { header: t("columns.name"), cell: (u) => u.name },
            { header: t("columns.email"), cell: (u) => u.email },
            { header: t("columns.role"), cell: (u) => tc(u.role) },
            { header: t("columns.joined"), cell: (u) => format.dateTime(u.createdAt, { dateStyle: "medium" }) },
            { header: t("columns.actions"), cell: (u) => (u.role === "ADMIN" ? null : <RoleForm userId={u.id} role={u.role} email={u.email} />) },
          ]}
        />
      )}
    </div>
  );
}
