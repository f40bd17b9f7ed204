"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { topicIdSchema } from "@/lib/content/topics";
import { AuthError, requireUser, type SessionUser } from "../auth";
import { translator } from "../http";
import { createLimiter } from "../rate-limit";
import { finishAttempt, startAttempt } from "../quiz/attempts";
import { joinClass, leaveClass } from "../quiz/classes";
import { QuizError } from "../quiz/errors";
import { domainErrorMessage } from "../http";
import { newPracticeVariant, type PracticeScope } from "../quiz/practice";
import { familyIdSchema } from "../quiz/types";
import type { ActionState } from "./quiz-state";
import { isLocale, type Locale } from "@/lib/core";

/**
 * Student-side quiz actions (practice, classes, attempts). Each checks the session itself:
 * a server action is a public endpoint. Instructor actions live in quiz-teach.ts.
 */

function lang(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
}

/**
 * Session → work → localized outcome. AuthError and QuizError become messages; anything else
 * (including Next's redirect signal) propagates.
 */
async function guarded(locale: Locale, work: (user: SessionUser) => Promise<ActionState>): Promise<ActionState> {
  try {
    return await work(await requireUser());
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, message: translator(locale)(error.status === 401 ? "unauthenticated" : "forbidden") };
    if (error instanceof QuizError) return { ok: false, message: domainErrorMessage(locale, error) };
    throw error;
  }
}

const scopeSchema = z.union([
  z.object({ kind: z.literal("family"), family: familyIdSchema }),
  z.object({ kind: z.literal("topic"), topic: topicIdSchema }),
]);

function practicePath(scope: PracticeScope): string {
  return scope.kind === "family" ? `/practice/${scope.family}` : `/practice/topic/${scope.topic}`;
}

/** "Next question" / "Skip": a new variant in the same scope, then show it. */
export async function nextPracticeAction(locale: string, scopeInput: PracticeScope, replaceId: string | null): Promise<void> {
  const l = lang(locale);
  let user: SessionUser;
  try {
    user = await requireUser();
  } catch (error) {
    if (error instanceof AuthError) return redirect({ href: "/signin", locale: l });
    throw error;
  }
  const scope = scopeSchema.safeParse(scopeInput);
  if (!scope.success) return redirect({ href: "/practice", locale: l });
  let id: string;
  try {
    id = await newPracticeVariant(user, scope.data, typeof replaceId === "string" ? replaceId.slice(0, 64) : undefined);
  } catch (error) {
    if (error instanceof QuizError) return redirect({ href: "/practice", locale: l });
    throw error;
  }
  redirect({ href: `${practicePath(scope.data)}?v=${encodeURIComponent(id)}`, locale: l });
}

// A join code has ~7.8·10^10 values; 20 tries per 10 minutes per account makes guessing hopeless.
const limitJoin = createLimiter("quiz-join", 20, 10 * 60);

export async function joinClassAction(locale: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const l = lang(locale);
  let joined: string | undefined;
  const state = await guarded(l, async (user) => {
    const limit = await limitJoin(user.id);
    if (!limit.ok) throw new QuizError("rateLimited", { seconds: limit.retryAfterSeconds });
    const code = z.string().max(40).safeParse(formData.get("code"));
    if (!code.success) throw new QuizError("invalidJoinCode");
    const cls = await joinClass(user, code.data);
    joined = cls.id;
    revalidatePath(`/${l}/classes`);
    return { ok: true, message: "" };
  });
  if (joined) redirect({ href: `/classes/${joined}`, locale: l });
  return state;
}

export async function leaveClassAction(locale: string, classId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  const l = lang(locale);
  const state = await guarded(l, async (user) => {
    await leaveClass(user, String(classId).slice(0, 64));
    return { ok: true, message: "" };
  });
  if (state.ok) redirect({ href: "/classes", locale: l });
  return state;
}

export async function startAttemptAction(locale: string, quizId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  const l = lang(locale);
  let attemptId: string | undefined;
  const state = await guarded(l, async (user) => {
    attemptId = await startAttempt(user, String(quizId).slice(0, 64));
    return { ok: true, message: "" };
  });
  if (attemptId) redirect({ href: `/quizzes/${quizId}/attempts/${attemptId}`, locale: l });
  return state;
}

export async function finishAttemptAction(locale: string, attemptId: string, _prev?: ActionState, _formData?: FormData): Promise<ActionState> {
  const l = lang(locale);
  let quizId: string | undefined;
  const state = await guarded(l, async (user) => {
    quizId = await finishAttempt(user, String(attemptId).slice(0, 64));
    return { ok: true, message: "" };
  });
  if (quizId) {
    revalidatePath(`/${l}/quizzes/${quizId}`);
    redirect({ href: `/quizzes/${quizId}/attempts/${attemptId}`, locale: l });
  }
  return state;
}
