import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { RoleForm } from "@/components/admin/role-form";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/server/guard";
import { searchUsers } from "@/lib/server/users";

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
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-4">{t("columns.name")}</th>
                <th scope="col" className="py-2 pr-4">{t("columns.email")}</th>
                <th scope="col" className="py-2 pr-4">{t("columns.role")}</th>
                <th scope="col" className="py-2 pr-4">{t("columns.joined")}</th>
                <th scope="col" className="py-2">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-line/60">
                  <td className="py-2 pr-4">{u.name}</td>
                  <td className="py-2 pr-4">{u.email}</td>
                  <td className="py-2 pr-4">{tc(u.role)}</td>
                  <td className="py-2 pr-4">{format.dateTime(u.createdAt, { dateStyle: "medium" })}</td>
                  <td className="py-2">{u.role === "ADMIN" ? null : <RoleForm userId={u.id} role={u.role} email={u.email} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
