import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { lessonRefSchema, localizedTextSchema, topicIdSchema } from "./topics";

/**
 * The interview bank: classic open questions with a model answer, the key points a candidate
 * checks their own answer against, and the follow-ups an interviewer would ask next.
 * Stored in content/interview/questions.yaml. @see issue #6 "Interview prep"
 */
/**
 * What an answer that covers a key point says, for the suggestion shown before self-assessment
 * (lib/interview/keypoints.ts): per language, a few concepts, each a `|`-separated list of
 * synonyms ("ISN|initial sequence number"). English matches at a word start, case-insensitive;
 * Chinese matches anywhere.
 */
const keywordListSchema = z.array(z.string().trim().min(1).max(200)).min(1).max(6);
export const keyPointSchema = z
  .object({ en: z.string().trim().min(1), zh: z.string().trim().min(1), keywords: z.object({ en: keywordListSchema, zh: keywordListSchema }).strict() })
  .strict();
export type KeyPoint = z.infer<typeof keyPointSchema>;

export const interviewQuestionSchema = z
  .object({
    id: z
      .string()
      .min(2)
      .max(64)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a lowercase kebab-case id"),
    topic: topicIdSchema,
    difficulty: z.number().int().min(1).max(3),
    question: localizedTextSchema,
    /** Markdown: what a strong candidate says. */
    modelAnswer: localizedTextSchema,
    /** Used for self-assessment after the model answer is revealed. */
    keyPoints: z.array(keyPointSchema).min(3).max(6),
    followUps: z.array(localizedTextSchema).min(2).max(4),
    lessons: z.array(lessonRefSchema).min(1),
  })
  .strict();

export type InterviewQuestion = z.infer<typeof interviewQuestionSchema>;

export function parseInterviewFile(source: string, fileName: string): InterviewQuestion[] {
  const result = z.array(interviewQuestionSchema).safeParse(parseYaml(source));
  if (!result.success) {
    throw new Error(`${fileName}: invalid interview questions\n${z.prettifyError(result.error)}`);
  }
  const seen = new Set<string>();
  for (const q of result.data) {
    if (seen.has(q.id)) throw new Error(`${fileName}: duplicate interview question id ${q.id}`);
    seen.add(q.id);
  }
  return result.data;
}

let cache: readonly InterviewQuestion[] | undefined;

/** Parsed once per process; content never changes at run time. */
export function loadInterviewBank(): readonly InterviewQuestion[] {
  if (cache) return cache;
  const file = path.join(process.cwd(), "content", "interview", "questions.yaml");
  cache = Object.freeze(parseInterviewFile(readFileSync(file, "utf8"), "content/interview/questions.yaml"));
  return cache;
}
