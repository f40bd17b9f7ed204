import { describe, expect, it } from "vitest";
import { FAMILY_IDS } from "@/lib/scenarios/types";
import { getScenarioFamily, runFamilySelfTest } from "./families";
import { makeFakeFamily } from "./testing/fake-family";
import { readStoredParams, readStoredResult } from "./types";
import { familyVariant, gradeVariant } from "./variants";

/**
 * The quiz services' glue over the real family registry: a variant survives the JSON round trip
 * of the database, the family's own answer (sent as the browser would) grades 1 through
 * gradeVariant, and the stored result reads back (a result the schema rejected would be
 * silently hidden from the student).
 */
describe("quiz services over the real scenario families", () => {
  for (const id of FAMILY_IDS) {
    it(`should generate, store and grade ${id} through the quiz interface`, () => {
      const family = getScenarioFamily(id);
      expect(family, `${id} is registered`).toBeDefined();
      for (const seed of [1, 2, 3, 1234567]) {
        const v = familyVariant(id, seed);
        const params = readStoredParams(JSON.parse(JSON.stringify(v.params)));
        const own = family!.generate(seed).answer;
        const right = gradeVariant(params, JSON.parse(JSON.stringify(own)) as Record<string, unknown>);
        expect(right.ok, `${id} seed ${seed} own answer parses`).toBe(true);
        if (!right.ok) continue;
        expect(right.result.score).toBe(1);
        expect(readStoredResult(JSON.parse(JSON.stringify(right.result)))).not.toBeNull();
        const wrong = family!.wrongAnswers((params as { params: unknown }).params as never, own as never, seed)[0];
        if (wrong !== undefined) {
          const w = gradeVariant(params, JSON.parse(JSON.stringify(wrong)) as Record<string, unknown>);
          expect(w.ok && w.result.score).toBeLessThan(1);
          if (w.ok) expect(readStoredResult(JSON.parse(JSON.stringify(w.result)))).not.toBeNull();
        }
      }
    });
  }

  it("should run the scenario library's own self-test for registered families", () => {
    const report = runFamilySelfTest(getScenarioFamily("teardown-numbers")!, 30, undefined, 1000);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(30);
    expect(report.distinctPrompts).toBeGreaterThan(1);
    // A test double is not in the registry: the contract-level check runs instead.
    expect(runFamilySelfTest(makeFakeFamily(), 5, undefined, 1).distinctPrompts).toBeUndefined();
  });
});
