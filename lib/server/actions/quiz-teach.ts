"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { topicIdSchema, type Locale, type Localized } from "@/lib/core";
import { formatPercent } from "@/lib/core/format";
import { defineAction, formText, idArg, optionalIdArg, type ActionState } from "../action";
import { translator } from "../http";
import { buildQuestion, questionDraftSchema } from "../quiz/authored-form";
import { deleteAuthored, importGift, saveAuthored } from "../quiz/authored-questions";
import { createClass, deleteClass, regenerateJoinCode, removeMember, renameClass } from "../quiz/classes";
import { QuizError, type Actor } from "../quiz/errors";
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

/**
 * Instructor actions (classes, quizzes, items, publishing, authored questions, GIFT import).
 * Every one requires INSTRUCTOR or ADMIN (defineAction, lib/server/action.ts), and the services
 * check ownership.
 */

const STAFF = "INSTRUCTOR" as const;

function revalidateTeach(locale: Locale, path: string) {
  revalidatePath(`/${locale}/teach${path}`);
}

/** A change done: the teach page it shows on (`path` under /teach) is rendered again, and the form says `message`. */
function refreshed(locale: Locale, path: string, message: string): ActionState {
  revalidateTeach(locale, path);
  return { ok: true, message };
}

/** Deletes the row `id` names (the service checks ownership) and goes back to the list it was in. */
function deleteThenList(remove: (actor: Actor, id: string) => Promise<unknown>, listHref: string) {
  return defineAction({ role: STAFF, args: [idArg] }, async ({ user, locale, args: [id] }) => {
    await remove(user, id);
    redirect({ href: listHref, locale });
    return { ok: true, message: "" };
  });
}

// ----------------------------------------------------------------------------------- classes

const createClassRun = defineAction({ role: STAFF, form: true }, async ({ user, locale, form }) => {
  const cls = await createClass(user, String(form.get("name") ?? ""));
  redirect({ href: `/teach/classes/${cls.id}`, locale });
  return { ok: true, message: "" };
});
export async function createClassAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return createClassRun(locale, [], formData);
}

const renameClassRun = defineAction({ role: STAFF, args: [idArg], form: true }, async ({ user, locale, args: [classId], form, t }) => {
  await renameClass(user, classId, String(form.get("name") ?? ""));
  return refreshed(locale, `/classes/${classId}`, t("teach")("saved"));
});
export async function renameClassAction(locale: string, classId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return renameClassRun(locale, [classId], formData);
}

const regenerateCodeRun = defineAction({ role: STAFF, args: [idArg] }, async ({ user, locale, args: [classId], t }) => {
  await regenerateJoinCode(user, classId);
  return refreshed(locale, `/classes/${classId}`, t("teach")("classes.codeRegenerated"));
});
export async function regenerateCodeAction(locale: string, classId: string): Promise<ActionState> {
  return regenerateCodeRun(locale, [classId]);
}

const removeMemberRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [classId, userId], t }) => {
  await removeMember(user, classId, userId);
  return refreshed(locale, `/classes/${classId}`, t("teach")("classes.memberRemoved"));
});
export async function removeMemberAction(locale: string, classId: string, userId: string): Promise<ActionState> {
  return removeMemberRun(locale, [classId, userId]);
}

const deleteClassRun = deleteThenList(deleteClass, "/teach/classes");
export async function deleteClassAction(locale: string, classId: string): Promise<ActionState> {
  return deleteClassRun(locale, [classId]);
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

const QUIZ_FORM_KEYS = ["titleRequired", "tooLong", "closeBeforeOpen", "examNeedsClose"];

const saveQuizRun = defineAction({ role: STAFF, args: [optionalIdArg], form: true }, async ({ user, locale, args: [quizId], form, t }) => {
  const te = t("teach.quizForm.errors");
  const errors: Record<string, string> = {};
  const opensAt = utcDate(form.get("opensAt"));
  const closesAt = utcDate(form.get("closesAt"));
  const attemptLimit = intOrNull(form.get("attemptLimit"));
  const timeLimitMin = intOrNull(form.get("timeLimitMin"));
  if (opensAt === "invalid") errors.opensAt = te("date");
  if (closesAt === "invalid") errors.closesAt = te("date");
  if (attemptLimit === "invalid") errors.attemptLimit = te("integer");
  if (timeLimitMin === "invalid") errors.timeLimitMin = te("integer");
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, message: te("fix"), errors };
  const parsed = quizSettingsSchema.safeParse({
    title: String(form.get("title") ?? ""),
    description: String(form.get("description") ?? ""),
    mode: form.get("mode"),
    attemptLimit,
    timeLimitMin,
    opensAt,
    closesAt,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= te(QUIZ_FORM_KEYS.includes(issue.message) ? issue.message : "invalid");
    }
    return { ok: false, status: 400, message: te("fix"), errors };
  }
  if (quizId === null) {
    const created = await createQuiz(user, parsed.data);
    redirect({ href: `/teach/quizzes/${created.id}`, locale });
  } else {
    await updateQuiz(user, quizId, parsed.data);
    revalidateTeach(locale, `/quizzes/${quizId}`);
  }
  return { ok: true, message: t("teach")("saved") };
});
export async function saveQuizAction(locale: string, quizId: string | null, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return saveQuizRun(locale, [quizId], formData);
}

