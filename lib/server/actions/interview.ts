"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "@/i18n/navigation";
import { interviewSetupSchema } from "@/lib/interview/plan";
import { AuthError, requireUser } from "../auth";
import { InterviewError } from "../interview/errors";
import { answerOpen, assessInputSchema, assessOpen, confirmScenario, endSession, MAX_ANSWER_LENGTH, startSession } from "../interview/sessions";
import { domainErrorMessage, translator } from "../http";
import { cleanText, idOrEmpty } from "../sanitize";
import { isLocale, type Locale } from "@/lib/core";

/**
 * Mock-interview form actions. Each checks the session itself (actions are public endpoints),
 * validates, calls lib/server/interview/sessions.ts with the server's clock, and either returns a
 * localized message for a candidate's mistake or redirects to the next step.
 */

export type InterviewFormState = { ok: boolean; message: string; field?: string };

function lang(locale: string): Locale {
  return isLocale(locale) ? locale : "en";
}

/** A form field as text the database can store (no NUL, no lone surrogates: lib/server/sanitize.ts). */
function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? cleanText(value) : "";
}

const id = idOrEmpty;

async function who(l: Locale): Promise<{ userId: string } | InterviewFormState> {
  try {
    return { userId: (await requireUser()).id };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const t = await getTranslations({ locale: l, namespace: "common.api" });
    return { ok: false, message: t(error.status === 401 ? "unauthenticated" : "forbidden") };
  }
}

function failure(l: Locale, error: unknown): InterviewFormState {
  if (error instanceof InterviewError) return { ok: false, message: domainErrorMessage(l, error) };
  throw error;
}

export async function startInterviewAction(locale: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  const l = lang(locale);
  const actor = await who(l);
  if (!("userId" in actor)) return actor;
  const t = await getTranslations({ locale: l, namespace: "interview.start" });
  const topics = formData.getAll("topics").filter((v): v is string => typeof v === "string");
  if (topics.length === 0) return { ok: false, message: t("noTopics"), field: "topics" };
  const parsed = interviewSetupSchema.safeParse({ length: Number(text(formData, "length")), topics, scenarios: formData.get("scenarios") === "on" });
  if (!parsed.success) return { ok: false, message: t("invalid") };
  let sessionId: string;
  try {
    sessionId = await startSession(actor.userId, parsed.data);
  } catch (error) {
    return failure(l, error);
  }
  revalidatePath(`/${l}/interview`);
  redirect({ href: `/interview/${sessionId}`, locale: l });
  return { ok: true, message: "" };
}

export async function answerOpenAction(locale: string, sessionId: string, itemId: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  const l = lang(locale);
  const actor = await who(l);
  if (!("userId" in actor)) return actor;
  const t = await getTranslations({ locale: l, namespace: "interview.run" });
  const answer = text(formData, "answer");
  const confidence = Number(text(formData, "confidence"));
  if (answer.length > MAX_ANSWER_LENGTH) return { ok: false, message: t("tooLong", { max: MAX_ANSWER_LENGTH }), field: "answer" };
  if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5) return { ok: false, message: t("confidenceRequired"), field: "confidence" };
  try {
    await answerOpen(actor.userId, id(sessionId), id(itemId), { text: answer, confidence }, new Date());
  } catch (error) {
    return failure(l, error);
  }
  redirect({ href: `/interview/${id(sessionId)}`, locale: l });
  return { ok: true, message: "" };
}

export async function assessOpenAction(locale: string, sessionId: string, itemId: string, keyPointCount: number, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  const l = lang(locale);
  const actor = await who(l);
  if (!("userId" in actor)) return actor;
  const count = Math.max(0, Math.min(6, Math.trunc(Number(keyPointCount)) || 0));
  const keyPoints = Array.from({ length: count }, (_, i) => formData.get(`kp-${i}`) === "on");
  const parsed = assessInputSchema.safeParse({ keyPoints, score: Math.round(Number(text(formData, "score"))) });
  if (!parsed.success) return { ok: false, message: translator(l, "interview.errors")("invalidInput"), field: "score" };
  let finished: boolean;
  try {
    ({ finished } = await assessOpen(actor.userId, id(sessionId), id(itemId), parsed.data, new Date()));
  } catch (error) {
    return failure(l, error);
  }
  revalidatePath(`/${l}/interview`);
  redirect({ href: finished ? `/interview/${id(sessionId)}/report` : `/interview/${id(sessionId)}`, locale: l });
  return { ok: true, message: "" };
}

export async function confirmScenarioAction(locale: string, sessionId: string, itemId: string, _prev: InterviewFormState, formData: FormData): Promise<InterviewFormState> {
  const l = lang(locale);
  const actor = await who(l);
  if (!("userId" in actor)) return actor;
  const confidence = Number(text(formData, "confidence"));
  if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5) {
    return { ok: false, message: (await getTranslations({ locale: l, namespace: "interview.run" }))("confidenceRequired"), field: "confidence" };
  }
  try {
    await confirmScenario(actor.userId, id(sessionId), id(itemId), confidence, new Date());
  } catch (error) {
    return failure(l, error);
  }
  revalidatePath(`/${l}/interview`);
  redirect({ href: `/interview/${id(sessionId)}?reveal=${encodeURIComponent(id(itemId))}`, locale: l });
  return { ok: true, message: "" };
}

export async function endInterviewAction(locale: string, sessionId: string, _formData?: FormData): Promise<void> {
  const l = lang(locale);
  let userId: string;
  try {
    userId = (await requireUser()).id;
  } catch (error) {
    if (error instanceof AuthError) redirect({ href: "/signin", locale: l });
    throw error;
  }
  try {
    await endSession(userId!, id(sessionId), new Date());
  } catch (error) {
    if (!(error instanceof InterviewError)) throw error;
    redirect({ href: "/interview", locale: l });
  }
  revalidatePath(`/${l}/interview`);
  redirect({ href: `/interview/${id(sessionId)}/report`, locale: l });
}
