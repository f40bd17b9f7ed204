"use server";

import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { isLocale } from "@/i18n/routing";
import { topicIdSchema, type Locale } from "@/lib/content/topics";
import { AuthError, requireUser } from "../auth";
import { QuizError } from "../quiz/errors";
import { newPracticeVariant, type PracticeScope } from "../quiz/practice";
import { familyIdSchema } from "../quiz/types";

/**
 * Student-side quiz actions (practice, classes, attempts). Each checks the session itself:
 * a server action is a public endpoint. Instructor actions live in quiz-teach.ts.
 */

function lang(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
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
  let user;
  try {
    user = await requireUser();
  } catch (error) {
    if (error instanceof AuthError) redirect({ href: "/signin", locale: l });
    throw error;
  }
  const scope = scopeSchema.safeParse(scopeInput);
  if (!scope.success) redirect({ href: "/practice", locale: l });
  let id: string;
  try {
    id = await newPracticeVariant(user!, scope.data!, typeof replaceId === "string" ? replaceId.slice(0, 64) : undefined);
  } catch (error) {
    if (error instanceof QuizError) redirect({ href: "/practice", locale: l });
    throw error;
  }
  redirect({ href: `${practicePath(scope.data!)}?v=${encodeURIComponent(id!)}`, locale: l });
}
