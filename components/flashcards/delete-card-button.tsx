"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { deleteCardAction } from "@/lib/server/actions/flashcards";

/** Delete with a confirmation step (no browser dialog, so it stays keyboard- and test-friendly). */
export function DeleteCardButton({ cardId, label }: { cardId: string; label: string }) {
  const t = useTranslations("flashcards.cards");
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="ghost" className="!px-2 !py-1 text-bad" aria-label={t("deleteLabel", { front: label })} onClick={() => setConfirming(true)}>
        {t("delete")}
      </Button>
    );
  }
  return (
    <form action={deleteCardAction.bind(null, locale, cardId)} className="inline-flex flex-wrap items-center gap-2">
      <span className="text-sm">{t("confirmDelete")}</span>
      <Button type="submit" variant="danger" className="!px-2 !py-1">
        {t("confirm")}
      </Button>
      <Button variant="secondary" className="!px-2 !py-1" onClick={() => setConfirming(false)}>
        {t("cancel")}
      </Button>
    </form>
  );
}
