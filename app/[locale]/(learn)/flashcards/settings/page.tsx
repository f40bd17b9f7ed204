import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SettingsForm } from "@/components/flashcards/settings-form";
import { getSettings } from "@/lib/server/flashcards/settings";
import { guardPage } from "@/lib/server/guard";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "flashcards.settings" }))("metaTitle") };
}

export default async function FlashcardSettingsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations({ locale, namespace: "flashcards.settings" });
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" className="text-2xl font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 mb-6 text-muted">{t("intro")}</p>
      <SettingsForm initial={await getSettings(user.id)} />
    </section>
  );
}
