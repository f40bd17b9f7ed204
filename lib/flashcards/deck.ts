import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import {
  TOPICS,
  lessonRefSchema,
  localizedTextSchema,
  misconceptionIdSchema,
  topicIdSchema,
  type TopicId,
} from "@/lib/content/topics";
import { FAMILY_IDS } from "@/lib/scenarios/types";

/**
 * A scenario card is bound to one of the question families (lib/scenarios). Its front/back are
 * only the framing: on every review the UI asks the family for a fresh variant, so the student
 * practises the skill instead of memorising one answer (issue #6, "Scenario cards").
 */
export const flashcardFamilySchema = z.enum(FAMILY_IDS);
export type FlashcardFamily = z.infer<typeof flashcardFamilySchema>;

/** Upper bound for one side of a card, in characters of markdown (also used for user cards). */
export const MAX_CARD_SIDE_LENGTH = 4000;
export const MAX_TAGS_PER_CARD = 12;
export const MAX_USER_TAG_LENGTH = 50;

/**
 * A learner's own card as entered in the editor or imported from Anki: one language, markdown,
 * tags as Anki has them (any non-space text). Same size limits as the built-in cards.
 */
export const userCardInputSchema = z
  .object({
    front: z.string().trim().min(1).max(MAX_CARD_SIDE_LENGTH),
    back: z.string().trim().min(1).max(MAX_CARD_SIDE_LENGTH),
    tags: z
      .array(z.string().regex(new RegExp(`^\\S{1,${MAX_USER_TAG_LENGTH}}$`), `a tag is 1–${MAX_USER_TAG_LENGTH} characters without spaces`))
      .max(MAX_TAGS_PER_CARD)
      .default([]),
  })
  .strict();
export type UserCardInput = z.infer<typeof userCardInputSchema>;

const kebabSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected lowercase kebab-case");

const cardSideSchema = localizedTextSchema.refine(
  (side) => side.en.length <= MAX_CARD_SIDE_LENGTH && side.zh.length <= MAX_CARD_SIDE_LENGTH,
  { message: `each language of a card side must be at most ${MAX_CARD_SIDE_LENGTH} characters` },
);

export const flashcardSchema = z
  .object({
    id: kebabSchema,
    topic: topicIdSchema,
    /** `slug` or `slug#section-id` of the lesson the card is about. */
    lesson: lessonRefSchema,
    front: cardSideSchema,
    back: cardSideSchema,
    tags: z.array(kebabSchema).max(MAX_TAGS_PER_CARD).default([]),
    /** Present on scenario cards only. */
    family: flashcardFamilySchema.optional(),
    /** Set when the card corrects one of the course's named misconceptions. */
    misconception: misconceptionIdSchema.optional(),
  })
  .strict();
export type Flashcard = z.infer<typeof flashcardSchema>;

export interface BuiltinDeck {
  topic: TopicId;
  cards: Flashcard[];
}

export interface DeckIssue {
  /** e.g. `handshake.yaml[3].front.zh` */
  where: string;
  message: string;
}

/**
 * Parses one deck file. Pure (takes the YAML text), so the content tests and the loader share it.
 * Returns every problem found rather than stopping at the first, so an author fixes a file in one go.
 */
export function parseDeck(
  source: string,
  topic: TopicId,
  fileName = `${topic}.yaml`,
): { cards: Flashcard[]; issues: DeckIssue[] } {
  const issues: DeckIssue[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    return { cards: [], issues: [{ where: fileName, message: `invalid YAML: ${String(error)}` }] };
  }
  if (!Array.isArray(raw)) {
    return { cards: [], issues: [{ where: fileName, message: "expected a YAML list of cards" }] };
  }
  const cards: Flashcard[] = [];
  raw.forEach((item: unknown, index) => {
    const parsed = flashcardSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const suffix = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
        issues.push({ where: `${fileName}[${index}]${suffix}`, message: issue.message });
      }
      return;
    }
    if (parsed.data.topic !== topic) {
      issues.push({
        where: `${fileName}[${index}].topic`,
        message: `card ${parsed.data.id} has topic ${parsed.data.topic} but lives in the ${topic} deck`,
      });
      return;
    }
    cards.push(parsed.data);
  });
  return { cards, issues };
}

/** Checks that must look across all decks at once. */
export function findCrossDeckIssues(decks: readonly BuiltinDeck[]): DeckIssue[] {
  const seen = new Map<string, TopicId>();
  const issues: DeckIssue[] = [];
  for (const deck of decks) {
    for (const card of deck.cards) {
      const first = seen.get(card.id);
      if (first) {
        issues.push({ where: `${deck.topic}.yaml`, message: `duplicate card id ${card.id} (also in ${first}.yaml)` });
      } else {
        seen.set(card.id, deck.topic);
      }
    }
  }
  return issues;
}

export function flashcardsDir(): string {
  return path.join(process.cwd(), "content/flashcards");
}

let cache: BuiltinDeck[] | undefined;

/**
 * The built-in decks in lesson order, read from content/flashcards/<topic>.yaml once per
 * process and cached (content only changes with a deploy). A topic without a file has an empty
 * deck (a new lesson's cards are optional: content/README.md). Throws with every problem listed
 * if any file is invalid, so a bad deck fails the build/test run instead of rendering half a deck.
 */
export function loadBuiltinDecks(): BuiltinDeck[] {
  if (cache) return cache;
  const dir = flashcardsDir();
  const issues: DeckIssue[] = [];
  const decks = TOPICS.map(({ id: topic }): BuiltinDeck => {
    const fileName = `${topic}.yaml`;
    const file = path.join(dir, fileName);
    if (!existsSync(file)) return { topic, cards: [] };
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      issues.push({ where: fileName, message: `cannot read: ${String(error)}` });
      return { topic, cards: [] };
    }
    const parsed = parseDeck(source, topic, fileName);
    issues.push(...parsed.issues);
    return { topic, cards: parsed.cards };
  });
  issues.push(...findCrossDeckIssues(decks));
  if (issues.length > 0) {
    throw new Error(
      `invalid flashcard decks in ${dir}:\n${issues.map((i) => `  ${i.where}: ${i.message}`).join("\n")}`,
    );
  }
  cache = decks;
  return decks;
}

/** All built-in cards, in deck order. */
export function loadBuiltinCards(): Flashcard[] {
  return loadBuiltinDecks().flatMap((deck) => deck.cards);
}

export function getBuiltinCard(id: string): Flashcard | undefined {
  return loadBuiltinCards().find((card) => card.id === id);
}

/**
 * A card state row references either a built-in card or a user's own card with one string
 * column (`CardState.cardRef` in prisma/schema.prisma: "b:<builtin id>" or "u:<Card.id>").
 */
export type CardRef = { kind: "builtin"; id: string } | { kind: "user"; id: string };

export function formatCardRef(ref: CardRef): string {
  return `${ref.kind === "builtin" ? "b" : "u"}:${ref.id}`;
}

export function parseCardRef(value: string): CardRef | undefined {
  const match = /^([bu]):(.+)$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { kind: match[1] === "b" ? "builtin" : "user", id: match[2] };
}
