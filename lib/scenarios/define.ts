/**
 * `defineFamily`: the one place that turns a family's `build(seed, config)` into the
 * `ScenarioFamily` contract (types.ts). A family only describes, for one seed, the prompt, the
 * correct answer, the checks that grade an answer step by step (in timeline order, each tied to
 * the trace event it is about), an explanation drawn from the trace, and its misconceptions.
 * Parsing, scoring, partial credit, feedback, the first divergence and the correct display are
 * generic, so every family grades the same way.
 *
 * Params stored in the attempt row are `{ v, seed, config }`: small, and enough to rebuild
 * everything deterministically (generate re-runs the simulator; no answer is stored).
 */
import { z } from "zod";
import type { Scenario } from "@/lib/tcp";
import { formatAnswerValue, parseAnswer, type Answer, type AnswerValue } from "./answer";
import type {
  Divergence,
  FamilyConfig,
  Generated,
  Grade,
  InputSpec,
  ParseResult,
  Prompt,
  ScenarioFamily,
} from "./types";
import type { Localized, TopicId } from "@/lib/core";
import type { Facets } from "./facets";
import { diagramBefore } from "./text";

/** One gradable part of an answer, in the order a student would reason along the timeline. */
export type Check = {
  /** The input this part belongs to. */
  input: string;
  /** What this part is, e.g. "segment 2 — ack". */
  label: Localized;
  /** Share of the score (default 1). */
  weight?: number;
  /** The correct value, human-readable. */
  expected: Localized;
  /** 0..1 for this part of the answer. */
  score: (answer: Answer) => number;
  /** The student's value, human-readable (default: the input's generic format). */
  got?: (answer: Answer) => Localized;
  /** Why the correct value is correct (shown when this part is wrong). */
  why?: Localized;
  /** Trace event to highlight when this is the first wrong part. */
  eventSeqNo?: number;
};

export type Built = {
  prompt: Prompt;
  answer: Answer;
  checks: Check[];
  explanation: Localized;
  /** Per input id, the correct value for display (see `Draft` for the defaults). */
  correctDisplay: Record<string, Localized>;
  /** The scenario to draw after submission. */
  scenario?: Scenario;
  /** Realistic misconceptions, each a complete answer that must grade < 1. */
  wrong: Answer[];
  /** Number inputs that may be left empty. */
  optional?: string[];
  /**
   * Strings that must not appear anywhere in the prompt JSON (answer values that are
   * checkable that way: large numbers, exact times). Used by the self-test.
   */
  secrets?: string[];
  /** The parameters drawn for this seed, for the item analysis (facets.ts); difficulty is added by defineFamily. */
  facets?: Facets;
};

/**
 * What a family's `build` returns: a `Built` whose correct display names only the inputs that
 * are not shown the generic way. Every other input displays the correct answer as a student's
 * answer is displayed (`formatAnswerValue`: a number with its unit, a choice's label), so a
 * family does not restate `same(String(n))` or `optionLabel(OPTIONS, id)` per input.
 */
export type Draft = Omit<Built, "correctDisplay"> & { correctDisplay?: Record<string, Localized> };

/** A draft completed: the correct display of every input, in the prompt's order, then any extra the family named. */
export function completeDraft(d: Draft): Built {
  const named = d.correctDisplay ?? {};
  const generic = Object.fromEntries(d.prompt.inputs.map((spec) => [spec.id, named[spec.id] ?? formatAnswerValue(spec, d.answer[spec.id])]));
  return { ...d, correctDisplay: { ...generic, ...named } };
}

/** A prompt as a family writes it: instead of a diagram, the time from which the run is hidden. */
export type DraftPrompt = Omit<Prompt, "scenario"> & {
  /** Show the run's diagram only up to just before `atMs` (the call whose outcome is asked), with a caption saying the rest comes later. */
  hideFrom?: { atMs: number; caption: Localized };
};

/**
 * The draft of a question asked about one simulated run: the prompt's diagram (if any) and the
 * run revealed after submission are both that run's scenario, so a family cannot show one run
 * and reveal another. `key` is the rest of the draft: answer, checks, explanation, misconceptions.
 */
export function fromRun(run: { scenario: Scenario }, { hideFrom, ...prompt }: DraftPrompt, key: Omit<Draft, "prompt" | "scenario">): Draft {
  const { text, ...rest } = prompt;
  const shown: Prompt = hideFrom ? { text, scenario: diagramBefore(run.scenario, hideFrom.atMs, hideFrom.caption), ...rest } : prompt;
  return { prompt: shown, ...key, scenario: run.scenario };
}

export type Params<C> = { v: number; seed: number; config: C };

/** Every family accepts a difficulty; families extend this with their own parameter ranges. */
export const difficultySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** A family's config: the difficulty every family accepts (default 2), then the family's own parameters. */
export function familyConfigSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object({ difficulty: difficultySchema.default(2), ...shape });
}

export type FamilyDefinition<C extends FamilyConfig, Id extends string = string> = {
  /** The family's id: registering the module (registry.ts) is what makes it a FamilyId. */
  id: Id;
  topic: TopicId;
  title: Localized;
  description: Localized;
  /** The family as a lesson's "check yourself" list names it (a task, e.g. "A lost handshake segment"). */
  linkTitle: Localized;
  /** Bump when generation changes so old attempt rows can be told apart. */
  version: number;
  configSchema: z.ZodType<C>;
  build: (seed: number, config: C) => Draft;
  /**
   * The variety this family promises over the self-test's 1,002 seeds (334 per difficulty):
   * at least this many distinct prompts (diagram left out) and distinct correct answers, so two
   * students rarely see the same question (self-test.test.ts holds every family to it).
   */
  variety: { prompts: number; answers: number };
};

