import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localePath, routing } from "@/i18n/routing";
import { isLocale } from "@/lib/core";

// Rendered with HTTP 403 when a layout or page calls forbidden() (experimental.authInterrupts).
export default async function Forbidden() {
  const t = await getTranslations("common.errors");
  const locale = await getLocale();
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-3 text-muted">{t("forbiddenBody")}</p>
      <Link href={localePath(isLocale(locale) ? locale : routing.defaultLocale, "/")} className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