const deleteQuizRun = deleteThenList(deleteQuiz, "/teach/quizzes");
export async function deleteQuizAction(locale: string, quizId: string): Promise<ActionState> {
  return deleteQuizRun(locale, [quizId]);
}

/** The item's points from the form (1 when the form has none; NaN, refused by the service, when not a number). */
function points(form: FormData): number {
  const n = Number(form.get("points") ?? 1);
  return Number.isFinite(n) ? n : Number.NaN;
}

const addBankItemRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [quizId, bankId], form, t }) => {
  await addItem(user, quizId, { source: "bank", bankId }, points(form));
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("items.added"));
});
export async function addBankItemAction(locale: string, quizId: string, bankId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return addBankItemRun(locale, [quizId, bankId], formData);
}

const addAuthoredItemRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [quizId, questionId], t }) => {
  await addItem(user, quizId, { source: "authored", questionId });
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("items.added"));
});
export async function addAuthoredItemAction(locale: string, quizId: string, questionId: string): Promise<ActionState> {
  return addAuthoredItemRun(locale, [quizId, questionId]);
}

/** Family config: difficulty from its select, further ranges as a JSON object (optional). */
function readConfig(form: FormData): Record<string, unknown> | "invalid" {
  const raw = String(form.get("config") ?? "").trim();
  let config: unknown = {};
  if (raw !== "") {
    try {
      config = JSON.parse(raw);
    } catch {
      return "invalid";
    }
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) return "invalid";
  const difficulty = Number(form.get("difficulty"));
  return [1, 2, 3].includes(difficulty) ? { ...(config as Record<string, unknown>), difficulty } : (config as Record<string, unknown>);
}

const addFamilyItemRun = defineAction({ role: STAFF, args: [idArg], form: true }, async ({ user, locale, args: [quizId], form, t }) => {
  const family = familyIdSchema.safeParse(form.get("family"));
  const config = readConfig(form);
  if (!family.success) return { ok: false, status: 400, message: t("teach")("items.pickFamily") };
  if (config === "invalid") return { ok: false, status: 400, message: t("teach")("items.configJson") };
  await addItem(user, quizId, { source: "family", family: family.data, config }, points(form));
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("items.added"));
});
export async function addFamilyItemAction(locale: string, quizId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return addFamilyItemRun(locale, [quizId], formData);
}

const setItemConfigRun = defineAction({ role: STAFF, args: [idArg, idArg], form: true }, async ({ user, locale, args: [quizId, itemId], form, t }) => {
  const config = readConfig(form);
  if (config === "invalid") return { ok: false, status: 400, message: t("teach")("items.configJson") };
  await setItemConfig(user, quizId, itemId, config);
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("saved"));
});
export async function setItemConfigAction(locale: string, quizId: string, itemId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return setItemConfigRun(locale, [quizId, itemId], formData);
}

const setItemPointsRun = defineAction({ role: STAFF, args: [idArg, idArg], form: true }, async ({ user, locale, args: [quizId, itemId], form, t }) => {
  await setItemPoints(user, quizId, itemId, points(form));
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("saved"));
});
export async function setItemPointsAction(locale: string, quizId: string, itemId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return setItemPointsRun(locale, [quizId, itemId], formData);
}

const moveItemRun = defineAction({ role: STAFF, args: [idArg, idArg, z.enum(["up", "down"]).catch("down")] }, async ({ user, locale, args: [quizId, itemId, direction] }) => {
  await moveItem(user, quizId, itemId, direction);
  return refreshed(locale, `/quizzes/${quizId}`, "");
});
export async function moveItemAction(locale: string, quizId: string, itemId: string, direction: "up" | "down"): Promise<ActionState> {
  return moveItemRun(locale, [quizId, itemId, direction]);
}

const removeItemRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [quizId, itemId] }) => {
  await removeItem(user, quizId, itemId);
  return refreshed(locale, `/quizzes/${quizId}`, "");
});
export async function removeItemAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  return removeItemRun(locale, [quizId, itemId]);
}

const selfTestRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, args: [quizId, itemId], t }) => {
  const report = await selfTestItem(user, quizId, itemId, 200);
  const tt = t("teach");
  if (report.failures.length === 0) {
    const passed = tt("selfTest.passed", { checked: report.checked, ms: report.ms });
    return { ok: true, message: report.distinctPrompts === undefined ? passed : `${passed} ${tt("selfTest.distinct", { distinct: report.distinctPrompts })}` };
  }
  return {
    ok: false,
    message: tt("selfTest.failed", { failed: new Set(report.failures.map((f) => f.seed)).size, checked: report.checked }),
    errors: Object.fromEntries(report.failures.slice(0, 10).map((f, i) => [`${i}`, tt("selfTest.failure", { seed: f.seed, reason: f.reason })])),
  };
});
export async function selfTestAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  return selfTestRun(locale, [quizId, itemId]);
}

const publishRun = defineAction({ role: STAFF, args: [idArg], form: true }, async ({ user, locale, args: [quizId], form, t }) => {
  const dueAt = utcDate(form.get("dueAt"));
  if (dueAt === "invalid") return { ok: false, status: 400, message: t("teach.quizForm.errors")("date") };
  await publishQuiz(user, quizId, idArg.parse(form.get("classId")), dueAt);
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("publish.published"));
});
export async function publishAction(locale: string, quizId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return publishRun(locale, [quizId], formData);
}

const unpublishRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [quizId, classId], t }) => {
  await unpublishQuiz(user, quizId, classId);
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("publish.unpublished"));
});
export async function unpublishAction(locale: string, quizId: string, classId: string): Promise<ActionState> {
  return unpublishRun(locale, [quizId, classId]);
}

// ----------------------------------------------------------------------- authored questions

const saveQuestionRun = defineAction({ role: STAFF, args: [optionalIdArg], form: true }, async ({ user, locale, args: [rowId], form, t }) => {
  const tq = t("teach.questions");
  let draft: unknown;
  try {
    draft = JSON.parse(String(form.get("draft") ?? ""));
  } catch {
    return { ok: false, status: 400, message: tq("invalid") };
  }
  const parsed = questionDraftSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, status: 400, message: tq("invalid") };
  const result = await saveAuthored(user, buildQuestion(parsed.data), rowId ?? undefined);
  if (!result.ok) {
    return { ok: false, status: 400, message: tq("fix"), errors: Object.fromEntries(result.issues.map((i, n) => [`${n}`, `${i.path || tq("question")}: ${i.message}`])) };
  }
  revalidateTeach(locale, "/questions");
  if (rowId === null) redirect({ href: `/teach/questions/${result.id}`, locale });
  return { ok: true, message: tq("saved") };
});
export async function saveQuestionAction(locale: string, rowId: string | null, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return saveQuestionRun(locale, [rowId], formData);
}

const deleteQuestionRun = deleteThenList(deleteAuthored, "/teach/questions");
export async function deleteQuestionAction(locale: string, rowId: string): Promise<ActionState> {
  return deleteQuestionRun(locale, [rowId]);
}

const MAX_GIFT_BYTES = 1_000_000;

async function fieldText(form: FormData, textField: string, fileField: string): Promise<string> {
  const file = form.get(fileField);
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_GIFT_BYTES) throw new QuizError("invalidInput");
    return file.text();
  }
  return String(form.get(textField) ?? "");
}

// A GIFT file and its translation, each up to MAX_GIFT_BYTES, plus the small fields.
const importGiftRun = defineAction({ role: STAFF, form: true, maxBytes: 2 * MAX_GIFT_BYTES + 64 * 1024 }, async ({ user, locale, form, t }) => {
  const tg = t("teach.gift");
  const fileLocale = formText(form, "locale") === "zh" ? "zh" : "en";
  const text = await fieldText(form, "text", "file");
  const translation = await fieldText(form, "translationText", "translationFile");
  if (text.trim() === "") return { ok: false, status: 400, message: tg("empty") };
  const topic = topicIdSchema.safeParse(form.get("defaultTopic"));
  const result = await importGift(user, { text, locale: fileLocale, translation, ...(topic.success ? { defaultTopic: topic.data } : {}) });
  const list = (items: Localized[]) => Object.fromEntries(items.slice(0, 30).map((m, i) => [`${i}`, m[locale]]));
  if (!result.ok) return { ok: false, status: 422, message: tg("failed", { count: result.errors.length }), errors: list([...result.errors, ...result.warnings]) };
  revalidateTeach(locale, "/questions");
  return { ok: true, message: tg("imported", { created: result.created, updated: result.updated }), errors: list(result.warnings) };
});
export async function importGiftAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return importGiftRun(locale, [], formData);
}

