import { describe, expect, it } from "vitest";
import { FAMILIES, FAMILY_MODULES, getFamily } from "./registry";
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
    // Each names itself for the lessons' "check yourself" links, in both languages.
    for (const id of FAMILY_IDS) {
      const { linkTitle } = FAMILY_MODULES[id];
      expect(linkTitle.en.trim(), id).not.toBe("");
      expect(linkTitle.zh.trim(), id).not.toBe("");
      expect(linkTitle.zh, id).not.toBe(linkTitle.en);
    }
    expect(getFamily("no-such-family")).toBeUndefined();
  });

  it.each(FAMILY_IDS)("should pass for %s", (id) => {
    const r = run(id);
    expect(r.checked).toBeGreaterThanOrEqual(1_000);
    expect(r.failures).toEqual([]);
    // The variety each family promises in its own definition (define.ts `variety`).
    const { variety } = FAMILY_MODULES[id];
    expect(r.distinctPrompts).toBeGreaterThanOrEqual(variety.prompts);
    expect(r.distinctAnswers).toBeGreaterThanOrEqual(variety.answers);
  }, 120_000);

  it("should report an unknown family or an invalid config instead of throwing", () => {
    expect(selfTest("nope", 3).failures[0]?.reason).toMatch(/unknown family/);
    const bad = selfTest("backlog", 3, { difficulty: 7 as 1 });
    expect(bad.checked).toBe(0);
    expect(bad.failures[0]?.reason).toMatch(/invalid config/);
  });
});
