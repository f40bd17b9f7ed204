import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/questions";
import { FAMILY_IDS } from "@/lib/scenarios/types";
import { loadBuiltinCards } from "./deck";
import { MAX_RELATED, relatedCardIds } from "./related";

const cards = loadBuiltinCards();

describe("relatedCardIds", () => {
  it("should send a family's question back to its scenario card", () => {
    expect(relatedCardIds({ kind: "family", family: "handshake-numbers" }, cards)).toEqual(["hs-numbers-drill"]);
    for (const family of FAMILY_IDS) expect(relatedCardIds({ kind: "family", family }, cards).length).toBeGreaterThan(0);
  });

  it("should find at least one and at most three cards for every bank question", () => {
    for (const q of loadQuestionBank()) {
      const ids = relatedCardIds({ kind: "authored", id: q.id, topic: q.topic, lesson: q.lesson, misconception: q.misconception }, cards);
      expect(ids.length, q.id).toBeGreaterThan(0);
      expect(ids.length, q.id).toBeLessThanOrEqual(MAX_RELATED);
      for (const id of ids) expect(cards.some((c) => c.id === id), `${q.id} → ${id}`).toBe(true);
    }
  });

  it("should match the lesson section, the misconception or the id", () => {
    expect(relatedCardIds({ kind: "authored", id: "q", topic: "backlog", lesson: "listen-backlog#somaxconn" }, cards)).toEqual(["bl-somaxconn", "bl-listen-minus-one"]);
    expect(relatedCardIds({ kind: "authored", id: "bl-abort-on-overflow", topic: "backlog", lesson: "listen-backlog#nowhere" }, cards)).toEqual(["bl-abort-on-overflow"]);
  });

  it("should fall back to the topic's scenario cards", () => {
    expect(relatedCardIds({ kind: "authored", id: "q", topic: "backlog", lesson: "listen-backlog#nowhere" }, cards)).toEqual(["bl-backlog-drill", "bl-syn-flood-drill"]);
  });
});