// ------------------------------------------------------------------------- running an exam

const releaseResultsRun = defineAction({ role: STAFF, args: [idArg] }, async ({ user, locale, args: [quizId], t }) => {
  await releaseResults(user, quizId);
  return refreshed(locale, `/quizzes/${quizId}`, t("teach")("exam.released"));
});
export async function releaseResultsAction(locale: string, quizId: string): Promise<ActionState> {
  return releaseResultsRun(locale, [quizId]);
}

const extendTimeRun = defineAction(
  {
    role: STAFF,
    args: [idArg, idArg],
    schema: z.object({ minutes: z.number().int().min(1).max(MAX_EXTENSION_MIN) }),
    read: (form) => ({ minutes: Number(form.get("minutes")) }),
    invalid: (_error, locale) => ({ ok: false, status: 400, message: translator(locale, "teach")("monitor.extendInvalid", { max: MAX_EXTENSION_MIN }) }),
  },
  async ({ user, args: [quizId, attemptId], input: { minutes }, t }) => {
    await extendAttempt(user, quizId, attemptId, minutes);
    return { ok: true, message: t("teach")("monitor.extended", { minutes }) };
  },
);
export async function extendTimeAction(locale: string, quizId: string, attemptId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return extendTimeRun(locale, [quizId, attemptId], formData);
}

const forceFinishRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, args: [quizId, attemptId], t }) => {
  await forceFinish(user, quizId, attemptId);
  return { ok: true, message: t("teach")("monitor.finished") };
});
export async function forceFinishAction(locale: string, quizId: string, attemptId: string): Promise<ActionState> {
  return forceFinishRun(locale, [quizId, attemptId]);
}

const regradeRun = defineAction({ role: STAFF, args: [idArg, idArg] }, async ({ user, locale, args: [quizId, itemId], t }) => {
  const report = await regradeItem(user, quizId, itemId);
  const tt = t("teach");
  const pct = (x: number | null) => formatPercent(x, { digits: 1 });
  revalidateTeach(locale, `/quizzes/${quizId}/analysis`);
  return {
    ok: true,
    message: tt("regrade.done", { regraded: report.regraded, changed: report.changed.length }),
    errors: Object.fromEntries(report.changed.slice(0, 50).map((c) => [c.attemptId, tt("regrade.change", { name: c.name, before: pct(c.before), after: pct(c.after) })])),
  };
});
export async function regradeAction(locale: string, quizId: string, itemId: string): Promise<ActionState> {
  return regradeRun(locale, [quizId, itemId]);
}

/**
 * The author's preview: what a typed answer would score on this variant (issue #15 item 3).
 * Grades with the same code as a submission; writes nothing.
 */
const tryAnswerRun = defineAction(
  {
    role: STAFF,
    // The variant's seed is checked by previewItem; the input id only names a key of the answer.
    args: [idArg, idArg, z.custom<number>(() => true), z.custom<string>(() => true).transform((v) => String(v ?? "").slice(0, 64))],
    form: true,
  },
  async ({ user, locale, args: [quizId, itemId, seed, inputId], form, t }) => {
    const { variant } = await previewItem(user, quizId, itemId, seed);
    const typed = String(form.get("typed") ?? "").slice(0, 200);
    const outcome = gradeVariant(variant.params, { [inputId]: typed });
    const tt = t("teach");
    if (!outcome.ok) return { ok: false, status: 400, message: tt("preview.tryFormat", { error: outcome.error[locale] }) };
    return { ok: true, message: tt("preview.tryScore", { score: Math.round(outcome.result.score * 100), feedback: outcome.result.feedback[locale] }) };
  },
);
export async function tryAnswerAction(locale: string, quizId: string, itemId: string, seed: number, inputId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return tryAnswerRun(locale, [quizId, itemId, seed, inputId], formData);
}
