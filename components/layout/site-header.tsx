import { getTranslations } from "next-intl/server";
import { headerContent } from "./header-parts";
import { SiteHeaderView } from "./site-header-view";
import type { Locale } from "@/lib/core";

/**
 * The site header, rendered on the server: translations happen here and reach the client
 * islands (menu, language switch) as plain strings, so pages do not ship next-intl's message
 * formatter or navigation helpers for the header (issue #7, page weight).
 */
export async function SiteHeader({ locale }: { locale: Locale }) {
  return <SiteHeaderView locale={locale} content={headerContent(locale, await getTranslations({ locale, namespace: "common" }))} />;
}
