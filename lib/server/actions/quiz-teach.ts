"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "@/i18n/navigation";
import { topicIdSchema } from "@/lib/content/topics";
import { AuthError, requireUser, type SessionUser } from "../auth";
import { translator } from "../http";
import { buildQuestion, questionDraftSchema } from "../quiz/authored-form";
import { deleteAuthored, importGift, saveAuthored } from "../quiz/authored-questions";
import { createClass, deleteClass, regenerateJoinCode, removeMember, renameClass } from "../quiz/classes";
import { QuizError } from "../quiz/errors";
import { domainErrorMessage } from "../http";
import {
  addItem,
  createQuiz,
  deleteQuiz,
  moveItem,
  previewItem,
  publishQuiz,
  quizSettingsSchema,
  removeItem,
  selfTestItem,
  setItemConfig,
  setItemPoints,
  unpublishQuiz,
  updateQuiz,
} from "../quiz/quizzes";
import { extendAttempt, forceFinish, MAX_EXTENSION_MIN, releaseResults } from "../quiz/monitor";
import { regradeItem } from "../quiz/regrade";
import { gradeVariant } from "../quiz/variants";
import { familyIdSchema } from "../quiz/types";
import type { ActionState } from "./quiz-state";
import { isLocale, type Locale } from "@/lib/core";

/**
 * Instructor actions (classes, quizzes, items, publishing, authored questions, GIFT import).
 * Every one requires INSTRUCTOR or ADMIN itself, and the services check ownership.
 */

function lang(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
}

const id = (v: unknown) => String(v ?? "").slice(0, 64);

async function staff(locale: Locale, work: (user: SessionUser) => Promise<ActionState>): Promise<ActionState> {
  try {
    return await work(await requireUser("INSTRUCTOR"));
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, message: translator(locale)(error.status === 401 ? "unauthenticated" : "forbidden") };
    if (error instanceof QuizError) return { ok: false, message: domainErrorMessage(locale, error) };
    throw error;
  }
}

function teachT(locale: Locale, ns = "teach") {
  return translator(locale, ns);
}

function revalidateTeach(locale: Locale, path: string) {
  revalidatePath(`/${locale}/teach${path}`);
}

// ----------------------------------------------------------------------------------- classes

export async function createClassAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  let created: string | undefined;
  const state = await staff(l, async (user) => {
    const cls = await createClass(user, String(formData.get("name") ?? ""));
    created = cls.id;
    return { ok: true, message: "" };
  });
  if (created) redirect({ href: `/teach/classes/${created}`, locale: l });
  return state;
}

export async function renameClassAction(locale: string, classId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await renameClass(user, id(classId), String(formData.get("name") ?? ""));
    revalidateTeach(l, `/classes/${classId}`);
    return { ok: true, message: teachT(l)("saved") };
  });
}

export async function regenerateCodeAction(locale: string, classId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await regenerateJoinCode(user, id(classId));
    revalidateTeach(l, `/classes/${classId}`);
    return { ok: true, message: teachT(l)("classes.codeRegenerated") };
  });
}

export async function removeMemberAction(locale: string, classId: string, userId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await removeMember(user, id(classId), id(userId));
    revalidateTeach(l, `/classes/${classId}`);
    return { ok: true, message: teachT(l)("classes.memberRemoved") };
  });
}

export async function deleteClassAction(locale: string, classId: string): Promise<ActionState> {
  const l = lang(locale);
  const state = await staff(l, async (user) => {
    await deleteClass(user, id(classId));
    return { ok: true, message: "" };
  });
  if (state.ok) redirect({ href: "/teach/classes", locale: l });
  return state;
}

// ----------------------------------------------------------------------------------- quizzes

/** `YYYY-MM-DDTHH:mm` from a datetime-local input, read as UTC (the app shows times in UTC). */
function utcDate(v: FormDataEntryValue | null): Date | null | "invalid" {
  const s = String(v ?? "").trim();
  if (s === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s)) return "invalid";
  const d = new Date(`${s.length === 16 ? `${s}:00` : s}Z`);
  return Number.isNaN(d.getTime()) ? "invalid" : d;
}

function intOrNull(v: FormDataEntryValue | null): number | null | "invalid" {
  const s = String(v ?? "").trim();
  if (s === "") return null;
  const n = Number(s);
  return Number.isInteger(n) ? n : "invalid";
}

