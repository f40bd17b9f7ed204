import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ErrorMessagesProvider } from "@/components/layout/error-messages";
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
    <html lang={locale === "zh" ? "zh-CN" : "en"} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-screen flex-col font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
          {t("skipToContent")}
        </a>
        {/* No NextIntlClientProvider or SessionProvider here: lessons and other static pages ship
            only the islands they use (issue #7). Route groups whose client components translate
            with next-intl add the provider in their own layout. */}
        <SiteHeader locale={locale} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10">
          <ErrorMessagesProvider messages={{ title: t("errors.genericTitle"), body: t("errors.genericBody"), retry: t("errors.retry") }}>{children}</ErrorMessagesProvider>
        </main>
        <footer className="border-t border-line bg-white">
          <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted">
            <p>{t("footer.about")}</p>
            <p className="mt-1">{t("footer.source")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
