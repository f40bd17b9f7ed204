import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { FlashcardsNav } from "@/components/flashcards/flashcards-nav";
import { TimezoneSync } from "@/components/flashcards/timezone-sync";
import { PageHeader } from "@/components/ui/page-header";
import { learnerUtcOffset } from "@/lib/server/flashcards/timezone";
import type { Locale } from "@/lib/core";

// The (learn) layout has already required a signed-in user; every page checks again itself.
export default async function FlashcardsLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "flashcards" });
  return (
    <div>
      <TimezoneSync renderedWith={await learnerUtcOffset(locale)} />
      <PageHeader title={t("title")} intro={t("intro")} />
      <FlashcardsNav />
      {children}
    </div>
  );
}
