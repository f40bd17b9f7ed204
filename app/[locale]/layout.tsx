import type { Metadata } from "next";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ErrorMessagesProvider } from "@/components/layout/error-messages";
import { FONT_VARIABLES } from "@/components/layout/fonts";
import { BODY_CLASS, htmlLang, SiteFrame, siteFrameLabels } from "@/components/layout/site-frame";
import { SiteHeader } from "@/components/layout/site-header";
import { routing } from "@/i18n/routing";
import "../globals.css";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "home" });
  return {
    title: { default: t("metaTitle"), template: "%s · tcplab" },
    description: t("metaDescription"),
    alternates: { languages: { en: "/en", "zh-CN": "/zh" } },
  };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "common" });

  return (
    // suppressHydrationWarning: public/theme.js sets <html data-theme> before React hydrates.
    <html lang={htmlLang(locale)} className={FONT_VARIABLES} suppressHydrationWarning>
      <head>
        {/* Blocking on purpose (a few hundred bytes, cached): applies the reader's theme before
            the first paint (issue #19). */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme.js" />
      </head>
      <body className={BODY_CLASS}>
        {/* No NextIntlClientProvider or SessionProvider here: lessons and other static pages ship
            only the islands they use (issue #7). Route groups whose client components translate
            with next-intl add the provider in their own layout. */}
        <SiteFrame header={<SiteHeader locale={locale} />} labels={siteFrameLabels(t)}>
          <ErrorMessagesProvider messages={{ title: t("errors.genericTitle"), body: t("errors.genericBody"), retry: t("errors.retry") }}>{children}</ErrorMessagesProvider>
        </SiteFrame>
      </body>
    </html>
  );
}
