import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localePath, routing } from "@/i18n/routing";
import { isLocale } from "@/lib/core";

export default async function NotFound() {
  const t = await getTranslations("common.errors");
  const locale = await getLocale();
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-muted">{t("notFoundBody")}</p>
      <Link href={localePath(isLocale(locale) ? locale : routing.defaultLocale, "/")} className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