export async function saveQuizAction(locale: string, quizId: string | null, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const t = teachT(l, "teach.quizForm.errors");
  const errors: Record<string, string> = {};
  const opensAt = utcDate(formData.get("opensAt"));
  const closesAt = utcDate(formData.get("closesAt"));
  const attemptLimit = intOrNull(formData.get("attemptLimit"));
  const timeLimitMin = intOrNull(formData.get("timeLimitMin"));
  if (opensAt === "invalid") errors.opensAt = t("date");
  if (closesAt === "invalid") errors.closesAt = t("date");
  if (attemptLimit === "invalid") errors.attemptLimit = t("integer");
  if (timeLimitMin === "invalid") errors.timeLimitMin = t("integer");
  if (Object.keys(errors).length > 0) return { ok: false, message: t("fix"), errors };
  const parsed = quizSettingsSchema.safeParse({
    title: String(formData.get("title") ?? ""),
    description: String(formData.get("description") ?? ""),
    mode: formData.get("mode"),
    attemptLimit,
    timeLimitMin,
    opensAt,
    closesAt,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      const key = /^[a-zA-Z]+$/.test(issue.message) && ["titleRequired", "tooLong", "closeBeforeOpen", "examNeedsClose"].includes(issue.message) ? issue.message : "invalid";
      errors[field] ??= t(key);
    }
    return { ok: false, message: t("fix"), errors };
  }
  let created: string | undefined;
  const state = await staff(l, async (user) => {
    if (quizId) {
      await updateQuiz(user, id(quizId), parsed.data);
      revalidateTeach(l, `/quizzes/${quizId}`);
      return { ok: true, message: teachT(l)("saved") };
    }
    created = (await createQuiz(user, parsed.data)).id;
    return { ok: true, message: "" };
  });
  if (created) redirect({ href: `/teach/quizzes/${created}`, locale: l });
  return state;
}

export async function deleteQuizAction(locale: string, quizId: string): Promise<ActionState> {
  const l = lang(locale);
  const state = await staff(l, async (user) => {
    await deleteQuiz(user, id(quizId));
    return { ok: true, message: "" };
  });
  if (state.ok) redirect({ href: "/teach/quizzes", locale: l });
  return state;
}

function points(formData: FormData): number {
  const n = Number(formData.get("points") ?? 1);
  return Number.isFinite(n) ? n : Number.NaN;
}

export async function addBankItemAction(locale: string, quizId: string, bankId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await addItem(user, id(quizId), { source: "bank", bankId: id(bankId) }, formData.has("points") ? points(formData) : 1);
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("items.added") };
  });
}

export async function addAuthoredItemAction(locale: string, quizId: string, questionId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await addItem(user, id(quizId), { source: "authored", questionId: id(questionId) });
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("items.added") };
  });
}

/** Family config: difficulty from its select, further ranges as a JSON object (optional). */
function readConfig(formData: FormData): Record<string, unknown> | "invalid" {
  const raw = String(formData.get("config") ?? "").trim();
  let config: unknown = {};
  if (raw !== "") {
    try {
      config = JSON.parse(raw);
    } catch {
      return "invalid";
    }
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) return "invalid";
  const difficulty = Number(formData.get("difficulty"));
  return [1, 2, 3].includes(difficulty) ? { ...(config as Record<string, unknown>), difficulty } : (config as Record<string, unknown>);
}

export async function addFamilyItemAction(locale: string, quizId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const family = familyIdSchema.safeParse(formData.get("family"));
  const config = readConfig(formData);
  if (!family.success) return { ok: false, message: teachT(l)("items.pickFamily") };
  if (config === "invalid") return { ok: false, message: teachT(l)("items.configJson") };
  return staff(l, async (user) => {
    await addItem(user, id(quizId), { source: "family", family: family.data, config }, formData.has("points") ? points(formData) : 1);
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("items.added") };
  });
}

export async function setItemConfigAction(locale: string, quizId: string, itemId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const config = readConfig(formData);
  if (config === "invalid") return { ok: false, message: teachT(l)("items.configJson") };
  return staff(l, async (user) => {
    await setItemConfig(user, id(quizId), id(itemId), config);
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("saved") };
  });
}

export async function setItemPointsAction(locale: string, quizId: string, itemId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await setItemPoints(user, id(quizId), id(itemId), points(formData));
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("saved") };
  });
}

export async function moveItemAction(locale: string, quizId: string, itemId: string, direction: "up" | "down"): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await moveItem(user, id(quizId), id(itemId), direction === "up" ? "up" : "down");
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: "" };
  });
}

export async function removeItemAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await removeItem(user, id(quizId), id(itemId));
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: "" };
  });
}

export async function selfTestAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    const report = await selfTestItem(user, id(quizId), id(itemId), 200);
    const t = teachT(l);
    if (report.failures.length === 0) {
      const passed = t("selfTest.passed", { checked: report.checked, ms: report.ms });
      return { ok: true, message: report.distinctPrompts === undefined ? passed : `${passed} ${t("selfTest.distinct", { distinct: report.distinctPrompts })}` };
    }
    return {
      ok: false,
      message: t("selfTest.failed", { failed: new Set(report.failures.map((f) => f.seed)).size, checked: report.checked }),
      errors: Object.fromEntries(report.failures.slice(0, 10).map((f, i) => [`${i}`, t("selfTest.failure", { seed: f.seed, reason: f.reason })])),
    };
  });
}

export async function publishAction(locale: string, quizId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const dueAt = utcDate(formData.get("dueAt"));
  if (dueAt === "invalid") return { ok: false, message: teachT(l, "teach.quizForm.errors")("date") };
  return staff(l, async (user) => {
    await publishQuiz(user, id(quizId), id(formData.get("classId")), dueAt);
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("publish.published") };
  });
}

export async function unpublishAction(locale: string, quizId: string, classId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await unpublishQuiz(user, id(quizId), id(classId));
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("publish.unpublished") };
  });
}

