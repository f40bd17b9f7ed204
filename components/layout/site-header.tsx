import { getTranslations } from "next-intl/server";
import { HeaderMenu } from "./header-menu";
import { headerContent, HeaderShell } from "./header-parts";
import { LanguageSwitch } from "./language-switch";
import { ThemeToggle } from "./theme-toggle";
import type { Locale } from "@/lib/core";

/**
 * The site header, rendered on the server: translations happen here and reach the client
 * islands (menu, language switch) as plain strings, so pages do not ship next-intl's message
 * formatter or navigation helpers for the header (issue #7, page weight).
 */
export async function SiteHeader({ locale }: { locale: Locale }) {
  const { items, labels, hrefs, language, theme } = headerContent(locale, await getTranslations({ locale, namespace: "common" }));
  return (
    <HeaderShell locale={locale}>
      <HeaderMenu items={items} labels={labels} hrefs={hrefs} languageSwitch={<LanguageSwitch other={language.other} text={language.text} label={language.label} />} themeToggle={<ThemeToggle label={theme.dark} />} />
    </HeaderShell>
  );
}
