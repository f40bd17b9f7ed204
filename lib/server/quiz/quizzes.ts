import { z } from "zod";
import { authoredQuestionSchema, getBankQuestion } from "@/lib/content/questions";
import type { FamilyConfig } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { getManagedClass } from "./classes";
import { lockQuizSummaries } from "./report-stats";
import { configIssueDetails, strictConfigSchema } from "./config-issues";
import { type Actor, isAdmin, QuizError } from "./errors";
import { getScenarioFamily, runFamilySelfTest, selfTestFamily, type SelfTestReport } from "./families";
import { cleanDeep, cleanText, requireId } from "./sanitize";
import { asJson } from "./store";
import { familyIdSchema, type ItemSpec } from "./types";
import { authoredVariant, familyVariant, previewAnswer, randomSeed, storedQuestion, type Variant } from "./variants";
import { isUniqueViolation } from "@/lib/server/prisma-errors";

/**
 * Instructor side of quizzes: settings, items (bank, authored, family with config), ordering,
 * publishing to classes, preview and self-test. Every function checks that the actor manages
 * the quiz (owner, or any admin); anything else is "not found".
 */

const optionalInt = (min: number, max: number) => z.number().int().min(min).max(max).nullable();

/** Form messages are keys under teach.quizForm.errors. */
export const quizSettingsSchema = z
  .object({
    title: z.string().transform(cleanText).pipe(z.string().trim().min(1, "titleRequired").max(200, "tooLong")),
    description: z.string().transform(cleanText).pipe(z.string().trim().max(5000, "tooLong")).default(""),
    mode: z.enum(["PRACTICE", "EXAM"]),
    attemptLimit: optionalInt(1, 100),
    timeLimitMin: optionalInt(1, 600),
    opensAt: z.date().nullable(),
    closesAt: z.date().nullable(),
  })
  .superRefine((q, ctx) => {
    if (q.opensAt && q.closesAt && q.closesAt.getTime() <= q.opensAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "closeBeforeOpen" });
    }
    // Exam feedback is released when the exam closes, so an exam needs a close date.
    if (q.mode === "EXAM" && !q.closesAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "examNeedsClose" });
  })
  .transform((q) =>
    // A practice quiz is unlimited and untimed by definition (issue #5).
    q.mode === "PRACTICE" ? { ...q, attemptLimit: null, timeLimitMin: null } : q,
  );
export type QuizSettingsInput = z.input<typeof quizSettingsSchema>;
export type QuizSettings = z.output<typeof quizSettingsSchema>;

export async function getManagedQuiz(actor: Actor, quizId: string) {
  const quiz = await db.quiz.findUnique({ where: { id: requireId(quizId) } });
  if (!quiz || (quiz.ownerId !== actor.id && !isAdmin(actor))) throw new QuizError("notFound");
  return quiz;
}

export async function createQuiz(actor: Actor, settings: QuizSettings) {
  return db.quiz.create({ data: { ...settings, ownerId: actor.id } });
}

export async function updateQuiz(actor: Actor, quizId: string, settings: QuizSettings) {
  await getManagedQuiz(actor, quizId);
  return db.quiz.update({ where: { id: quizId }, data: settings });
}

export async function deleteQuiz(actor: Actor, quizId: string) {
  await getManagedQuiz(actor, quizId);
  await db.quiz.delete({ where: { id: quizId } });
}

export async function listManagedQuizzes(actor: Actor) {
  return db.quiz.findMany({
    where: isAdmin(actor) ? {} : { ownerId: actor.id },
    orderBy: { updatedAt: "desc" },
    include: { owner: { select: { name: true } }, _count: { select: { items: true, classes: true, attempts: true } } },
  });
}

export async function getQuizForStaff(actor: Actor, quizId: string) {
  await getManagedQuiz(actor, quizId);
  return db.quiz.findUniqueOrThrow({
    where: { id: quizId },
    include: {
      items: { orderBy: { position: "asc" }, include: { question: { select: { id: true, data: true } } } },
      classes: { include: { class: { select: { id: true, name: true } } }, orderBy: { publishedAt: "asc" } },
    },
  });
}

