import { getFamily, getFamilyModule } from "@/lib/scenarios/registry";
import { selfTest } from "@/lib/scenarios/self-test";
import type { FamilyConfig, FamilyId, QuestionFamily, ScenarioFamily } from "@/lib/scenarios/types";
import { FAMILY_IDS } from "@/lib/scenarios/types";

/**
 * The one place the quiz services reach the scenario-family registry (lib/scenarios/registry.ts).
 * Tests can swap the lookup for fakes with setFamilyLookup.
 */
type FamilyLookup = (id: FamilyId) => ScenarioFamily | undefined;

const registryLookup: FamilyLookup = (id) => getFamily(id);
let lookup: FamilyLookup = registryLookup;

/** For tests: replace the registry (pass undefined to restore it). */
export function setFamilyLookup(f: FamilyLookup | undefined): void {
  lookup = f ?? registryLookup;
}

export function getScenarioFamily(id: FamilyId): ScenarioFamily | undefined {
  return lookup(id);
}

/** The families that are implemented, in FAMILY_IDS order. */
export function availableFamilies(): ScenarioFamily[] {
  return FAMILY_IDS.flatMap((id) => {
    const f = lookup(id);
    return f ? [f] : [];
  });
}

export type SelfTestReport = {
  checked: number;
  failures: { seed: number; reason: string }[];
  ms: number;
  /** Different prompts among the variants checked (when the family's own self-test ran). */
  distinctPrompts?: number;
};

/**
 * Runs a family over `seeds` consecutive seeds starting at `from`: its own answer must parse
 * (as a raw answer) and grade exactly 1, and every known wrong answer must grade below 1
 * (docs/architecture.md "Questions": PrairieLearn's test hook). Failures are collected, never thrown,
 * so the instructor sees every failing seed.
 */
export function selfTestFamily(family: QuestionFamily, seeds: number, config?: FamilyConfig, from = 1): SelfTestReport {
  const started = performance.now();
  const failures: SelfTestReport["failures"] = [];
  for (let seed = from; seed < from + seeds; seed += 1) {
    try {
      const g = family.generate(seed, config);
      const parsed = family.parse(JSON.parse(JSON.stringify(g.answer)), g.params);
      if (!parsed.ok) {
        failures.push({ seed, reason: `own answer does not parse: ${parsed.error.en}` });
        continue;
      }
      const grade = family.grade(g.params, parsed.answer);
      if (grade.score !== 1) failures.push({ seed, reason: `own answer grades ${grade.score}, not 1` });
      family.wrongAnswers(g.params, g.answer, seed).forEach((wrong, i) => {
        const w = family.grade(g.params, wrong);
        if (w.score >= 1) failures.push({ seed, reason: `wrong answer #${i + 1} grades ${w.score}` });
      });
    } catch (error) {
      failures.push({ seed, reason: `threw: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { checked: seeds, failures: failures.slice(0, 50), ms: Math.round(performance.now() - started) };
}

/**
 * The self-test the instructor's button runs: the scenario library's own `selfTest` (which also
 * checks determinism, that the prompt does not contain the answer, and both languages) when
 * `family` is the registered one, else the contract-level check above (test doubles).
 */
export function runFamilySelfTest(family: ScenarioFamily, seeds: number, config: FamilyConfig | undefined, from: number): SelfTestReport {
  const registered = getFamilyModule(family.id);
  if (!registered || (registered as ScenarioFamily) !== family) return selfTestFamily(family, seeds, config, from);
  const started = performance.now();
  const r = selfTest(family.id, Array.from({ length: seeds }, (_, i) => (from + i) >>> 0), config);
  return { checked: r.checked, failures: r.failures, ms: Math.round(performance.now() - started), distinctPrompts: r.distinctPrompts };
}
