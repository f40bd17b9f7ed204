import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { localePath, type Locale } from "@/i18n/routing";
import { mainNav } from "@/lib/site";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitch } from "./language-switch";

/**
 * The site header, rendered on the server: translations happen here and reach the client
 * islands (menu, language switch) as plain strings, so pages do not ship next-intl's message
 * formatter or navigation helpers for the header (issue #7, page weight).
 */
export async function SiteHeader({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "common" });
  const items = mainNav.map((item) => ({ key: item.key, href: localePath(locale, item.href), label: t(`nav.${item.key}`), role: item.role }));
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href={localePath(locale, "/")} className="text-lg font-bold tracking-tight text-brand-700">
          tcplab
        </Link>
        <HeaderMenu
          items={items}
          labels={{
            nav: t("nav.label"),
            menu: t("nav.menu"),
            signIn: t("user.signIn"),
            signUp: t("user.signUp"),
            signOut: t("user.signOut"),
            signedInAs: t("user.signedInAs", { name: "{name}" }),
          }}
          hrefs={{
            dashboard: localePath(locale, "/dashboard"),
            signIn: localePath(locale, "/signin"),
            signUp: localePath(locale, "/signup"),
            signedOut: localePath(locale, "/signin?signedOut=1"),
          }}
          languageSwitch={<LanguageSwitch other={locale === "en" ? "zh" : "en"} text={t("language.switchTo")} label={t("language.switchToLabel")} />}
        />
      </div>
    </header>
  );
}
