import { describe, expect, it } from "vitest";
import { FAMILIES, getFamily } from "./registry";
import { selfTest, type SelfTestResult } from "./self-test";
import { FAMILY_IDS, type FamilyId } from "./types";

/**
 * Every family over 1,002 seeds (334 at each difficulty): the generated answer grades exactly 1,
 * every known misconception grades < 1 (with a divergence), parse(answer) round-trips, params
 * are small JSON, generation is deterministic, no checkable answer value appears in the
 * prompt, every prompt string exists in both languages — and enough variety that two students
 * rarely see the same question.
 */
const PER_DIFFICULTY = 334;

/** Distinct prompts (diagram left out) and distinct correct answers required over 1,002 seeds. */
const VARIETY: Record<FamilyId, { prompts: number; answers: number }> = {
  "handshake-numbers": { prompts: 1000, answers: 1000 },
  "teardown-numbers": { prompts: 1000, answers: 1000 },
  "state-after-events": { prompts: 800, answers: 30 },
  "handshake-loss": { prompts: 700, answers: 150 },
  "teardown-loss": { prompts: 700, answers: 100 },
  "time-wait": { prompts: 800, answers: 12 },
  backlog: { prompts: 700, answers: 150 },
  "syn-flood": { prompts: 900, answers: 150 },
  "close-wait-leak": { prompts: 800, answers: 80 },
  rst: { prompts: 1000, answers: 100 },
  "half-close": { prompts: 900, answers: 30 },
  "segment-timeline": { prompts: 1000, answers: 950 },
  // Five incidents, each with its cause and fix: the variety is in the evidence, not the answer.
  diagnose: { prompts: 700, answers: 5 },
};

function run(id: FamilyId): SelfTestResult {
  const total: SelfTestResult = { checked: 0, failures: [], distinctPrompts: 0, distinctAnswers: 0 };
  for (const difficulty of [1, 2, 3] as const) {
    // Disjoint seed ranges per difficulty, so the distinct counts add up.
    const seeds = Array.from({ length: PER_DIFFICULTY }, (_, i) => 1_000 * difficulty + i);
    const r = selfTest(id, seeds, { difficulty });
    total.checked += r.checked;
    total.failures.push(...r.failures);
    total.distinctPrompts += r.distinctPrompts;
    total.distinctAnswers += r.distinctAnswers;
  }
  return total;
}

describe("scenario family self-test (≥ 1,000 seeds each)", () => {
  it("should register exactly the families of FAMILY_IDS", () => {
    expect(Object.keys(FAMILIES).sort()).toEqual([...FAMILY_IDS].sort());
    for (const id of FAMILY_IDS) expect(getFamily(id)?.id).toBe(id);
    expect(getFamily("no-such-family")).toBeUndefined();
  });

  it.each(FAMILY_IDS)("should pass for %s", (id) => {
    const r = run(id);
    expect(r.checked).toBeGreaterThanOrEqual(1_000);
    expect(r.failures).toEqual([]);
    expect(r.distinctPrompts).toBeGreaterThanOrEqual(VARIETY[id].prompts);
    expect(r.distinctAnswers).toBeGreaterThanOrEqual(VARIETY[id].answers);
  }, 120_000);

  it("should report an unknown family or an invalid config instead of throwing", () => {
    expect(selfTest("nope", 3).failures[0]?.reason).toMatch(/unknown family/);
    const bad = selfTest("backlog", 3, { difficulty: 7 as 1 });
    expect(bad.checked).toBe(0);
    expect(bad.failures[0]?.reason).toMatch(/invalid config/);
  });
});
