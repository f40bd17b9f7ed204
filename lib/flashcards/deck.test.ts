import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MISCONCEPTIONS, TOPICS, getTopic, splitLessonRef } from "@/lib/content/topics";
import {
  findCrossDeckIssues,
  formatCardRef,
  loadBuiltinCards,
  loadBuiltinDecks,
  parseCardRef,
  parseDeck,
  userCardInputSchema,
} from "@/lib/flashcards/deck";
import { FAMILY_IDS } from "@/lib/scenarios/types";

const decks = loadBuiltinDecks();
const cards = loadBuiltinCards();
const CJK = /[\u4e00-\u9fff]/;

describe("built-in decks", () => {
  it("should load one deck per topic, in lesson order", () => {
    expect(decks.map((d) => d.topic)).toEqual(TOPICS.map((t) => t.id));
  });

  it("should hold at least 96 cards, and at least 10 per topic that has a deck", () => {
    expect(cards.length).toBeGreaterThanOrEqual(96);
    // A new lesson's cards are optional (content/README.md "Adding a lesson").
    for (const deck of decks.filter((d) => d.cards.length > 0)) expect(deck.cards.length, deck.topic).toBeGreaterThanOrEqual(10);
  });

  it("should give every card a unique id", () => {
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
  });

  it("should have both sides in both languages, with real Chinese on the zh side", () => {
    for (const card of cards) {
      for (const side of [card.front, card.back]) {
        expect(side.en.trim(), card.id).not.toBe("");
        expect(side.zh.trim(), card.id).not.toBe("");
        expect(CJK.test(side.zh), `${card.id} zh has no Chinese`).toBe(true);
      }
    }
  });

  it("should not break a line between two Chinese characters (it would render as a stray space)", () => {
    const broken = cards.flatMap((c) => [c.front.zh, c.back.zh].filter((t) => /[\u4e00-\u9fff，。：；、）]\n[\u4e00-\u9fff（]/.test(t)).map(() => c.id));
    expect(broken).toEqual([]);
  });

  it("should link every card to its own topic's lesson", () => {
    for (const card of cards) expect(splitLessonRef(card.lesson).slug, card.id).toBe(getTopic(card.topic).lesson);
  });

  it("should contain at least 8 scenario cards and use every question family", () => {
    const scenario = cards.filter((c) => c.family);
    expect(scenario.length).toBeGreaterThanOrEqual(8);
    expect(new Set(scenario.map((c) => c.family))).toEqual(new Set(FAMILY_IDS));
  });

  it("should correct every misconception of the course with a card in the misconception's topic", () => {
    for (const misconception of MISCONCEPTIONS) {
      const matching = cards.filter((c) => c.misconception === misconception.id);
      expect(matching.length, misconception.id).toBeGreaterThanOrEqual(1);
      for (const card of matching) expect(card.topic, card.id).toBe(misconception.topic);
    }
  });

  it("should only link to section ids that exist in the lesson files written so far", () => {
    const lessonsDir = path.join(process.cwd(), "content/lessons");
    const broken: string[] = [];
    let checked = 0;
    for (const locale of ["en", "zh"]) {
      const dir = path.join(lessonsDir, locale);
      const files = existsSync(dir) ? readdirSync(dir) : [];
      for (const card of cards) {
        const { slug, section } = splitLessonRef(card.lesson);
        const file = files.find((f) => f.endsWith(`-${slug}.md`));
        if (!section || !file) continue;
        checked += 1;
        if (!readFileSync(path.join(dir, file), "utf8").includes(`{#${section}}`)) {
          broken.push(`${card.id} → ${locale}/${file}#${section}`);
        }
      }
    }
    expect(broken).toEqual([]);
    // Lessons 1–5 are in the repository, so this check is not vacuous.
    expect(checked).toBeGreaterThan(50);
  });

  it("should return the same cached decks on every call", () => {
    expect(loadBuiltinDecks()).toBe(decks);
  });
});

describe("parseDeck", () => {
  const valid = `
- id: x-one
  topic: loss
  lesson: loss-and-retransmission
  front: { en: "Q", zh: "问" }
  back: { en: "A", zh: "答" }
`;

  it("should accept a valid card and default its tags to an empty list", () => {
    const result = parseDeck(valid, "loss");
    expect(result.issues).toEqual([]);
    expect(result.cards).toEqual([
      { id: "x-one", topic: "loss", lesson: "loss-and-retransmission", front: { en: "Q", zh: "问" }, back: { en: "A", zh: "答" }, tags: [] },
    ]);
  });

  it("should report a card filed under the wrong topic", () => {
    const result = parseDeck(valid, "handshake");
    expect(result.cards).toEqual([]);
    expect(result.issues[0]?.where).toBe("handshake.yaml[0].topic");
  });

  it("should report a missing language, an unknown family and an unknown lesson with their paths", () => {
    const bad = `
- id: x-two
  topic: loss
  lesson: no-such-lesson
  front: { en: "Q" }
  back: { en: "A", zh: "答" }
  family: not-a-family
`;
    const where = parseDeck(bad, "loss").issues.map((i) => i.where);
    expect(where).toEqual(expect.arrayContaining(["loss.yaml[0].lesson", "loss.yaml[0].front.zh", "loss.yaml[0].family"]));
  });

  it("should reject unknown keys, so a typo does not silently drop data", () => {
    const typo = valid.replace("back:", "bakc:");
    expect(parseDeck(typo, "loss").issues.length).toBeGreaterThan(0);
  });

  it("should report invalid YAML and a file that is not a list", () => {
    expect(parseDeck("- [unclosed", "loss").issues[0]?.message).toMatch(/invalid YAML/);
    expect(parseDeck("id: x", "loss").issues[0]?.message).toMatch(/list/);
  });

  it("should find an id used in two decks", () => {
    const [card] = parseDeck(valid, "loss").cards;
    const issues = findCrossDeckIssues([
      { topic: "loss", cards: [card!] },
      { topic: "handshake", cards: [{ ...card!, topic: "handshake" }] },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/duplicate card id x-one/);
  });
});

describe("card refs", () => {
  it("should round-trip built-in and user card refs as stored in CardState.cardRef", () => {
    expect(formatCardRef({ kind: "builtin", id: "hs-why-three" })).toBe("b:hs-why-three");
    expect(parseCardRef("b:hs-why-three")).toEqual({ kind: "builtin", id: "hs-why-three" });
    expect(parseCardRef("u:clx123:odd")).toEqual({ kind: "user", id: "clx123:odd" });
    expect(parseCardRef("x:1")).toBeUndefined();
    expect(parseCardRef("b:")).toBeUndefined();
  });
});

describe("userCardInputSchema", () => {
  it("should accept a markdown card with Anki-style tags and trim its sides", () => {
    expect(userCardInputSchema.parse({ front: "  What is **RST**? ", back: "Abort", tags: ["tcp::rst"] })).toEqual({
      front: "What is **RST**?",
      back: "Abort",
      tags: ["tcp::rst"],
    });
  });

  it.each([
    ["an empty front", { front: "  ", back: "b" }],
    ["a side over 4000 characters", { front: "f", back: "x".repeat(4001) }],
    ["a tag with a space", { front: "f", back: "b", tags: ["time wait"] }],
    ["13 tags", { front: "f", back: "b", tags: Array.from({ length: 13 }, (_, i) => `t${i}`) }],
    ["an unknown field", { front: "f", back: "b", topic: "loss" }],
  ])("should reject %s", (_, input) => {
    expect(userCardInputSchema.safeParse(input).success).toBe(false);
  });
});
