import { notFound } from "next/navigation";
import { getUserCard } from "@/lib/server/flashcards/cards";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";
import { CardFormPage } from "../../card-form-page";

export const generateMetadata = titleFrom("flashcards.cards.form", "editTitle");

/** Edit an own card; another learner's card id is a 404, the same as one that does not exist. */
export default async function EditCardPage({ params }: { params: Promise<{ locale: Locale; id: string }> }) {
  const { id, user, t } = await openPage(params, "flashcards.cards.form");
  const card = await getUserCard(user.id, id);
  if (!card) notFound();
  return (
    <CardFormPage title={t("editTitle")} backLabel={t("back_link")} cardId={card.id} initial={{ front: card.front, back: card.back, tags: card.tags.join(" "), topic: card.topic ?? "" }} />
  );
}
