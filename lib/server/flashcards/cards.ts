import { z } from "zod";
import { topicIdSchema } from "@/lib/content/topics";
import { formatCardRef, userCardInputSchema } from "@/lib/flashcards/deck";
import { db } from "@/lib/server/db";
import { joinTags, toUserCatalogCard, type UserCatalogCard } from "./catalog";
import { FlashcardError } from "./errors";

/**
 * A learner's own cards: create, edit, delete, list. Every function takes the owner's id and
 * only ever touches that owner's rows; someone else's card is "not found".
 */

/** Bound on one learner's collection, so one account cannot fill the database. */
export const MAX_USER_CARDS = 5000;

/** The editor's fields: markdown front/back and tags (lib/flashcards/deck.ts limits), plus an optional topic. */
export const userCardFormSchema = userCardInputSchema.extend({ topic: topicIdSchema.nullable().default(null) });
export type UserCardForm = z.infer<typeof userCardFormSchema>;

export type UserCardSummary = UserCatalogCard & { createdAt: Date; updatedAt: Date; due: Date | null; state: number | null };

export async function countUserCards(userId: string): Promise<number> {
  return db.card.count({ where: { userId } });
}

/** The learner's cards, newest first, with their review state if they have been reviewed. */
export async function listUserCards(userId: string): Promise<UserCardSummary[]> {
  const rows = await db.card.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const states = await db.cardState.findMany({
    where: { userId, cardRef: { startsWith: "u:" } },
    select: { cardRef: true, due: true, state: true },
  });
  const byRef = new Map(states.map((s) => [s.cardRef, s]));
  return rows.map((row) => {
    const card = toUserCatalogCard(row);
    const state = byRef.get(card.ref);
    return { ...card, createdAt: row.createdAt, updatedAt: row.updatedAt, due: state?.due ?? null, state: state?.state ?? null };
  });
}

export async function getUserCard(userId: string, id: string): Promise<UserCatalogCard | null> {
  const row = await db.card.findFirst({ where: { id, userId } });
  return row ? toUserCatalogCard(row) : null;
}

export async function createUserCard(userId: string, input: UserCardForm): Promise<UserCatalogCard> {
  const data = userCardFormSchema.parse(input);
  if ((await countUserCards(userId)) >= MAX_USER_CARDS) throw new FlashcardError("tooManyCards", { max: MAX_USER_CARDS });
  const row = await db.card.create({ data: { userId, front: data.front, back: data.back, tags: joinTags(data.tags), topic: data.topic } });
  return toUserCatalogCard(row);
}

export async function updateUserCard(userId: string, id: string, input: UserCardForm): Promise<UserCatalogCard> {
  const data = userCardFormSchema.parse(input);
  const { count } = await db.card.updateMany({
    where: { id, userId },
    data: { front: data.front, back: data.back, tags: joinTags(data.tags), topic: data.topic },
  });
  if (count === 0) throw new FlashcardError("notFound");
  const card = await getUserCard(userId, id);
  if (!card) throw new FlashcardError("notFound");
  return card;
}

/**
 * Deletes the card and its scheduling state in one transaction. The review log stays: it is the
 * history of what was reviewed on which day (the stats chart), as Anki keeps it too.
 */
export async function deleteUserCard(userId: string, id: string): Promise<void> {
  const deleted = await db.$transaction(async (tx) => {
    const { count } = await tx.card.deleteMany({ where: { id, userId } });
    if (count > 0) await tx.cardState.deleteMany({ where: { userId, cardRef: formatCardRef({ kind: "user", id }) } });
    return count;
  });
  if (deleted === 0) throw new FlashcardError("notFound");
}
