import type { ComponentProps } from "react";
import { CardForm } from "@/components/flashcards/card-form";
import { Link } from "@/i18n/navigation";
import { MAX_CARD_SIDE_LENGTH, MAX_TAGS_PER_CARD } from "@/lib/flashcards/deck";

/** The new-card and edit-card pages: the way back to the list, the title and the card's form. */
export function CardFormPage({ title, backLabel, cardId, initial }: { title: string; backLabel: string } & Pick<ComponentProps<typeof CardForm>, "cardId" | "initial">) {
  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link href="/flashcards/cards" className="text-sm text-brand-700 underline">
          ← {backLabel}
        </Link>
      </p>
      <h2 className="mb-6 text-2xl font-semibold">{title}</h2>
      <CardForm cardId={cardId} initial={initial} limits={{ sideLength: MAX_CARD_SIDE_LENGTH, tags: MAX_TAGS_PER_CARD }} />
    </div>
  );
}
