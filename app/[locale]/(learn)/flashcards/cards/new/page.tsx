import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";
import { CardFormPage } from "../card-form-page";

export const generateMetadata = titleFrom("flashcards.cards.form", "newTitle");

export default async function NewCardPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { t } = await openPage(params, "flashcards.cards.form");
  return <CardFormPage title={t("newTitle")} backLabel={t("back_link")} cardId={null} initial={{ front: "", back: "", tags: "", topic: "" }} />;
}
