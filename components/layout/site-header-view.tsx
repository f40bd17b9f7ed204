import { HeaderMenu } from "./header-menu";
import { HeaderShell, type HeaderContent } from "./header-parts";
import { LanguageSwitch } from "./language-switch";
import { ThemeToggle } from "./theme-toggle";
import type { Locale } from "@/lib/core";

/**
 * The site header with its client islands (menu, language switch, theme toggle), from strings
 * already translated (`headerContent`). The App Router's SiteHeader translates on the server;
 * the Pages Router's practice pages pass the same content as page props (issue #16).
 */
export function SiteHeaderView({ locale, content }: { locale: Locale; content: HeaderContent }) {
  const { items, labels, hrefs, language, theme } = content;
  return (
    <HeaderShell locale={locale}>
      <HeaderMenu items={items} labels={labels} hrefs={hrefs} languageSwitch={<LanguageSwitch other={language.other} text={language.text} label={language.label} />} themeToggle={<ThemeToggle label={theme.dark} />} />
    </HeaderShell>
  );
}
