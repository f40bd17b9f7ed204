import { z } from "zod";
import { LESSON_SLUGS } from "@/lib/content/topics";
import { db } from "./db";
import { isUniqueViolation } from "./prisma-errors";

/**
 * Lesson progress: which lessons a user has marked complete. The lesson pages are static, so the
 * browser reads and writes this through app/api/progress (never at build time).
 */

// Messages are keys under `lessons.errors`, localized by readJson (lib/server/http.ts).
export const progressUpdateSchema = z.strictObject(
  {
    slug: z.enum(LESSON_SLUGS, { error: "unknownLesson" }),
    complete: z.boolean({ error: "invalidComplete" }),
  },
  { error: "invalidProgress" },
);
export type ProgressUpdate = z.infer<typeof progressUpdateSchema>;

export type LessonProgressEntry = { slug: string; completedAt: string };

/** How many lessons the user has completed (the dashboard's tile). */
export async function completedLessonCount(userId: string): Promise<number> {
  return db.lessonProgress.count({ where: { userId } });
}

export async function listProgress(userId: string): Promise<LessonProgressEntry[]> {
  const rows = await db.lessonProgress.findMany({ where: { userId }, orderBy: { completedAt: "asc" } });
  return rows.map((r) => ({ slug: r.lessonSlug, completedAt: r.completedAt.toISOString() }));
}

/**
 * Marks a lesson complete or not. Idempotent: marking twice keeps the first completion time;
 * unmarking a lesson that was never completed is a no-op. Returns the user's whole progress.
 */
export async function setLessonComplete(userId: string, update: ProgressUpdate): Promise<LessonProgressEntry[]> {
  const key = { userId, lessonSlug: update.slug };
  if (update.complete) {
    try {
      await db.lessonProgress.upsert({ where: { userId_lessonSlug: key }, create: key, update: {} });
    } catch (error) {
      // Two concurrent "complete" requests: the other one created the row, which is what we want.
      if (!isUniqueViolation(error)) throw error;
    }
  } else {
    await db.lessonProgress.deleteMany({ where: key });
  }
  return listProgress(userId);
}
