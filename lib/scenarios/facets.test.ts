import { describe, expect, it } from "vitest";
import { FACET_LABELS, splitFacets, type FacetGroup } from "./facets";
import { getFamily } from "./registry";
import { FAMILY_IDS } from "./types";

describe("facets drawn by every family", () => {
  for (const id of FAMILY_IDS) {
    it(`${id}: reports its difficulty and at least one drawn parameter, the same for the same seed`, () => {
      const family = getFamily(id)!;
      const values = new Map<string, Set<string>>();
      for (let seed = 1; seed <= 40; seed++) {
        for (const difficulty of [1, 2, 3] as const) {
          const g = family.generate(seed, { difficulty });
          expect(g.facets?.difficulty).toBe(difficulty);
          expect(Object.keys(g.facets ?? {}).length).toBeGreaterThan(1);
          expect(family.generate(seed, { difficulty }).facets).toEqual(g.facets);
          for (const [name, value] of Object.entries(g.facets ?? {})) {
            expect(Object.keys(FACET_LABELS)).toContain(name);
            expect(["string", "number", "boolean"]).toContain(typeof value);
            if (!values.has(name)) values.set(name, new Set());
            values.get(name)!.add(String(value));
          }
        }
      }
      // A parameter the family draws takes more than one value over 120 variants (difficulty aside).
      expect([...values].some(([name, v]) => name !== "difficulty" && v.size > 1)).toBe(true);
    });
  }
});

describe("splitFacets", () => {
  const g = (facets: object | null, difficulty: number | null, n: number, correct: number): FacetGroup => ({ facets: facets === null ? null : JSON.stringify(facets), difficulty, n, correct });

  it("should count each group under every parameter value it drew, in the vocabulary's order", () => {
    const rates = splitFacets([g({ difficulty: 2, backlog: 4, loss: "fin" }, 2, 10, 7), g({ difficulty: 2, backlog: 16, loss: "fin" }, 2, 5, 1), g({ difficulty: 3, backlog: 4, loss: "none" }, 3, 5, 2)], "en");
    expect(rates.map((r) => [r.name, r.value, r.responses, r.correctRate])).toEqual([
      ["difficulty", "2", 15, 8 / 15],
      ["difficulty", "3", 5, 2 / 5],
      ["backlog", "4", 15, 9 / 15],
      ["backlog", "16", 5, 1 / 5],
      ["loss", "fin", 15, 8 / 15],
      ["loss", "none", 5, 2 / 5],
    ]);
    expect(rates[2]!.parameter).toBe("listen() backlog");
  });

  it("should count rows written before facets under their config's difficulty, with BigInt counts", () => {
    expect(splitFacets([{ facets: null, difficulty: "1", n: 4n, correct: 3n }, { facets: "not json", difficulty: null, n: 2, correct: 0 }], "zh")).toEqual([
      { name: "difficulty", parameter: "难度", value: "1", responses: 4, correctRate: 0.75 },
    ]);
  });

  it("should translate word values and keep protocol names", () => {
    const rates = splitFacets([g({ active: "server", how: "SHUT_WR", late: true }, null, 2, 1)], "zh");
    expect(rates.map((r) => `${r.parameter}=${r.value}`)).toEqual(["主动关闭方=服务器", "shutdown()=SHUT_WR", "TIME-WAIT 结束后重启=是"]);
  });
});
