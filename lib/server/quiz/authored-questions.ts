import { z } from "zod";
import { authoredQuestionSchema, type AuthoredQuestion } from "@/lib/content/questions";
import type { TopicId } from "@/lib/content/topics";
import { fromGift, mergeGiftTranslation, toGift, type GiftIssue } from "@/lib/quiz/gift";
import { db } from "@/lib/server/db";
import { type Actor, isAdmin, QuizError } from "./errors";
import { cleanDeep, cleanText, requireId } from "./sanitize";
import { asJson } from "./store";
import type { Locale, Localized } from "@/lib/core";

/**
 * An instructor's own authored questions (AuthoredQuestion rows; `data` is the bank's shape,
 * validated by authoredQuestionSchema) and Moodle GIFT import/export of them. The kebab `id`
 * inside `data` is unique per owner; GIFT round trips match questions by it.
 */

export type AuthoredRow = { id: string; ownerId: string; question: AuthoredQuestion; updatedAt: Date };

function toRow(r: { id: string; ownerId: string; data: unknown; updatedAt: Date }): AuthoredRow | null {
  const parsed = authoredQuestionSchema.safeParse(r.data);
  return parsed.success ? { id: r.id, ownerId: r.ownerId, question: parsed.data, updatedAt: r.updatedAt } : null;
}

export async function listAuthored(actor: Actor, filter: { topic?: TopicId; kind?: string } = {}): Promise<AuthoredRow[]> {
  const rows = await db.authoredQuestion.findMany({ where: { ownerId: actor.id }, orderBy: { updatedAt: "desc" } });
  return rows
    .map(toRow)
    .filter((r): r is AuthoredRow => r !== null)
    .filter((r) => (!filter.topic || r.question.topic === filter.topic) && (!filter.kind || r.question.kind === filter.kind));
}

export async function getAuthored(actor: Actor, id: string): Promise<AuthoredRow> {
  const row = await db.authoredQuestion.findUnique({ where: { id: requireId(id) } });
  if (!row || (row.ownerId !== actor.id && !isAdmin(actor))) throw new QuizError("notFound");
  const r = toRow(row);
  if (!r) throw new Error(`authored question ${id} holds invalid data`);
  return r;
}

export type SaveResult = { ok: true; id: string } | { ok: false; issues: { path: string; message: string }[] };

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 30).map((i) => ({ path: i.path.join("."), message: i.message }));
}

async function idTaken(ownerId: string, questionId: string, exceptRowId?: string): Promise<boolean> {
  // JSON-path filters differ between SQLite and PostgreSQL; an instructor's own list is small.
  const rows = await db.authoredQuestion.findMany({ where: { ownerId }, select: { id: true, data: true } });
  return rows.some((r) => r.id !== exceptRowId && (r.data as { id?: unknown } | null)?.id === questionId);
}

/** Creates or (with rowId) updates a question after full validation. */
export async function saveAuthored(actor: Actor, input: unknown, rowId?: string): Promise<SaveResult> {
  const parsed = authoredQuestionSchema.safeParse(cleanDeep(input));
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const owner = rowId ? (await getAuthored(actor, rowId)).ownerId : actor.id;
  if (await idTaken(owner, parsed.data.id, rowId)) throw new QuizError("duplicateQuestionId", { id: parsed.data.id });
  if (rowId) {
    await db.authoredQuestion.update({ where: { id: rowId }, data: { data: asJson(parsed.data) } });
    return { ok: true, id: rowId };
  }
  const row = await db.authoredQuestion.create({ data: { ownerId: actor.id, data: asJson(parsed.data) } });
  return { ok: true, id: row.id };
}

export async function deleteAuthored(actor: Actor, id: string) {
  await getAuthored(actor, id);
  const used = await db.quizItem.count({ where: { questionId: id } });
  if (used > 0) throw new QuizError("questionInUse");
  await db.authoredQuestion.delete({ where: { id } });
}

// ------------------------------------------------------------------------------------ GIFT

export function exportGift(rows: readonly AuthoredRow[], locale: Locale) {
  return toGift(
    rows.map((r) => r.question),
    locale,
  );
}

export type GiftImportResult =
  | { ok: true; created: number; updated: number; warnings: Localized[] }
  | { ok: false; errors: Localized[]; warnings: Localized[] };

