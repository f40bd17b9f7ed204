import { SettingsForm } from "@/components/flashcards/settings-form";
import { getSettings } from "@/lib/server/flashcards/settings";
import type { Locale } from "@/lib/core";
import { Section } from "@/components/ui/section";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = titleFrom("flashcards.settings", "metaTitle");

export default async function FlashcardSettingsPage({ params }: Props) {
  const { user, t } = await openPage(params, "flashcards.settings");
  return (
    <Section id="settings-title" title={t("title")} headingClassName="text-2xl font-semibold">
      <p className="mt-1 mb-6 text-muted">{t("intro")}</p>
      <SettingsForm initial={await getSettings(user.id)} />
    </Section>
  );
}
