import { z } from "zod";
import { db } from "@/lib/server/db";

/**
 * Per-learner scheduling settings (FlashcardSettings). Desired retention is FSRS's one knob:
 * a higher target means shorter intervals and more reviews. The range 0.70–0.99 follows
 * lib/flashcards/scheduler.ts (schedulerParamsSchema); the daily limits bound the queue.
 */
export const flashcardSettingsSchema = z
  .object({
    desiredRetention: z.number().min(0.7).max(0.99),
    newPerDay: z.number().int().min(0).max(500),
    reviewsPerDay: z.number().int().min(0).max(5000),
  })
  .strict();
export type FlashcardSettingsInput = z.infer<typeof flashcardSettingsSchema>;

/** The schema's defaults (prisma/schema.prisma FlashcardSettings), used until a learner saves their own. */
export const DEFAULT_SETTINGS: FlashcardSettingsInput = { desiredRetention: 0.9, newPerDay: 20, reviewsPerDay: 200 };

export async function getSettings(userId: string): Promise<FlashcardSettingsInput> {
  const row = await db.flashcardSettings.findUnique({ where: { userId } });
  if (!row) return DEFAULT_SETTINGS;
  return { desiredRetention: row.desiredRetention, newPerDay: row.newPerDay, reviewsPerDay: row.reviewsPerDay };
}

export async function saveSettings(userId: string, input: FlashcardSettingsInput): Promise<FlashcardSettingsInput> {
  const data = flashcardSettingsSchema.parse(input);
  // Two decimals: the form offers steps of 0.01 and floating-point noise would show up as 0.8999….
  data.desiredRetention = Math.round(data.desiredRetention * 100) / 100;
  await db.flashcardSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return data;
}