// ---------------------------------------------------------------------------------- items

export const pointsSchema = z.number().min(0.5).max(100);

/**
 * Validates an item against what exists: the bank id, the actor's own authored question, or an
 * available family whose configSchema accepts the config (its parsed form, defaults filled, is
 * what is stored). Returns the columns of the QuizItem row.
 */
export async function validateItem(actor: Actor, spec: ItemSpec) {
  switch (spec.source) {
    case "bank":
      if (!getBankQuestion(spec.bankId)) throw new QuizError("notFound");
      return { source: "bank", bankId: spec.bankId, questionId: null, family: null, config: undefined };
    case "authored": {
      const q = await db.authoredQuestion.findUnique({ where: { id: requireId(spec.questionId) }, select: { ownerId: true } });
      if (!q || (q.ownerId !== actor.id && !isAdmin(actor))) throw new QuizError("notFound");
      return { source: "authored", bankId: null, questionId: spec.questionId, family: null, config: undefined };
    }
    case "family": {
      const family = getScenarioFamily(spec.family);
      if (!family) throw new QuizError("familyUnavailable");
      const parsed = strictConfigSchema(family.configSchema).safeParse(cleanDeep(spec.config ?? {}));
      if (!parsed.success) throw new QuizError("invalidConfig", configIssueDetails(parsed.error));
      return { source: "family", bankId: null, questionId: null, family: spec.family, config: asJson(parsed.data) };
    }
  }
}

export async function addItem(actor: Actor, quizId: string, spec: ItemSpec, points = 1) {
  await getManagedQuiz(actor, quizId);
  if (!pointsSchema.safeParse(points).success) throw new QuizError("invalidInput");
  const columns = await validateItem(actor, spec);
  // The unique (quizId, position) index settles two concurrent adds: retry with the next slot.
  for (let i = 0; ; i += 1) {
    const last = await db.quizItem.findFirst({ where: { quizId }, orderBy: { position: "desc" }, select: { position: true } });
    try {
      const item = await db.quizItem.create({ data: { quizId, position: (last?.position ?? 0) + 1, points, ...columns } });
      await db.quiz.update({ where: { id: quizId }, data: { updatedAt: new Date() } });
      return item;
    } catch (error) {
      if (!isUniqueViolation(error) || i >= 3) throw error;
    }
  }
}

async function managedItem(actor: Actor, quizId: string, itemId: string) {
  await getManagedQuiz(actor, quizId);
  const item = await db.quizItem.findUnique({ where: { id: requireId(itemId) } });
  if (!item || item.quizId !== quizId) throw new QuizError("notFound");
  return item;
}

export async function removeItem(actor: Actor, quizId: string, itemId: string) {
  await managedItem(actor, quizId, itemId);
  // With the quiz's summaries locked (report-stats.ts): an attempt finishing meanwhile must not
  // add to the counters of an item whose row is going (they are deleted with it).
  await db.$transaction(async (tx) => {
    await lockQuizSummaries(tx, quizId);
    await tx.quizItem.delete({ where: { id: itemId } });
  });
}

export async function setItemPoints(actor: Actor, quizId: string, itemId: string, points: number) {
  await managedItem(actor, quizId, itemId);
  if (!pointsSchema.safeParse(points).success) throw new QuizError("invalidInput");
  await db.quizItem.update({ where: { id: itemId }, data: { points } });
}

export async function setItemConfig(actor: Actor, quizId: string, itemId: string, config: Record<string, unknown>) {
  const item = await managedItem(actor, quizId, itemId);
  if (item.source !== "family" || !item.family) throw new QuizError("invalidInput");
  const columns = await validateItem(actor, { source: "family", family: familyIdSchema.parse(item.family), config });
  await db.quizItem.update({ where: { id: itemId }, data: { config: columns.config } });
}

/**
 * Moves an item one place up or down by swapping positions with its neighbour. The unique
 * (quizId, position) index forbids a direct swap, so one row parks at a negative position
 * inside the transaction.
 */
