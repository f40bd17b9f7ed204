"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { defineAction, idArg, type ActionState } from "../action";
import { createLimiter } from "../rate-limit";
import { finishAttempt, startAttempt } from "../quiz/attempts";
import { joinClass, leaveClass } from "../quiz/classes";
import { QuizError } from "../quiz/errors";

/**
 * Student-side quiz actions (classes, attempts), each through defineAction
 * (lib/server/action.ts): session, validation and error messages live there. Instructor actions
 * live in quiz-teach.ts. The practice pages' buttons post to app/api/practice/route.ts: those pages
 * render through the Pages Router, which has no server actions (issue #16).
 */

// A join code has ~7.8·10^10 values; 20 tries per 10 minutes per account makes guessing hopeless.
const limitJoin = createLimiter("quiz-join", 20, 10 * 60);

const joinClassRun = defineAction({ role: "STUDENT", form: true }, async ({ user, locale, form }) => {
  const limit = await limitJoin(user.id);
  if (!limit.ok) throw new QuizError("rateLimited", { seconds: limit.retryAfterSeconds });
  const code = z.string().max(40).safeParse(form.get("code"));
  if (!code.success) throw new QuizError("invalidJoinCode");
  const cls = await joinClass(user, code.data);
  revalidatePath(`/${locale}/classes`);
  redirect({ href: `/classes/${cls.id}`, locale });
  return { ok: true, message: "" };
});
export async function joinClassAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return joinClassRun(locale, [], formData);
}

const leaveClassRun = defineAction({ role: "STUDENT", args: [idArg] }, async ({ user, locale, args: [classId] }) => {
  await leaveClass(user, classId);
  redirect({ href: "/classes", locale });
  return { ok: true, message: "" };
});
export async function leaveClassAction(locale: string, classId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  return leaveClassRun(locale, [classId]);
}

const startAttemptRun = defineAction({ role: "STUDENT", args: [idArg] }, async ({ user, locale, args: [quizId] }) => {
  const attemptId = await startAttempt(user, quizId);
  redirect({ href: `/quizzes/${quizId}/attempts/${attemptId}`, locale });
  return { ok: true, message: "" };
});
export async function startAttemptAction(locale: string, quizId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  return startAttemptRun(locale, [quizId]);
}

const finishAttemptRun = defineAction({ role: "STUDENT", args: [idArg] }, async ({ user, locale, args: [attemptId] }) => {
  const quizId = await finishAttempt(user, attemptId);
  revalidatePath(`/${locale}/quizzes/${quizId}`);
  redirect({ href: `/quizzes/${quizId}/attempts/${attemptId}`, locale });
  return { ok: true, message: "" };
});
export async function finishAttemptAction(locale: string, attemptId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  return finishAttemptRun(locale, [attemptId]);
}
