/**
 * Test support for authored questions: fixtures built from the fields a test is about, through
 * the real schema, so an invalid fixture fails loudly.
 */
import { authoredQuestionSchema, type AuthoredQuestion } from "./questions";

/** Choice options with ids a, b, c, …: a string is the same text in both languages (protocol names), a pair is [en, zh]. */
export function choiceList(...labels: (string | readonly [en: string, zh: string])[]): { id: string; en: string; zh: string }[] {
  return labels.map((l, i) => ({ id: String.fromCharCode(97 + i), ...(typeof l === "string" ? { en: l, zh: l } : { en: l[0], zh: l[1] }) }));
}

/** What a fixture leaves out: a difficulty-1 handshake question of the three-way-handshake lesson. */
export const QUESTION_BASE = { topic: "handshake", difficulty: 1, lesson: "three-way-handshake" } as const;

/** An authored question: `QUESTION_BASE` with the test's fields over it, parsed by the schema. */
export function authoredQuestion(fields: Record<string, unknown>): AuthoredQuestion {
  return authoredQuestionSchema.parse({ ...QUESTION_BASE, ...fields });
}
