import { z } from "zod";
import { topicIdSchema } from "@/lib/content/topics";
import { FAMILY_IDS } from "@/lib/scenarios/types";

/**
 * Front matter of a lesson file, content/lessons/<locale>/<NN>-<slug>.md.
 * @see content/lessons/README.md "Front matter"
 */
export const lessonFrontMatterSchema = z
  .object({
    /** Same in both languages; it is the URL segment and the key of LessonProgress rows. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug must be lowercase kebab-case"),
    order: z.number().int().min(1).max(99),
    title: z.string().trim().min(1).max(120),
    summary: z.string().trim().min(1).max(600),
    topic: topicIdSchema,
    /** Question families offered under "check yourself" (links to /<locale>/practice/<family>). */
    check: z.array(z.enum(FAMILY_IDS)).min(1).max(3),
    /** Flashcard topics linked from the lesson (/<locale>/flashcards?topic=<t>). */
    flashcards: z.array(topicIdSchema).min(1),
  })
  .strict();

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
