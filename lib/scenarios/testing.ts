/**
 * Helpers for the family tests (no test framework imports here): generate a question and look
 * at the scenario it was built from, so tests can recompute answers with RFC / kernel-fact
 * arithmetic independently of the simulator.
 */
import type { Scenario, Step } from "@/lib/tcp";
import type { Answer } from "./answer";
import type { Built, FamilyModule, Params } from "./define";
import type { FamilyConfig, Generated } from "./types";

export type Sample<C extends FamilyConfig = FamilyConfig> = { seed: number; g: Generated<Params<C>, Answer>; b: Built; sc: Scenario; text: string };

export function sample<C extends FamilyConfig>(family: FamilyModule<C>, seed: number, config: FamilyConfig = {}): Sample<C> {
  const g = family.generate(seed, config);
  const b = family.build(g.params);
  if (!b.scenario) throw new Error(`${family.id}: no scenario in the build`);
  return { seed, g, b, sc: b.scenario, text: g.prompt.text.en };
}

/** Samples over seeds 0…n-1, difficulty cycling 1, 2, 3. */
export function samples<C extends FamilyConfig>(family: FamilyModule<C>, n: number, config: FamilyConfig = {}): Sample<C>[] {
  return Array.from({ length: n }, (_, seed) => sample(family, seed, { difficulty: ((seed % 3) + 1) as 1 | 2 | 3, ...config }));
}

export function steps<C extends Step["call"]>(sc: Scenario, call: C, host?: string): Extract<Step, { call: C }>[] {
  return sc.script.filter((s): s is Extract<Step, { call: C }> => s.call === call && (host === undefined || s.host === host));
}

/** A number printed in the prompt text after `label` (e.g. "x = 123"). */
export function numberAfter(text: string, label: string): number {
  const m = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*(\\d+)`).exec(text);
  if (!m?.[1]) throw new Error(`no number after "${label}" in: ${text}`);
  return Number(m[1]);
}

export const u32 = (n: number) => n >>> 0;
