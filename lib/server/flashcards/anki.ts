import type { TopicId } from "@/lib/content/topics";
import { exportAnki, importAnki, type AnkiExportCard, type AnkiImportError } from "@/lib/flashcards/anki";
import { userCardInputSchema } from "@/lib/flashcards/deck";
import { db } from "@/lib/server/db";
import { builtinCatalogCards, joinTags, loadCatalog, type DeckScope } from "./catalog";
import { MAX_USER_CARDS } from "./cards";
import type { Locale, Localized } from "@/lib/core";

/**
 * Anki files in and out (lib/flashcards/anki.ts does the format). Export: a built-in topic deck,
 * the learner's own cards, or everything. Import: all-or-nothing — a file with any bad line
 * writes no card, and the learner gets every bad line with its number to fix.
 */

/** Tag that marks where a built-in card came from, in Anki's hierarchical `a::b` form. */
function builtinTags(topic: TopicId, tags: readonly string[]): string[] {
  return [`tcplab::${topic}`, ...tags];
}

export async function exportDeck(userId: string, scope: DeckScope, locale: Locale): Promise<{ text: string; count: number }> {
  const cards: AnkiExportCard[] = [];
  // Scenario cards need the simulator to produce a question, which Anki cannot run: not exported.
  const builtin = scope.kind === "own" ? [] : builtinCatalogCards(scope).filter((card) => !card.family);
  for (const card of builtin) cards.push({ front: card.front, back: card.back, tags: builtinTags(card.topic, card.tags) });
  if (scope.kind !== "topic") {
    const own = (await loadCatalog(userId, { kind: "own" })).flatMap((card) => (card.kind === "user" ? [card] : []));
    for (const card of own) cards.push({ front: card.front, back: card.back, tags: card.tags });
  }
  return { text: exportAnki(cards, locale), count: cards.length };
}

export function exportFileName(scope: DeckScope, locale: Locale): string {
  const name = scope.kind === "all" ? "all" : scope.kind === "own" ? "my-cards" : scope.topic;
  return `tcplab-${name}-${locale}.txt`;
}

export type ImportOutcome = { ok: true; imported: number } | { ok: false; errors: AnkiImportError[] };

const msg = (en: string, zh: string): Localized => ({ en, zh });

/**
 * Imports an Anki text file as the learner's own cards, optionally filed under a topic. Nothing
 * is written unless every line is good and the collection stays within MAX_USER_CARDS; the
 * inserts run in one transaction.
 */
export async function importCards(userId: string, text: string, options: { topic: TopicId | null }): Promise<ImportOutcome> {
  const parsed = importAnki(text);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
  if (parsed.cards.length === 0) {
    return { ok: false, errors: [{ line: 0, message: msg("the file contains no cards", "文件中没有卡片") }] };
  }
  // importAnki enforces the same limits line by line; this re-check only guards against the two drifting apart.
  const checked = parsed.cards.map((card) => userCardInputSchema.safeParse({ front: card.front, back: card.back, tags: card.tags }));
  const bad = checked.findIndex((c) => !c.success);
  if (bad >= 0) {
    return { ok: false, errors: [{ line: 0, message: msg(`card ${bad + 1} of the file is invalid`, `文件中第 ${bad + 1} 张卡片无效`) }] };
  }
  const rows = checked.flatMap((c) => (c.success ? [c.data] : []));
  const existing = await db.card.count({ where: { userId } });
  if (existing + rows.length > MAX_USER_CARDS) {
    const room = Math.max(0, MAX_USER_CARDS - existing);
    return {
      ok: false,
      errors: [
        {
          line: 0,
          message: msg(
            `you can keep at most ${MAX_USER_CARDS} cards; this file has ${rows.length} and there is room for ${room}`,
            `最多只能保存 ${MAX_USER_CARDS} 张卡片；该文件有 ${rows.length} 张，目前还能添加 ${room} 张`,
          ),
        },
      ],
    };
  }
  await db.$transaction(async (tx) => {
    await tx.card.createMany({
      data: rows.map((row) => ({ userId, front: row.front, back: row.back, tags: joinTags(row.tags), topic: options.topic })),
    });
  });
  return { ok: true, imported: rows.length };
}
