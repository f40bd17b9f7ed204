import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/questions";
import { authoredQuestion, choiceList } from "@/lib/content/testing";
import { selfTestFamily } from "@/lib/server/quiz/families";
import { AUTHORED_INPUT, authoredChoiceKey, authoredFamily, shuffleOrder } from "./authored-family";

const q = authoredQuestion({
  id: "t-pin",
  topic: "teardown",
  lesson: "four-way-teardown",
  kind: "single",
  prompt: { en: "Which segment ends a connection in an orderly way?", zh: "哪个报文段有序地结束连接？" },
  choices: [...choiceList("FIN", "RST", "SYN", "URG"), { id: "e", en: "None of the above", zh: "以上都不是", pin: true }],
  answer: "a",
  explanation: { en: "FIN.", zh: "FIN。" },
});

function labels(seed: number): string[] {
  const input = authoredFamily(q).generate(seed).prompt.inputs[0];
  return input?.kind === "choice" ? input.options.map((o) => o.label.en) : [];
}

describe("authoredFamily", () => {
  it("should show each seed its own option order and replay it for the same seed", () => {
    const orders = new Set(Array.from({ length: 40 }, (_, seed) => labels(seed).join("|")));
    // 4! = 24 orders of the unpinned options; 40 seeds must reach many of them.
    expect(orders.size).toBeGreaterThan(10);
    expect(labels(7)).toEqual(labels(7));
  });

  it("should keep a pinned option in its authored place", () => {
    for (let seed = 0; seed < 40; seed++) expect(labels(seed)[4]).toBe("None of the above");
  });

  it("should spread the key over the positions and relabel options a, b, c… in display order", () => {
    const positions = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const g = authoredFamily(q).generate(seed);
      const input = g.prompt.inputs[0];
      if (input?.kind !== "choice") throw new Error("choice expected");
      expect(input.options.map((o) => o.id)).toEqual(["a", "b", "c", "d", "e"]);
      positions.add(String(g.answer[AUTHORED_INPUT]));
    }
    expect([...positions].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("should map the student's letters back to the authored choice for item analysis", () => {
    const g = authoredFamily(q).generate(3);
    const finLetter = String(g.answer[AUTHORED_INPUT]);
    expect(authoredChoiceKey(g.params, { [AUTHORED_INPUT]: finLetter })).toBe("a");
    expect(authoredChoiceKey(g.params, { [AUTHORED_INPUT]: "e" })).toBe("e");
  });

  it("should never put an ordering question in its correct order", () => {
    const ordering = loadQuestionBank().find((x) => x.kind === "ordering");
    if (!ordering || ordering.kind !== "ordering") throw new Error("the bank has an ordering question");
    for (let seed = 0; seed < 200; seed++) expect(shuffleOrder(ordering, seed)).not.toEqual(ordering.answer);
  });

  it("should pass the family self-test for every bank question over many seeds", () => {
    for (const bank of loadQuestionBank()) {
      const report = selfTestFamily(authoredFamily(bank), 30);
      expect(report.failures, bank.id).toEqual([]);
    }
  });
});
