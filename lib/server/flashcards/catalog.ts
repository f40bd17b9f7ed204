import { z } from "zod";
import { topicIdSchema, type LessonRef, type TopicId } from "@/lib/content/topics";
import { formatCardRef, loadBuiltinCards, parseCardRef, type FlashcardFamily } from "@/lib/flashcards/deck";
import { db } from "@/lib/server/db";
import type { Localized } from "@/lib/core";

/**
 * One list of the cards a learner can review: the built-in decks (content/flashcards, shared by
 * everyone) and their own cards (the `Card` table, visible to their owner only). Card states
 * refer to both with one string (`CardState.cardRef`: "b:<id>" | "u:<Card.id>").
 */

export type BuiltinCatalogCard = {
  kind: "builtin";
  ref: string;
  id: string;
  topic: TopicId;
  lesson: LessonRef;
  front: Localized;
  back: Localized;
  tags: string[];
  family?: FlashcardFamily;
};

export type UserCatalogCard = {
  kind: "user";
  ref: string;
  id: string;
  topic: TopicId | null;
  front: string;
  back: string;
  tags: string[];
};

export type CatalogCard = BuiltinCatalogCard | UserCatalogCard;

/** Which cards a review, a stats view or an export covers (`?topic=` in the URL). */
export type DeckScope = { kind: "all" } | { kind: "topic"; topic: TopicId } | { kind: "own" };

export const OWN_DECK = "own";

/** `?topic=` → scope: a topic id, "own" for the learner's own cards, anything else → all decks. */
export function parseDeckScope(value: unknown): DeckScope {
  if (value === OWN_DECK) return { kind: "own" };
  const topic = topicIdSchema.safeParse(value);
  return topic.success ? { kind: "topic", topic: topic.data } : { kind: "all" };
}

export function deckScopeParam(scope: DeckScope): string | undefined {
  return scope.kind === "all" ? undefined : scope.kind === "own" ? OWN_DECK : scope.topic;
}

/** Tags are stored space-separated in `Card.tags` (tags contain no whitespace: userCardInputSchema). */
export function splitTags(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

export function joinTags(tags: readonly string[]): string {
  return tags.join(" ");
}

type CardRow = { id: string; front: string; back: string; tags: string; topic: string | null };

export function toUserCatalogCard(row: CardRow): UserCatalogCard {
  const topic = topicIdSchema.safeParse(row.topic);
  return {
    kind: "user",
    ref: formatCardRef({ kind: "user", id: row.id }),
    id: row.id,
    topic: topic.success ? topic.data : null,
    front: row.front,
    back: row.back,
    tags: splitTags(row.tags),
  };
}

export function builtinCatalogCards(scope: DeckScope): BuiltinCatalogCard[] {
  if (scope.kind === "own") return [];
  return loadBuiltinCards()
    .filter((card) => scope.kind === "all" || card.topic === scope.topic)
    .map((card) => ({
      kind: "builtin",
      ref: formatCardRef({ kind: "builtin", id: card.id }),
      id: card.id,
      topic: card.topic,
      lesson: card.lesson,
      front: card.front,
      back: card.back,
      tags: card.tags,
      ...(card.family ? { family: card.family } : {}),
    }));
}

/** Built-in cards in deck (lesson) order, then the learner's own cards, oldest first. */
export async function loadCatalog(userId: string, scope: DeckScope): Promise<CatalogCard[]> {
  const own =
    scope.kind === "topic"
      ? await db.card.findMany({ where: { userId, topic: scope.topic }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
      : await db.card.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return [...builtinCatalogCards(scope), ...own.map(toUserCatalogCard)];
}

export const cardRefSchema = z.string().min(3).max(200).regex(/^[bu]:\S+$/);

/**
 * A card by reference, if this learner may see it: any built-in card, or one of their own cards.
 * Another learner's card is "not found", exactly like a card that does not exist.
 */
export async function findCard(userId: string, cardRef: string): Promise<CatalogCard | null> {
  const ref = parseCardRef(cardRef);
  if (!ref) return null;
  if (ref.kind === "builtin") {
    return builtinCatalogCards({ kind: "all" }).find((card) => card.id === ref.id) ?? null;
  }
  const row = await db.card.findFirst({ where: { id: ref.id, userId } });
  return row ? toUserCatalogCard(row) : null;
}