/** An implemented family: the public contract plus the hooks the self-test uses. */
export type FamilyModule<C extends FamilyConfig = FamilyConfig, Id extends string = string> = ScenarioFamily<Params<C>, Answer, Id> & {
  variety: { prompts: number; answers: number };
  linkTitle: Localized;
  /** Rebuild (memoized) for the self-test and previews. */
  build(params: Params<C>): Built;
  /** Rebuild without the cache (the self-test's determinism check). */
  buildFresh(params: Params<C>): Built;
};

const CACHE_SIZE = 64;

/** Deep equality for answer values (JSON-like data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function defineFamily<C extends FamilyConfig, const Id extends string>(def: FamilyDefinition<C, Id>): FamilyModule<C, Id> {
  // A tiny LRU of builds keyed by params: grade() and parse() rebuild from params, and a
  // self-test grades several answers per seed. Pure (same params ⇒ same build).
  const cache = new Map<string, Built>();
  const build = (params: Params<C>): Built => {
    const key = JSON.stringify(params);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const b = completeDraft(def.build(params.seed, params.config));
    cache.set(key, b);
    if (cache.size > CACHE_SIZE) {
      const first = cache.keys().next();
      if (!first.done) cache.delete(first.value);
    }
    return b;
  };

  const generate = (seed: number, config?: FamilyConfig): Generated<Params<C>, Answer> => {
    const parsedConfig = def.configSchema.parse(config ?? {});
    const params: Params<C> = { v: def.version, seed: seed >>> 0, config: parsedConfig };
    const b = build(params);
    const difficulty = (parsedConfig as FamilyConfig).difficulty;
    return { params, prompt: b.prompt, answer: b.answer, facets: { ...(difficulty === undefined ? {} : { difficulty }), ...b.facets } };
  };

  const parse = (raw: unknown, params: Params<C>): ParseResult<Answer> => {
    const b = build(params);
    return parseAnswer(b.prompt.inputs, raw, new Set(b.optional ?? []));
  };

  const grade = (params: Params<C>, answer: Answer): Grade<Answer> => gradeBuilt(build(params), answer);

  const wrongAnswers = (params: Params<C>, correct: Answer): Answer[] => {
    const b = build(params);
    const seen = new Set<string>([JSON.stringify(correct)]);
    const out: Answer[] = [];
    for (const w of b.wrong) {
      const k = JSON.stringify(w);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(w);
    }
    return out;
  };

  return {
    id: def.id,
    topic: def.topic,
    title: def.title,
    description: def.description,
    configSchema: def.configSchema,
    generate,
    parse,
    grade,
    wrongAnswers,
    build,
    buildFresh: (params) => completeDraft(def.build(params.seed, params.config)),
    variety: def.variety,
    linkTitle: def.linkTitle,
  };
}

function inputSpec(prompt: Prompt, id: string): InputSpec | undefined {
  return prompt.inputs.find((i) => i.id === id);
}

/** Score, feedback, correct display and the first divergence for an answer against a build. */
export function gradeBuilt(b: Built, answer: Answer): Grade<Answer> {
  let total = 0;
  let got = 0;
  const wrong: { index: number; check: Check; score: number }[] = [];
  b.checks.forEach((c, index) => {
    const w = c.weight ?? 1;
    let s = 0;
    try {
      s = clamp01(c.score(answer));
    } catch {
      s = 0;
    }
    total += w;
    got += w * s;
    if (s < 1) wrong.push({ index, check: c, score: s });
  });
  const score = total === 0 ? 0 : wrong.length === 0 ? 1 : Math.min(got / total, 1 - 1e-9);
  const correct = wrong.length === 0;

  let feedback: Localized;
  let divergence: Divergence | undefined;
  const first = wrong[0];
  if (correct || first === undefined) {
    feedback = { en: "Correct: every part matches the simulation.", zh: "正确：每一项都与模拟结果一致。" };
  } else {
    const right = b.checks.length - wrong.length;
    const names = wrong.map((w) => w.check.label);
    feedback = {
      en: `${right} of ${b.checks.length} parts correct (score ${Math.round(score * 100)}%). To review: ${names.map((n) => n.en).join("; ")}.`,
      zh: `${b.checks.length} 项中答对 ${right} 项（得分 ${Math.round(score * 100)}%）。需要复习：${names.map((n) => n.zh).join("；")}。`,
    };
    const c = first.check;
    const yours = c.got ? c.got(answer) : formatAnswerValue(inputSpec(b.prompt, c.input), answer[c.input] as AnswerValue | undefined);
    divergence = {
      step: first.index,
      message: {
        en: `First difference — ${c.label.en}: you answered ${yours.en}; the simulation gives ${c.expected.en}.${c.why ? ` ${c.why.en}` : ""}`,
        zh: `第一处不同——${c.label.zh}：你的答案是 ${yours.zh}；模拟结果是 ${c.expected.zh}。${c.why ? c.why.zh : ""}`,
      },
      ...(c.eventSeqNo !== undefined ? { eventSeqNo: c.eventSeqNo } : {}),
    };
  }

  const grade: Grade<Answer> = {
    score,
    correct,
    feedback,
    explanation: b.explanation,
    correctAnswer: b.answer,
    correctDisplay: b.correctDisplay,
  };
  if (divergence) grade.divergence = divergence;
  if (b.scenario) {
    grade.reveal = { scenario: b.scenario };
    if (divergence?.eventSeqNo !== undefined) grade.reveal.highlightSeqNo = divergence.eventSeqNo;
  }
  return grade;
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.max(0, Math.min(1, x));
}
