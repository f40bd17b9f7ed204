import { describe, expect, it } from "vitest";
import { TOPICS, type TopicId } from "@/lib/content/topics";
import { createRng } from "@/lib/scenarios/rng";
import { interviewSetupSchema, planInterview, scenarioTarget, type InterviewSetup, type PlanFamily, type PlanQuestion } from "./plan";

/** The project's one seeded PRNG (lib/scenarios/rng.ts), so each test sees one fixed shuffle. */
const seeded = (seed: number): (() => number) => createRng(seed).float;

const bank = (topic: TopicId, n: number): PlanQuestion[] => Array.from({ length: n }, (_, i) => ({ id: `${topic}-${i}`, topic }));
const BANK = [...bank("handshake", 6), ...bank("teardown", 6), ...bank("time-wait", 5), ...bank("backlog", 5)];
const FAMILIES: PlanFamily[] = [
  { id: "handshake-numbers", topic: "handshake" },
  { id: "teardown-numbers", topic: "teardown" },
  { id: "backlog", topic: "backlog" },
];

describe("scenarioTarget", () => {
  it("should ask about one question in four, at least one, none when not wanted or impossible", () => {
    expect(scenarioTarget(3, true, 2)).toBe(1);
    expect(scenarioTarget(5, true, 2)).toBe(1);
    expect(scenarioTarget(10, true, 2)).toBe(3);
    expect(scenarioTarget(15, true, 2)).toBe(4);
    expect(scenarioTarget(10, false, 2)).toBe(0);
    expect(scenarioTarget(10, true, 0)).toBe(0);
  });
});

describe("interviewSetupSchema", () => {
  it("should accept only the offered lengths and distinct known topics", () => {
    expect(interviewSetupSchema.safeParse({ length: 5, topics: ["handshake"], scenarios: true }).success).toBe(true);
    expect(interviewSetupSchema.safeParse({ length: 4, topics: ["handshake"], scenarios: true }).success).toBe(false);
    expect(interviewSetupSchema.safeParse({ length: 5, topics: [], scenarios: true }).success).toBe(false);
    expect(interviewSetupSchema.safeParse({ length: 5, topics: ["handshake", "handshake"], scenarios: true }).success).toBe(false);
    expect(interviewSetupSchema.safeParse({ length: 5, topics: ["dns"], scenarios: true }).success).toBe(false);
  });

  it("should accept every topic at once (the form's 'all topics'), however many the course has", () => {
    expect(interviewSetupSchema.safeParse({ length: 5, topics: TOPICS.map((t) => t.id), scenarios: true }).success).toBe(true);
  });
});

describe("planInterview", () => {
  it("should pick the asked number of distinct open questions from the chosen topics only", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const plan = planInterview({ length: 10, topics: ["handshake", "teardown", "backlog"], scenarios: false }, BANK, FAMILIES, seeded(seed));
      expect(plan).toHaveLength(10);
      expect(plan.every((p) => p.kind === "open")).toBe(true);
      expect(new Set(plan.map((p) => p.ref)).size).toBe(10);
      expect(plan.every((p) => ["handshake", "teardown", "backlog"].includes(p.topic))).toBe(true);
    }
  });

  it("should balance topics: with 10 questions over 3 topics each gets 3 or 4", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const plan = planInterview({ length: 10, topics: ["handshake", "teardown", "backlog"], scenarios: false }, BANK, FAMILIES, seeded(seed));
      for (const topic of ["handshake", "teardown", "backlog"]) {
        const n = plan.filter((p) => p.topic === topic).length;
        expect(n).toBeGreaterThanOrEqual(3);
        expect(n).toBeLessThanOrEqual(4);
      }
    }
  });

  it("should mix in round(length / 4) scenario questions spread through the session", () => {
    const plan = planInterview({ length: 10, topics: ["handshake", "teardown", "backlog"], scenarios: true }, BANK, FAMILIES, seeded(7));
    const positions = plan.flatMap((p, i) => (p.kind === "scenario" ? [i] : []));
    // 3 of 10, at floor(k·10/4) for k = 1..3 → 2, 5, 7.
    expect(positions).toEqual([2, 5, 7]);
    expect(plan.filter((p) => p.kind === "open")).toHaveLength(7);
  });

  it("should only use families of the chosen topics", () => {
    const plan = planInterview({ length: 5, topics: ["time-wait"], scenarios: true }, BANK, FAMILIES, seeded(3));
    // No family covers time-wait here, so all five are open questions.
    expect(plan.map((p) => p.kind)).toEqual(["open", "open", "open", "open", "open"]);
  });

  it("should fill with scenario questions when the open questions run out, and be shorter when both do", () => {
    const filled = planInterview({ length: 10, topics: ["backlog"], scenarios: true }, BANK, FAMILIES, seeded(5));
    expect(filled).toHaveLength(10);
    expect(filled.filter((p) => p.kind === "open")).toHaveLength(5);
    expect(filled.filter((p) => p.kind === "scenario").every((p) => p.ref === "backlog")).toBe(true);

    const short = planInterview({ length: 10, topics: ["backlog"], scenarios: false }, BANK, FAMILIES, seeded(5));
    expect(short).toHaveLength(5);
  });

  it("should be deterministic for one random sequence and vary between sequences", () => {
    const setup: InterviewSetup = { length: 5, topics: ["handshake", "teardown"], scenarios: true, strictSeconds: 0 };
    expect(planInterview(setup, BANK, FAMILIES, seeded(11))).toEqual(planInterview(setup, BANK, FAMILIES, seeded(11)));
    const distinct = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(planInterview(setup, BANK, FAMILIES, seeded(s + 1)))));
    expect(distinct.size).toBeGreaterThan(10);
  });
});

describe("interviewSetupSchema strict timer (issue #19)", () => {
  it("should default to off and accept only the offered lengths", () => {
    expect(interviewSetupSchema.parse({ length: 3, topics: ["handshake"], scenarios: false }).strictSeconds).toBe(0);
    expect(interviewSetupSchema.parse({ length: 3, topics: ["handshake"], scenarios: false, strictSeconds: 120 }).strictSeconds).toBe(120);
    expect(interviewSetupSchema.safeParse({ length: 3, topics: ["handshake"], scenarios: false, strictSeconds: 7 }).success).toBe(false);
  });
});