// ----------------------------------------------------------------------- authored questions

export async function saveQuestionAction(locale: string, rowId: string | null, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const t = teachT(l, "teach.questions");
  let draft: unknown;
  try {
    draft = JSON.parse(String(formData.get("draft") ?? ""));
  } catch {
    return { ok: false, message: t("invalid") };
  }
  const parsed = questionDraftSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, message: t("invalid") };
  let saved: string | undefined;
  const state = await staff(l, async (user) => {
    const result = await saveAuthored(user, buildQuestion(parsed.data), rowId ? id(rowId) : undefined);
    if (!result.ok) {
      return { ok: false, message: t("fix"), errors: Object.fromEntries(result.issues.map((i, n) => [`${n}`, `${i.path || t("question")}: ${i.message}`])) };
    }
    saved = result.id;
    revalidateTeach(l, "/questions");
    return { ok: true, message: t("saved") };
  });
  if (saved && !rowId) redirect({ href: `/teach/questions/${saved}`, locale: l });
  return state;
}

export async function deleteQuestionAction(locale: string, rowId: string): Promise<ActionState> {
  const l = lang(locale);
  const state = await staff(l, async (user) => {
    await deleteAuthored(user, id(rowId));
    return { ok: true, message: "" };
  });
  if (state.ok) redirect({ href: "/teach/questions", locale: l });
  return state;
}

const MAX_GIFT_BYTES = 1_000_000;

async function fieldText(formData: FormData, textField: string, fileField: string): Promise<string> {
  const file = formData.get(fileField);
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_GIFT_BYTES) throw new QuizError("invalidInput");
    return file.text();
  }
  return String(formData.get(textField) ?? "");
}

export async function importGiftAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const t = teachT(l, "teach.gift");
  return staff(l, async (user) => {
    const fileLocale = formData.get("locale") === "zh" ? "zh" : "en";
    const text = await fieldText(formData, "text", "file");
    const translation = await fieldText(formData, "translationText", "translationFile");
    if (text.trim() === "") return { ok: false, message: t("empty") };
    const topic = topicIdSchema.safeParse(formData.get("defaultTopic"));
    const result = await importGift(user, { text, locale: fileLocale, translation, ...(topic.success ? { defaultTopic: topic.data } : {}) });
    const list = (items: { en: string; zh: string }[]) => Object.fromEntries(items.slice(0, 30).map((m, i) => [`${i}`, m[l]]));
    if (!result.ok) return { ok: false, message: t("failed", { count: result.errors.length }), errors: list([...result.errors, ...result.warnings]) };
    revalidateTeach(l, "/questions");
    return { ok: true, message: t("imported", { created: result.created, updated: result.updated }), errors: list(result.warnings) };
  });
}

// ------------------------------------------------------------------------- running an exam

export async function releaseResultsAction(locale: string, quizId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await releaseResults(user, id(quizId));
    revalidateTeach(l, `/quizzes/${quizId}`);
    return { ok: true, message: teachT(l)("exam.released") };
  });
}

export async function extendTimeAction(locale: string, quizId: string, attemptId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  const minutes = Number(formData.get("minutes"));
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_EXTENSION_MIN) {
    return { ok: false, message: teachT(l)("monitor.extendInvalid", { max: MAX_EXTENSION_MIN }) };
  }
  return staff(l, async (user) => {
    await extendAttempt(user, id(quizId), id(attemptId), minutes);
    return { ok: true, message: teachT(l)("monitor.extended", { minutes }) };
  });
}

export async function forceFinishAction(locale: string, quizId: string, attemptId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    await forceFinish(user, id(quizId), id(attemptId));
    return { ok: true, message: teachT(l)("monitor.finished") };
  });
}

export async function regradeAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    const report = await regradeItem(user, id(quizId), id(itemId));
    const t = teachT(l);
    const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);
    revalidateTeach(l, `/quizzes/${quizId}/analysis`);
    return {
      ok: true,
      message: t("regrade.done", { regraded: report.regraded, changed: report.changed.length }),
      errors: Object.fromEntries(report.changed.slice(0, 50).map((c) => [c.attemptId, t("regrade.change", { name: c.name, before: pct(c.before), after: pct(c.after) })])),
    };
  });
}

/**
 * The author's preview: what a typed answer would score on this variant (issue #15 item 3).
 * Grades with the same code as a submission; writes nothing.
 */
export async function tryAnswerAction(locale: string, quizId: string, itemId: string, seed: number, inputId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  return staff(l, async (user) => {
    const { variant } = await previewItem(user, id(quizId), id(itemId), seed);
    const typed = String(formData.get("typed") ?? "").slice(0, 200);
    const outcome = gradeVariant(variant.params, { [inputId.slice(0, 64)]: typed });
    const t = teachT(l);
    if (!outcome.ok) return { ok: false, message: t("preview.tryFormat", { error: outcome.error[l] }) };
    return { ok: true, message: t("preview.tryScore", { score: Math.round(outcome.result.score * 100), feedback: outcome.result.feedback[l] }) };
  });
}
