import { z } from "zod";
import { TOPIC_IDS, topicIdSchema, type TopicId } from "@/lib/content/topics";
import type { InterviewKind } from "./report";

/**
 * Which questions a mock interview asks, in which order. Pure: the randomness comes in as a
 * function so the service uses a real RNG and the tests a seeded one.
 */

export const INTERVIEW_LENGTHS = [3, 5, 10, 15] as const;
export type InterviewLength = (typeof INTERVIEW_LENGTHS)[number];

/** The strict timer's choices, in seconds per question (0 = off). */
export const STRICT_SECONDS = [0, 60, 120, 180, 300] as const;
export type StrictSeconds = (typeof STRICT_SECONDS)[number];

export const interviewSetupSchema = z
  .object({
    length: z.union([z.literal(3), z.literal(5), z.literal(10), z.literal(15)]),
    topics: z
      .array(topicIdSchema)
      .min(1)
      .max(TOPIC_IDS.length)
      .refine((topics) => new Set(topics).size === topics.length, { message: "each topic at most once" }),
    /** Mix in simulator-generated scenario questions, graded automatically. */
    scenarios: z.boolean(),
    /** Strict timer: seconds per question, enforced by the server; 0 = off (issue #19 item 8). */
    strictSeconds: z
      .number()
      .int()
      .refine((n) => (STRICT_SECONDS as readonly number[]).includes(n), { message: `one of ${STRICT_SECONDS.join(", ")}` })
      .default(0),
  })
  .strict();
export type InterviewSetup = z.infer<typeof interviewSetupSchema>;
export type InterviewSetupInput = z.input<typeof interviewSetupSchema>;

export type PlanQuestion = { id: string; topic: TopicId };
export type PlanFamily = { id: string; topic: TopicId };
export type PlannedItem = { kind: InterviewKind; ref: string; topic: TopicId };

/**
 * About one question in four is a scenario (at least one when asked for and possible): enough to
 * test applying the knowledge, while the classic open questions stay the core of an interview.
 */
export function scenarioTarget(length: number, wanted: boolean, familiesAvailable: number): number {
  if (!wanted || familiesAvailable === 0) return 0;
  return Math.min(length, Math.max(1, Math.round(length / 4)));
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Takes from per-topic lists in turn so every chosen topic gets its share. */
function roundRobin<T>(lists: T[][], count: number): T[] {
  const out: T[] = [];
  const queues = lists.map((l) => [...l]);
  while (out.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next !== undefined && out.length < count) out.push(next);
    }
  }
  return out;
}

/**
 * Picks `setup.length` items from the chosen topics: open questions without repeats, balanced
 * across topics, and scenario questions spread evenly through the session. If the open questions
 * run out, scenario questions fill the gap (a family gives a fresh variant each time, so it may
 * repeat); if both run out the plan is shorter than asked.
 */
export function planInterview(
  setup: Pick<InterviewSetup, "length" | "topics" | "scenarios">,
  bank: readonly PlanQuestion[],
  families: readonly PlanFamily[],
  random: () => number,
): PlannedItem[] {
  const { length, topics, scenarios } = interviewSetupSchema.parse(setup);
  const topicOrder = shuffle(topics, random);
  const openByTopic = topicOrder.map((topic) => shuffle(bank.filter((q) => q.topic === topic), random));
  const familyPool = scenarios ? families.filter((f) => topics.includes(f.topic)) : [];

  const wantScenarios = scenarioTarget(length, scenarios, familyPool.length);
  const open = roundRobin(openByTopic, length - wantScenarios).map((q): PlannedItem => ({ kind: "open", ref: q.id, topic: q.topic }));
  const scenarioCount = familyPool.length === 0 ? 0 : length - open.length;

  const familyByTopic = topicOrder.map((topic) => shuffle(familyPool.filter((f) => f.topic === topic), random));
  const scenarioItems: PlannedItem[] = [];
  while (scenarioItems.length < scenarioCount) {
    const round = roundRobin(familyByTopic, scenarioCount - scenarioItems.length);
    scenarioItems.push(...round.map((f): PlannedItem => ({ kind: "scenario", ref: f.id, topic: f.topic })));
  }

  // Spread the scenarios: the k-th of s goes after about (k + 1)/(s + 1) of the session.
  const total = open.length + scenarioItems.length;
  const slots = new Set(scenarioItems.map((_, k) => Math.min(total - 1, Math.floor(((k + 1) * total) / (scenarioItems.length + 1)))));
  while (slots.size < scenarioItems.length) {
    // Collisions only happen when scenarios outnumber open questions; fill the free slots from the end.
    for (let p = total - 1; p >= 0 && slots.size < scenarioItems.length; p -= 1) slots.add(p);
  }
  const plan: PlannedItem[] = [];
  let o = 0;
  let s = 0;
  for (let p = 0; p < total; p += 1) {
    plan.push(slots.has(p) ? scenarioItems[s++]! : open[o++]!);
  }
  return plan;
}
