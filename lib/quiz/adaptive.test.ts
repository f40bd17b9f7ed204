import { describe, expect, it } from "vitest";
import type { TopicId } from "@/lib/content/topics";
import { adaptivePick, familyDifficulty, nextDifficulty, pickCandidate, rankTopics, type AdaptiveCandidate, type RecentResult } from "./adaptive";

const TOPICS: TopicId[] = ["segments", "handshake", "teardown"];

const r = (topic: TopicId, score: number, difficulty: 1 | 2 | 3 = 2, ref = "x", source = "bank"): RecentResult => ({ topic, score, difficulty, ref, source });

const candidates: AdaptiveCandidate[] = [
  { kind: "bank", id: "seg-1", topic: "segments", difficulty: 1 },
  { kind: "bank", id: "seg-3", topic: "segments", difficulty: 3 },
  { kind: "family", id: "handshake-numbers", topic: "handshake" },
  { kind: "bank", id: "hs-2", topic: "handshake", difficulty: 2 },
  { kind: "bank", id: "td-2", topic: "teardown", difficulty: 2 },
];

describe("rankTopics", () => {
  it("should put the topic with the lowest smoothed recent score first", () => {
    const results = [r("handshake", 0), r("handshake", 0.2), r("segments", 1), r("segments", 1), r("teardown", 0.6)];
    expect(rankTopics(results, TOPICS).map((t) => t.topic)).toEqual(["handshake", "teardown", "segments"]);
  });

  it("should explore a topic never practised before one the student is better than 50 % in", () => {
    const results = [r("segments", 1), r("segments", 0.8), r("handshake", 0.9)];
    expect(rankTopics(results, TOPICS)[0]).toEqual({ topic: "teardown", answered: 0, mastery: 0.5 });
  });

  it("should read only the newest ten answers of a topic", () => {
    const results = [...Array.from({ length: 10 }, () => r("segments", 1)), ...Array.from({ length: 30 }, () => r("segments", 0))];
    const seg = rankTopics(results, TOPICS).find((t) => t.topic === "segments");
    expect(seg).toEqual({ topic: "segments", answered: 10, mastery: (10 + 1) / 12 });
  });

  it("should break ties by lesson order", () => {
    expect(rankTopics([], TOPICS).map((t) => t.topic)).toEqual(TOPICS);
  });
});

describe("nextDifficulty", () => {
  it("should start at 2 without history", () => expect(nextDifficulty([])).toBe(2));
  it("should step down after a miss", () => expect(nextDifficulty([{ difficulty: 2, score: 0.3 }])).toBe(1));
  it("should not go below 1", () => expect(nextDifficulty([{ difficulty: 1, score: 0 }])).toBe(1));
  it("should step up after two strong answers in a row", () => {
    expect(nextDifficulty([{ difficulty: 2, score: 1 }, { difficulty: 2, score: 0.8 }])).toBe(3);
  });
  it("should stay after one strong answer or a middling one", () => {
    expect(nextDifficulty([{ difficulty: 2, score: 1 }])).toBe(2);
    expect(nextDifficulty([{ difficulty: 2, score: 1 }, { difficulty: 2, score: 0.5 }])).toBe(2);
    expect(nextDifficulty([{ difficulty: 3, score: 0.7 }, { difficulty: 3, score: 1 }])).toBe(3);
  });
  it("should not go above 3", () => expect(nextDifficulty([{ difficulty: 3, score: 1 }, { difficulty: 3, score: 1 }])).toBe(3));
});

describe("pickCandidate", () => {
  it("should take a bank question of the asked difficulty or the nearest one", () => {
    expect(pickCandidate(candidates, "segments", 1, 0.99)?.id).toBe("seg-1");
    expect(pickCandidate(candidates, "segments", 3, 0)?.id).toBe("seg-3");
    // No level-2 segments question: both neighbours are one level away.
    expect(pickCandidate(candidates, "segments", 2, 0)?.id).toBe("seg-1");
    expect(pickCandidate(candidates, "segments", 2, 0.99)?.id).toBe("seg-3");
  });

  it("should always be able to ask a family at the asked difficulty", () => {
    expect(pickCandidate(candidates, "handshake", 3, 0)?.id).toBe("handshake-numbers");
  });

  it("should not ask the previous question again when there is another", () => {
    for (const roll of [0, 0.5, 0.99]) expect(pickCandidate(candidates, "handshake", 2, roll, "handshake-numbers")?.id).toBe("hs-2");
    expect(pickCandidate(candidates, "teardown", 2, 0, "td-2")?.id).toBe("td-2");
  });

  it("should return null for a topic with nothing to ask", () => {
    expect(pickCandidate(candidates, "loss", 2, 0)).toBeNull();
  });
});

describe("adaptivePick", () => {
  it("should pick the weakest topic and step its difficulty down after a miss", () => {
    const results = [r("handshake", 0, 3, "handshake-numbers", "family"), r("segments", 1), r("teardown", 1), r("teardown", 1)];
    const pick = adaptivePick({ results, candidates, topics: TOPICS, roll: 0 });
    expect(pick).toMatchObject({ topic: "handshake", difficulty: 2, step: "down" });
    expect(pick?.candidate.topic).toBe("handshake");
  });

  it("should step up after two strong answers in the weakest topic", () => {
    const results = [
      r("segments", 1, 2),
      r("segments", 1, 2),
      r("segments", 0, 1),
      r("segments", 0, 1),
      r("segments", 0, 1),
      ...Array.from({ length: 6 }, () => r("handshake", 1)),
      ...Array.from({ length: 6 }, () => r("teardown", 1)),
    ];
    expect(adaptivePick({ results, candidates, topics: TOPICS, roll: 0 })).toMatchObject({ topic: "segments", difficulty: 3, step: "up", candidate: { id: "seg-3" } });
  });

  it("should stay in the given topic and skip topics without candidates", () => {
    expect(adaptivePick({ results: [], candidates, topics: TOPICS, roll: 0, topic: "teardown" })?.topic).toBe("teardown");
    expect(adaptivePick({ results: [], candidates, topics: ["loss"], roll: 0 })).toBeNull();
  });

  it("should report the difficulty a fixed bank question is actually asked at", () => {
    const pick = adaptivePick({ results: [r("teardown", 1, 3), r("teardown", 1, 3)], candidates, topics: ["teardown"], roll: 0 });
    expect(pick).toMatchObject({ difficulty: 2, step: "down", candidate: { id: "td-2" } });
  });
});

describe("familyDifficulty", () => {
  it("should follow that family's answers only", () => {
    const results = [r("handshake", 0, 2, "hs-2", "bank"), r("handshake", 1, 2, "handshake-numbers", "family"), r("handshake", 1, 2, "handshake-numbers", "family")];
    expect(familyDifficulty(results, "handshake-numbers")).toBe(3);
    expect(familyDifficulty(results, "handshake-loss")).toBe(2);
  });
});