const msg = (issues: readonly GiftIssue[]) => issues.map((i) => i.message);

/**
 * Imports GIFT text in `locale`, optionally with a second file holding the other language (same
 * question ids, e.g. the two files an export writes). All or nothing: any error imports none.
 * A question whose id the instructor already has is replaced (a re-import after editing the
 * file in Moodle); others are created.
 */
/**
 * Caps on one GIFT import (issue #14: 3,000 questions and a 100 KB title were accepted in one
 * request). A course's question bank is tens of questions; the caps leave room for hundreds and
 * refuse the rest with a message before anything is written.
 */
export const GIFT_LIMITS = { maxFileChars: 500_000, maxQuestions: 300, maxFieldChars: 5_000 } as const;

/** The first string inside `value` longer than `max` characters (questions are a few levels deep). */
function overlongField(value: unknown, max: number, depth = 0): string | null {
  if (typeof value === "string") return value.length > max ? value : null;
  if (depth > 8 || value === null || typeof value !== "object") return null;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const found = overlongField(v, max, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function giftLimitErrors(questions: readonly AuthoredQuestion[]): Localized[] {
  const { maxQuestions, maxFieldChars } = GIFT_LIMITS;
  if (questions.length > maxQuestions) {
    return [{ en: `The file holds ${questions.length} questions; import at most ${maxQuestions} at a time.`, zh: `文件包含 ${questions.length} 道题；每次最多导入 ${maxQuestions} 道。` }];
  }
  return questions.flatMap((q) =>
    overlongField(q, maxFieldChars) === null
      ? []
      : [{ en: `Question "${q.id}": a text is longer than ${maxFieldChars} characters.`, zh: `题目“${q.id}”：有文本超过 ${maxFieldChars} 个字符。` }],
  );
}

export async function importGift(actor: Actor, input: { text: string; locale: Locale; translation?: string; defaultTopic?: TopicId }): Promise<GiftImportResult> {
  const options = { maxLength: GIFT_LIMITS.maxFileChars, ...(input.defaultTopic ? { defaultTopic: input.defaultTopic } : {}) };
  const primary = fromGift(cleanText(input.text), input.locale, options);
  if (!primary.ok) return { ok: false, errors: msg(primary.errors), warnings: msg(primary.warnings) };
  let questions = primary.questions;
  let warnings = msg(primary.warnings);
  if (input.translation && input.translation.trim() !== "") {
    const other: Locale = input.locale === "en" ? "zh" : "en";
    const second = fromGift(cleanText(input.translation), other, options);
    if (!second.ok) return { ok: false, errors: msg(second.errors), warnings: [...warnings, ...msg(second.warnings)] };
    const merged = mergeGiftTranslation(questions, second.questions, other);
    questions = merged.questions;
    // fromGift's file-level notice ("only one language was imported": no question, no line)
    // no longer applies once the second language is merged in.
    warnings = [...msg(primary.warnings.filter((w) => w.questionId !== undefined || w.line !== undefined)), ...msg(merged.issues)];
  } else {
    // One language only: the other is a copy until the author sets it (issue #15 item 8).
    const other: Locale = input.locale === "en" ? "zh" : "en";
    questions = questions.map((q) => ({ ...q, untranslated: other }));
  }
  const tooBig = giftLimitErrors(questions);
  if (tooBig.length > 0) return { ok: false, errors: tooBig.slice(0, 20), warnings };
  const existing = await db.authoredQuestion.findMany({ where: { ownerId: actor.id }, select: { id: true, data: true } });
  const byQuestionId = new Map(existing.map((r) => [(r.data as { id?: string } | null)?.id, r.id]));
  let created = 0;
  let updated = 0;
  await db.$transaction(async (tx) => {
    for (const q of questions) {
      const rowId = byQuestionId.get(q.id);
      if (rowId) {
        await tx.authoredQuestion.update({ where: { id: rowId }, data: { data: asJson(q) } });
        updated += 1;
      } else {
        await tx.authoredQuestion.create({ data: { ownerId: actor.id, data: asJson(q) } });
        created += 1;
      }
    }
  });
  return { ok: true, created, updated, warnings };
}
