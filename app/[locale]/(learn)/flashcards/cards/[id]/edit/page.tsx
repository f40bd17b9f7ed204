import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { CardForm } from "@/components/flashcards/card-form";
import { Link } from "@/i18n/navigation";
import { getUserCard } from "@/lib/server/flashcards/cards";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD } from "@/lib/flashcards/deck";
import { guardPage } from "@/lib/server/guard";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "flashcards.cards.form" }))("editTitle") };
}

/** Edit an own card; another learner's card id is a 404, the same as one that does not exist. */
export default async function EditCardPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const card = await getUserCard(user.id, id);
  if (!card) notFound();
  const t = await getTranslations({ locale, namespace: "flashcards.cards.form" });
  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link href="/flashcards/cards" className="text-sm text-brand-700 underline">
          ← {t("back_link")}
        </Link>
      </p>
      <h2 className="mb-6 text-2xl font-semibold">{t("editTitle")}</h2>
      <CardForm cardId={card.id} initial={{ front: card.front, back: card.back, tags: card.tags.join(" "), topic: card.topic ?? "" }} limits={{ sideLength: MAX_CARD_SIDE_LENGTH, tags: MAX_TAGS_PER_CARD }} />
    </div>
  );
}
