/**
 * The self-test (PrairieLearn's `test` hook, docs/architecture.md "Questions"): for many seeds, a family
 * must generate deterministically, grade its own answer 1, grade every known misconception
 * below 1, parse its own answer back unchanged, keep its params small JSON, and never put a
 * checkable answer value into the prompt. The instructor's "self-test" button runs this on the
 * server; lib/scenarios/self-test.test.ts runs it over ≥ 1,000 seeds per family.
 */
import { sameValue, type FamilyModule } from "./define";
import type { Localized } from "@/lib/core";
import { getFamilyModule } from "./registry";
import type { FamilyConfig, Prompt } from "./types";

export type SelfTestFailure = { seed: number; reason: string };
export type SelfTestResult = {
  checked: number;
  failures: SelfTestFailure[];
  /** How many different prompts (text, table, inputs; the diagram left out) the seeds gave. */
  distinctPrompts: number;
  /** How many different correct answers the seeds gave. */
  distinctAnswers: number;
};

/** Largest params JSON an attempt row should store (they are `{ v, seed, config }`). */
export const MAX_PARAMS_BYTES = 1024;

const MAX_FAILURES = 50;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `secret` appears in `text` as a whole number (not as part of a longer number). */
export function containsNumberToken(text: string, secret: string): boolean {
  return new RegExp(`(?<![0-9.])${escapeRegExp(secret)}(?![0-9]|\\.[0-9])`).test(text);
}

function isLocalized(v: unknown): v is Localized {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).sort().join(",") === "en,zh";
}

/** Every {en, zh} pair in the prompt has both languages, non-empty. */
function missingTranslations(prompt: Prompt): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (path.startsWith("scenario.scenario")) return;
    if (isLocalized(v)) {
      if (typeof v.en !== "string" || v.en.trim() === "") out.push(`${path}.en`);
      if (typeof v.zh !== "string" || v.zh.trim() === "") out.push(`${path}.zh`);
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(prompt, "");
  return out;
}

/** Check one seed; returns the reasons it fails (empty when it passes). */
export function checkSeed(family: FamilyModule, seed: number, config?: FamilyConfig): { reasons: string[]; promptKey?: string; answerKey?: string } {
  const reasons: string[] = [];
  let g;
  try {
    g = family.generate(seed, config);
  } catch (e) {
    return { reasons: [`generate threw: ${(e as Error).message}`] };
  }
  const { params, prompt, answer } = g;

  const paramsJson = JSON.stringify(params);
  if (paramsJson.length > MAX_PARAMS_BYTES) reasons.push(`params are ${paramsJson.length} bytes of JSON`);
  if (!sameValue(JSON.parse(paramsJson), params)) reasons.push("params do not survive JSON");

  const fresh = family.buildFresh(params);
  if (!sameValue(fresh.prompt, prompt) || !sameValue(fresh.answer, answer)) reasons.push("generate is not deterministic for this seed");

  const parsed = family.parse(JSON.parse(JSON.stringify(answer)), params);
  if (!parsed.ok) reasons.push(`parse rejects the correct answer: ${parsed.error.en}`);
  else if (!sameValue(parsed.answer, answer)) reasons.push("parse(correct answer) does not round-trip");

  const grade = family.grade(params, answer);
  if (grade.score !== 1 || !grade.correct) reasons.push(`the correct answer grades ${grade.score}${grade.divergence ? ` (${grade.divergence.message.en})` : ""}`);
  for (const input of prompt.inputs)
    if (!grade.correctDisplay[input.id]) reasons.push(`no correctDisplay for input "${input.id}"`);

  family.wrongAnswers(params, answer, seed).forEach((w, i) => {
    const p = family.parse(JSON.parse(JSON.stringify(w)), params);
    if (!p.ok) {
      reasons.push(`wrong answer #${i} does not parse: ${p.error.en}`);
      return;
    }
    const wg = family.grade(params, p.answer);
    if (wg.score >= 1 || wg.correct) reasons.push(`wrong answer #${i} grades ${wg.score}: ${JSON.stringify(w)}`);
    else if (!wg.divergence) reasons.push(`wrong answer #${i} has no divergence`);
  });

  // The diagram's scenario seed is an arbitrary number, not part of what the student reads.
  const promptJson = JSON.stringify(prompt, (k, v: unknown) => (k === "seed" ? undefined : v));
  for (const secret of fresh.secrets ?? []) if (containsNumberToken(promptJson, secret)) reasons.push(`the prompt contains the answer value ${secret}`);
  for (const path of missingTranslations(prompt)) reasons.push(`missing translation at ${path}`);

  const { scenario: _diagram, ...visible } = prompt;
  return { reasons, promptKey: JSON.stringify(visible), answerKey: JSON.stringify(answer) };
}

/**
 * Run the self-test of a family over `seeds` (a count n means seeds 0…n-1).
 * Unknown family ids fail every seed rather than throw (the instructor UI shows the reason).
 */
export function selfTest(familyId: string, seeds: number | readonly number[], config?: FamilyConfig): SelfTestResult {
  const list = typeof seeds === "number" ? Array.from({ length: seeds }, (_, i) => i) : seeds;
  const family = getFamilyModule(familyId);
  if (!family) return { checked: 0, failures: [{ seed: -1, reason: `unknown family "${familyId}"` }], distinctPrompts: 0, distinctAnswers: 0 };
  const failures: SelfTestFailure[] = [];
  const prompts = new Set<string>();
  const answers = new Set<string>();
  if (config !== undefined) {
    const c = family.configSchema.safeParse(config);
    if (!c.success) return { checked: 0, failures: [{ seed: -1, reason: `invalid config: ${c.error.issues.map((i) => i.message).join("; ")}` }], distinctPrompts: 0, distinctAnswers: 0 };
  }
  for (const seed of list) {
    const r = checkSeed(family, seed, config);
    if (r.promptKey) prompts.add(r.promptKey);
    if (r.answerKey) answers.add(r.answerKey);
    for (const reason of r.reasons) if (failures.length < MAX_FAILURES) failures.push({ seed, reason });
  }
  return { checked: list.length, failures, distinctPrompts: prompts.size, distinctAnswers: answers.size };
}
