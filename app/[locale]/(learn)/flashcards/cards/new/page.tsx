import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CardForm } from "@/components/flashcards/card-form";
import { Link } from "@/i18n/navigation";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD } from "@/lib/flashcards/deck";
import { guardPage } from "@/lib/server/guard";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "flashcards.cards.form" }))("newTitle") };
}

export default async function NewCardPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await guardPage(locale);
  const t = await getTranslations({ locale, namespace: "flashcards.cards.form" });
  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link href="/flashcards/cards" className="text-sm text-brand-700 underline">
          ← {t("back_link")}
        </Link>
      </p>
      <h2 className="mb-6 text-2xl font-semibold">{t("newTitle")}</h2>
      <CardForm cardId={null} initial={{ front: "", back: "", tags: "", topic: "" }} limits={{ sideLength: MAX_CARD_SIDE_LENGTH, tags: MAX_TAGS_PER_CARD }} />
    </div>
  );
}
