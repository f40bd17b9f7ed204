import type { Flashcard } from "@/lib/flashcards/deck";

/**
 * The built-in flashcards a missed question sends back to the review queue (issue #19 item 4),
 * so a mistake returns on the FSRS schedule. Pure: the caller passes the deck.
 *
 * - a scenario family's question → its scenario card(s) (`family:` in content/flashcards);
 * - an authored question (bank or instructor) → the cards about the same lesson section
 *   (`lesson: slug#section`), the card correcting the same misconception, a card with the
 *   question's own id; if none, the scenario cards of the question's topic (they drill it).
 *
 * At most MAX_RELATED cards, in deck order.
 */
export const MAX_RELATED = 3;

export type MissedQuestion =
  | { kind: "family"; family: string }
  | { kind: "authored"; id: string; topic: string; lesson: string; misconception?: string };

export function relatedCardIds(question: MissedQuestion, cards: readonly Flashcard[]): string[] {
  if (question.kind === "family") return cards.filter((c) => c.family === question.family).slice(0, MAX_RELATED).map((c) => c.id);
  const direct = cards.filter(
    (c) => c.lesson === question.lesson || c.id === question.id || (question.misconception !== undefined && c.misconception === question.misconception),
  );
  const chosen = direct.length > 0 ? direct : cards.filter((c) => c.topic === question.topic && c.family !== undefined);
  return chosen.slice(0, MAX_RELATED).map((c) => c.id);
}
