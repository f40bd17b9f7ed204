"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { interviewSetupSchema } from "@/lib/interview/plan";
import { defineAction, formText, idArg, type ActionState } from "../action";
import { answerOpen, assessInputSchema, assessOpen, confirmScenario, endSession, expireOpen, MAX_ANSWER_LENGTH, startSession } from "../interview/sessions";
import { translator } from "../http";

/**
 * Mock-interview form actions, through defineAction (lib/server/action.ts: session, validation,
 * error messages). Each calls lib/server/interview/sessions.ts with the server's clock and
 * redirects to the next step; `field` names the input a refusal is about.
 */

export type InterviewFormState = ActionState;

const startRun = defineAction(
  {
    role: "STUDENT",
    schema: interviewSetupSchema,
    read: (form) => ({
      length: Number(formText(form, "length")),
      topics: form.getAll("topics").filter((v): v is string => typeof v === "string"),
      scenarios: form.get("scenarios") === "on",
      strictSeconds: Number(formText(form, "strictSeconds") || "0"),
    }),
    invalid: (_error, locale, form) => {
      const t = translator(locale, "interview.start");
      const noTopics = !form.getAll("topics").some((v) => typeof v === "string");
      return noTopics ? { ok: false, status: 400, message: t("noTopics"), field: "topics" } : { ok: false, status: 400, message: t("invalid") };
    },
  },
  async ({ user, locale, input }) => {
    const sessionId = await startSession(user.id, input);
    revalidatePath(`/${locale}/interview`);
    redirect({ href: `/interview/${sessionId}`, locale });
    return { ok: true, message: "" };
  },
);
export async function startInterviewAction(locale: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  return startRun(locale, [], formData);
}

const confidenceSchema = z.number().int().min(1).max(5);
const confidenceRefusal = (locale: "en" | "zh"): InterviewFormState => ({ ok: false, status: 400, message: translator(locale, "interview.run")("confidenceRequired"), field: "confidence" });

const answerRun = defineAction(
  {
    role: "STUDENT",
    args: [idArg, idArg],
    // `timeUp`: the strict timer's countdown submitted the form at zero (no confidence asked then).
    schema: z
      .object({ answer: z.string().max(MAX_ANSWER_LENGTH), confidence: confidenceSchema.optional(), timeUp: z.boolean() })
      .refine((v) => v.timeUp || v.confidence !== undefined, { path: ["confidence"] }),
    read: (form) => {
      const confidence = formText(form, "confidence");
      return { answer: formText(form, "answer"), confidence: confidence === "" ? undefined : Number(confidence), timeUp: form.get("timeUp") === "1" };
    },
    invalid: (error, locale) =>
      error.issues[0]?.path[0] === "answer" ? { ok: false, status: 400, message: translator(locale, "interview.run")("tooLong", { max: MAX_ANSWER_LENGTH }), field: "answer" } : confidenceRefusal(locale),
  },
  async ({ user, locale, args: [sessionId, itemId], input }) => {
    if (input.timeUp && input.confidence === undefined) await expireOpen(user.id, sessionId, itemId, input.answer, new Date());
    else await answerOpen(user.id, sessionId, itemId, { text: input.answer, confidence: input.confidence! }, new Date());
    redirect({ href: `/interview/${sessionId}`, locale });
    return { ok: true, message: "" };
  },
);
export async function answerOpenAction(locale: string, sessionId: string, itemId: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  return answerRun(locale, [sessionId, itemId], formData);
}

/** How many key points the question has (0–6): the form has one checkbox per point. */
const keyPointCountArg = z.custom<number>(() => true).transform((v) => Math.max(0, Math.min(6, Math.trunc(Number(v)) || 0)));

const assessRun = defineAction(
  {
    role: "STUDENT",
    args: [idArg, idArg, keyPointCountArg],
    schema: assessInputSchema,
    read: (form, [, , count]) => ({ keyPoints: Array.from({ length: count }, (_, i) => form.get(`kp-${i}`) === "on"), score: Math.round(Number(formText(form, "score"))) }),
    invalid: (_error, locale) => ({ ok: false, status: 400, message: translator(locale, "interview.errors")("invalidInput"), field: "score" }),
  },
  async ({ user, locale, args: [sessionId, itemId], input }) => {
    const { finished } = await assessOpen(user.id, sessionId, itemId, input, new Date());
    revalidatePath(`/${locale}/interview`);
    redirect({ href: finished ? `/interview/${sessionId}/report` : `/interview/${sessionId}`, locale });
    return { ok: true, message: "" };
  },
);
export async function assessOpenAction(locale: string, sessionId: string, itemId: string, keyPointCount: number, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  return assessRun(locale, [sessionId, itemId, keyPointCount], formData);
}

const confirmRun = defineAction(
  {
    role: "STUDENT",
    args: [idArg, idArg],
    schema: z.object({ confidence: confidenceSchema }),
    read: (form) => ({ confidence: Number(formText(form, "confidence")) }),
    invalid: (_error, locale) => confidenceRefusal(locale),
  },
  async ({ user, locale, args: [sessionId, itemId], input }) => {
    await confirmScenario(user.id, sessionId, itemId, input.confidence, new Date());
    revalidatePath(`/${locale}/interview`);
    redirect({ href: `/interview/${sessionId}?reveal=${encodeURIComponent(itemId)}`, locale });
    return { ok: true, message: "" };
  },
);
export async function confirmScenarioAction(locale: string, sessionId: string, itemId: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  return confirmRun(locale, [sessionId, itemId], formData);
}

const endRun = defineAction(
  // A plain <form action>: refusals go to sign-in or back to the interview page.
  { role: "STUDENT", args: [idArg], refusedTo: { unauthenticated: "/signin", otherwise: "/interview" } },
  async ({ user, locale, args: [sessionId] }) => {
    await endSession(user.id, sessionId, new Date());
    revalidatePath(`/${locale}/interview`);
    redirect({ href: `/interview/${sessionId}/report`, locale });
    return { ok: true, message: "" };
  },
);
export async function endInterviewAction(locale: string, sessionId: string, _formData?: FormData): Promise<void> {
  await endRun(locale, [sessionId]);
}