export async function moveItem(actor: Actor, quizId: string, itemId: string, direction: "up" | "down") {
  const item = await managedItem(actor, quizId, itemId);
  const neighbour = await db.quizItem.findFirst({
    where: { quizId, position: direction === "up" ? { lt: item.position } : { gt: item.position } },
    orderBy: { position: direction === "up" ? "desc" : "asc" },
  });
  if (!neighbour) return;
  await db.$transaction([
    db.quizItem.update({ where: { id: item.id }, data: { position: -item.position } }),
    db.quizItem.update({ where: { id: neighbour.id }, data: { position: item.position } }),
    db.quizItem.update({ where: { id: item.id }, data: { position: neighbour.position } }),
  ]);
}

// ------------------------------------------------------------------------------ variants

type ItemRow = { id: string; source: string; bankId: string | null; questionId: string | null; family: string | null; config: unknown };

/** Generates the variant of one quiz item for a seed (used by attempts and by the preview). */
export async function itemVariant(item: ItemRow, seed: number): Promise<Variant> {
  switch (item.source) {
    case "bank": {
      const q = item.bankId ? getBankQuestion(item.bankId) : undefined;
      if (!q) throw new QuizError("notFound");
      return authoredVariant("bank", q.id, q, seed);
    }
    case "authored": {
      const row = item.questionId ? await db.authoredQuestion.findUnique({ where: { id: item.questionId } }) : null;
      if (!row) throw new QuizError("notFound");
      return authoredVariant("authored", row.id, authoredQuestionSchema.parse(row.data), seed);
    }
    case "family": {
      const id = familyIdSchema.safeParse(item.family);
      if (!id.success || !getScenarioFamily(id.data)) throw new QuizError("familyUnavailable");
      return familyVariant(id.data, seed, (item.config ?? null) as FamilyConfig | null);
    }
    default:
      throw new Error(`unknown quiz item source ${item.source}`);
  }
}

/** Preview for the instructor: the prompt and, because they are the instructor, the answer. */
export async function previewItem(actor: Actor, quizId: string, itemId: string, seed: number = randomSeed()) {
  const item = await managedItem(actor, quizId, itemId);
  const variant = await itemVariant(item, seed);
  return { item, variant, ...previewAnswer(variant) };
}

/**
 * Self-test of one item over `seeds` seeds: for a family, its own answer grades 1 and known
 * wrong answers grade below 1 for every seed; so must an authored question in every shuffled order.
 */
export async function selfTestItem(actor: Actor, quizId: string, itemId: string, seeds = 200): Promise<SelfTestReport> {
  const item = await managedItem(actor, quizId, itemId);
  if (item.source === "family") {
    const id = familyIdSchema.safeParse(item.family);
    const family = id.success ? getScenarioFamily(id.data) : undefined;
    if (!family) throw new QuizError("familyUnavailable");
    return runFamilySelfTest(family, Math.min(Math.max(seeds, 1), 2000), (item.config ?? undefined) as FamilyConfig | undefined, randomSeed());
  }
  // An authored question is a family too (lib/quiz/authored-family.ts): every seed gives its own
  // option order, and each must grade its own answer 1 and its known wrong answers below 1.
  const variant = await itemVariant(item, 0);
  return selfTestFamily(storedQuestion(variant.params).family, Math.min(Math.max(seeds, 1), 2000), undefined, randomSeed());
}

// ---------------------------------------------------------------------------- publishing

export async function publishQuiz(actor: Actor, quizId: string, classId: string, dueAt: Date | null) {
  await getManagedQuiz(actor, quizId);
  await getManagedClass(actor, classId);
  const count = await db.quizItem.count({ where: { quizId } });
  if (count === 0) throw new QuizError("noItems");
  await db.quizClass.upsert({
    where: { quizId_classId: { quizId, classId } },
    update: { dueAt },
    create: { quizId, classId, dueAt },
  });
}

export async function unpublishQuiz(actor: Actor, quizId: string, classId: string) {
  await getManagedQuiz(actor, quizId);
  await db.quizClass.deleteMany({ where: { quizId, classId } });
}
