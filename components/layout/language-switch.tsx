"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";

/**
 * Links to the same page in the other language. next-intl's proxy stores the choice in the
 * NEXT_LOCALE cookie, so `/` remembers it next time.
 */
export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const pathname = usePathname();
  const other = locale === "en" ? "zh" : "en";
  return (
    <Link
      href={pathname}
      locale={other}
      hrefLang={other === "zh" ? "zh-CN" : "en"}
      aria-label={t("switchToLabel")}
      className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50"
      lang={other === "zh" ? "zh-CN" : "en"}
    >
      {t("switchTo")}
    </Link>
  );
}
