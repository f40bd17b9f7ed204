"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { topicIdSchema } from "@/lib/core";
import { defineAction, idArg, type ActionState } from "../action";
import { createLimiter } from "../rate-limit";
import { finishAttempt, startAttempt } from "../quiz/attempts";
import { joinClass, leaveClass } from "../quiz/classes";
import { QuizError } from "../quiz/errors";
import { newPracticeVariant, newVariantOf, type PracticeScope } from "../quiz/practice";
import { familyIdSchema } from "../quiz/types";

/**
 * Student-side quiz actions (practice, classes, attempts), each through defineAction
 * (lib/server/action.ts): session, validation and error messages live there. Instructor actions
 * live in quiz-teach.ts.
 */

const scopeSchema = z.union([
  z.object({ kind: z.literal("family"), family: familyIdSchema }),
  z.object({ kind: z.literal("topic"), topic: topicIdSchema }),
  z.object({ kind: z.literal("adaptive") }),
]);

function practicePath(scope: PracticeScope): string {
  return scope.kind === "family" ? `/practice/${scope.family}` : scope.kind === "topic" ? `/practice/topic/${scope.topic}` : "/practice/adaptive";
}

/** The unanswered question to replace, if any (an id, or nothing). */
const replaceArg = z.custom<string | null>(() => true).transform((v) => idArg.parse(v) || undefined);

const nextPracticeRun = defineAction(
  // A plain <form action> with no state to show: refusals go to sign-in or back to the practice list.
  { role: "STUDENT", args: [scopeSchema, replaceArg], refusedTo: { unauthenticated: "/signin", otherwise: "/practice" } },
  async ({ user, locale, args: [scope, replaceId] }) => {
    const id = await newPracticeVariant(user, scope, replaceId);
    redirect({ href: `${practicePath(scope)}?v=${encodeURIComponent(id)}`, locale });
    return { ok: true, message: "" };
  },
);

/** "Next question" / "Skip": a new variant in the same scope, then show it. */
export async function nextPracticeAction(locale: string, scopeInput: PracticeScope, replaceId: string | null): Promise<void> {
  await nextPracticeRun(locale, [scopeInput, replaceId]);
}

const newVariantRun = defineAction(
  { role: "STUDENT", args: [scopeSchema, idArg], refusedTo: { unauthenticated: "/signin", otherwise: "/practice" } },
  async ({ user, locale, args: [scope, id] }) => {
    const next = await newVariantOf(user, id);
    redirect({ href: `${practicePath(scope)}?v=${encodeURIComponent(next)}`, locale });
    return { ok: true, message: "" };
  },
);

/** "New variant": the same question with a fresh seed, in the same practice scope. */
export async function newVariantAction(locale: string, scopeInput: PracticeScope, id: string): Promise<void> {
  await newVariantRun(locale, [scopeInput, id]);
}

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
