import { randomInt } from "node:crypto";
import { z } from "zod";
import { getTopic, type TopicId } from "@/lib/content/topics";
import { loadBuiltinCards } from "@/lib/flashcards/deck";
import { interviewSetupSchema, planInterview, type InterviewSetupInput } from "@/lib/interview/plan";
import { computeInterviewReport, confidenceSchema, readInterviewReport, type InterviewKind, type InterviewReport, type ReportItem } from "@/lib/interview/report";
import type { FamilyId } from "@/lib/scenarios/types";
import { db } from "@/lib/server/db";
import { availableFamilies } from "@/lib/server/quiz/families";
import { asJson, variantRow } from "@/lib/server/quiz/store";
import { familyVariant, randomSeed } from "@/lib/server/quiz/variants";
import { findInterviewQuestion, interviewBank } from "./bank";
import { InterviewError } from "./errors";

/**
 * Mock interviews (issue #6 "Interview prep"). A session is a planned list of items: open
 * questions from the interview bank, answered in text and then self-assessed against the key
 * points, and scenario questions from the simulator's families, graded by the quiz services (the
 * variant is a practice QuestionAttempt row; its id is kept in `InterviewItem.params`).
 *
 * Confidence (1–5) is asked together with the answer, BEFORE the model answer or the grade is
 * shown: calibration compares how sure the candidate was with how right they were, and a
 * confidence stated after seeing the answer would measure neither.
 *
 * Every function takes the candidate's id and only ever touches their own sessions.
 */

export const MAX_ANSWER_LENGTH = 5000;

export type ItemPhase = "answer" | "assess" | "confidence" | "done";

type ItemRow = {
  id: string;
  position: number;
  kind: string;
  ref: string;
  topic: string;
  seed: number | null;
  params: unknown;
  answer: unknown;
  autoScore: number | null;
  selfScore: number | null;
  confidence: number | null;
  shownAt: Date | null;
  answeredAt: Date | null;
  durationMs: number | null;
};

type SessionRow = { id: string; userId: string; topics: unknown; length: number; strictSeconds: number | null; startedAt: Date; finishedAt: Date | null; report: unknown };

export type SessionWithItems = SessionRow & { items: ItemRow[] };

const scenarioParamsSchema = z.object({ questionAttemptId: z.string().min(1) });
const openAnswerSchema = z.object({ text: z.string(), keyPoints: z.array(z.boolean()).optional(), timedOut: z.boolean().optional() });

export function scenarioAttemptId(item: Pick<ItemRow, "params">): string | null {
  const parsed = scenarioParamsSchema.safeParse(item.params);
  return parsed.success ? parsed.data.questionAttemptId : null;
}

export function openAnswer(item: Pick<ItemRow, "answer">): { text: string; keyPoints?: boolean[]; timedOut?: boolean } | null {
  const parsed = openAnswerSchema.safeParse(item.answer);
  return parsed.success ? parsed.data : null;
}

/** Where an item stands. A scenario item needs its variant's submission state (`variantSubmitted`). */
export function itemPhase(item: ItemRow, variantSubmitted: boolean): ItemPhase {
  if (item.kind === "open") {
    if (item.answeredAt === null) return "answer";
    return item.selfScore === null ? "assess" : "done";
  }
  // Done once confirmed, or when its strict time ran out unanswered (expireScenario: answeredAt without a confidence).
  if (item.confidence !== null || item.answeredAt !== null) return "done";
  return variantSubmitted ? "confidence" : "answer";
}

function random(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

/**
 * Plans and stores a new session. Scenario items get their variant (seed and params, server-side)
 * at once, in the same transaction as the session and its items.
 */
export async function startSession(userId: string, input: InterviewSetupInput): Promise<string> {
  const setup = interviewSetupSchema.parse(input);
  const bank = interviewBank().map((q) => ({ id: q.id, topic: q.topic }));
  const families = availableFamilies().map((f) => ({ id: f.id, topic: f.topic as TopicId }));
  const plan = planInterview(setup, bank, families, random);
  if (plan.length === 0) throw new InterviewError("noQuestions");
  const variants = plan.map((item) => (item.kind === "scenario" ? familyVariant(item.ref as FamilyId, randomSeed()) : null));

  return db.$transaction(async (tx) => {
    const session = await tx.interviewSession.create({
      data: { userId, topics: asJson(setup.topics), length: plan.length, strictSeconds: setup.strictSeconds > 0 ? setup.strictSeconds : null },
      select: { id: true },
    });
    for (const [position, item] of plan.entries()) {
      const variant = variants[position];
      let params: { questionAttemptId: string } | undefined;
      if (variant) {
        const qa = await tx.questionAttempt.create({ data: { userId, ...variantRow(variant, "interview") }, select: { id: true } });
        params = { questionAttemptId: qa.id };
      }
      await tx.interviewItem.create({
        data: {
          sessionId: session.id,
          position,
          kind: item.kind,
          ref: item.ref,
          topic: item.topic,
          seed: variant?.seed ?? null,
          ...(params ? { params: asJson(params) } : {}),
        },
      });
    }
    return session.id;
  });
}

/** The candidate's session with its items in order, or null (someone else's is "not found"). */
export async function getSession(userId: string, sessionId: string): Promise<SessionWithItems | null> {
  const session = await db.interviewSession.findUnique({ where: { id: sessionId }, include: { items: { orderBy: { position: "asc" } } } });
  if (!session || session.userId !== userId) return null;
  return session;
}

async function requireSession(userId: string, sessionId: string): Promise<SessionWithItems> {
  const session = await getSession(userId, sessionId);
  if (!session) throw new InterviewError("notFound");
  return session;
}

/** Submission state of the scenario variants of a session (id → submittedAt/score). */
export async function variantsOf(userId: string, items: readonly ItemRow[]) {
  const ids = items.flatMap((item) => {
    const id = item.kind === "scenario" ? scenarioAttemptId(item) : null;
    return id ? [id] : [];
  });
  if (ids.length === 0) return new Map<string, { id: string; submittedAt: Date | null; score: number | null; params: unknown; feedback: unknown }>();
  const rows = await db.questionAttempt.findMany({ where: { id: { in: ids }, userId }, select: { id: true, submittedAt: true, score: true, params: true, feedback: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

export type CurrentStep = { item: ItemRow; phase: Exclude<ItemPhase, "done"> } | null;

/** The first item that is not done, with its phase; null when every item is done. */
export async function currentStep(userId: string, session: SessionWithItems): Promise<CurrentStep> {
  const variants = await variantsOf(userId, session.items);
  for (const item of session.items) {
    const qa = item.kind === "scenario" ? variants.get(scenarioAttemptId(item) ?? "") : undefined;
    const phase = itemPhase(item, qa?.submittedAt != null);
    if (phase !== "done") return { item, phase };
  }
  return null;
}

/** Starts an item's clock the first time it is shown (conditional: a reload does not restart it). */
export async function markShown(userId: string, sessionId: string, itemId: string, now: Date): Promise<Date> {
  const session = await requireSession(userId, sessionId);
  const item = session.items.find((i) => i.id === itemId);
  if (!item) throw new InterviewError("notFound");
  if (item.shownAt) return item.shownAt;
  await db.interviewItem.updateMany({ where: { id: itemId, sessionId, shownAt: null }, data: { shownAt: now } });
  const again = await db.interviewItem.findUniqueOrThrow({ where: { id: itemId }, select: { shownAt: true } });
  return again.shownAt ?? now;
}

function openItem(session: SessionWithItems, itemId: string): ItemRow {
  if (session.finishedAt) throw new InterviewError("finished");
  const item = session.items.find((i) => i.id === itemId);
  if (!item) throw new InterviewError("notFound");
  return item;
}

// ---------------------------------------------------------------- strict timer (issue #19 item 8)

/**
 * A request that left the browser as the clock hit zero arrives a moment later: answers up to
 * this long after the deadline still count. Anything later is the server's decision, not the
 * browser's: the text is discarded (the question ended at its deadline).
 */
export const STRICT_GRACE_MS = 5_000;

/** When the item's strict time is up (null: untimed session, or the item not shown yet). */
export function strictDeadline(session: Pick<SessionRow, "strictSeconds">, item: Pick<ItemRow, "shownAt">): Date | null {
  if (!session.strictSeconds || !item.shownAt) return null;
  return new Date(item.shownAt.getTime() + session.strictSeconds * 1000);
}

function isLate(deadline: Date | null, at: Date): boolean {
  return deadline !== null && at.getTime() > deadline.getTime() + STRICT_GRACE_MS;
}

/**
 * Ends an open question whose strict time is up: the text typed by the deadline (sent by the
 * browser's countdown) is kept if it arrives within the grace period, otherwise nothing is; no
 * confidence was given. Refused before the deadline. The item then goes to self-assessment.
 */
export async function expireOpen(userId: string, sessionId: string, itemId: string, text: string, now: Date): Promise<void> {
  const session = await requireSession(userId, sessionId);
  const item = openItem(session, itemId);
  if (item.kind !== "open" || item.answeredAt !== null) throw new InterviewError("wrongStep");
  const deadline = strictDeadline(session, item);
  // The browser's countdown starts from the server's remaining time; allow it a second early.
  if (!deadline || now.getTime() < deadline.getTime() - 1000) throw new InterviewError("wrongStep");
  const kept = isLate(deadline, now) ? "" : text.slice(0, MAX_ANSWER_LENGTH).trim();
  const answeredAt = now.getTime() < deadline.getTime() ? now : deadline;
  const { count } = await db.interviewItem.updateMany({
    where: { id: item.id, answeredAt: null },
    data: { answer: asJson({ text: kept, timedOut: true }), answeredAt, durationMs: Math.max(0, answeredAt.getTime() - item.shownAt!.getTime()) },
  });
  if (count === 0) throw new InterviewError("wrongStep");
}

/**
 * Ends a scenario question whose strict time ran out before it was answered (the grace for an
 * answer already on its way included): it scores 0, with no confidence, and the session moves on.
 * A variant answered in time goes to the confidence step instead (confirmScenario). Refused
 * before the deadline and its grace, so only the server's clock can end a question.
 */
export async function expireScenario(userId: string, sessionId: string, itemId: string, now: Date): Promise<void> {
  const session = await requireSession(userId, sessionId);
  const item = openItem(session, itemId);
  if (item.kind !== "scenario" || item.confidence !== null || item.answeredAt !== null) throw new InterviewError("wrongStep");
  const deadline = strictDeadline(session, item);
  if (!deadline || !isLate(deadline, now)) throw new InterviewError("wrongStep");
  const qaId = scenarioAttemptId(item);
  const qa = qaId ? await db.questionAttempt.findUnique({ where: { id: qaId }, select: { submittedAt: true } }) : null;
  if (qa?.submittedAt && !isLate(deadline, qa.submittedAt)) throw new InterviewError("wrongStep");
  const { count } = await db.interviewItem.updateMany({
    where: { id: item.id, confidence: null, answeredAt: null },
    data: { autoScore: 0, answeredAt: deadline, durationMs: Math.max(0, deadline.getTime() - item.shownAt!.getTime()) },
  });
  if (count === 0) throw new InterviewError("wrongStep");
  await finishIfDone(userId, sessionId, now);
}

export const openAnswerInputSchema = z
  .object({
    text: z.string().max(MAX_ANSWER_LENGTH),
    confidence: confidenceSchema,
  })
  .strict();
export type OpenAnswerInput = z.infer<typeof openAnswerInputSchema>;

/** Records the answer to an open question and how sure the candidate is; stops its clock. */
export async function answerOpen(userId: string, sessionId: string, itemId: string, input: OpenAnswerInput, now: Date): Promise<void> {
  const { text, confidence } = openAnswerInputSchema.parse(input);
  const session = await requireSession(userId, sessionId);
  const item = openItem(session, itemId);
  if (item.kind !== "open" || item.answeredAt !== null) throw new InterviewError("wrongStep");
  // Strict timer: an answer after the deadline (and its grace) does not count.
  if (isLate(strictDeadline(session, item), now)) return expireOpen(userId, sessionId, itemId, "", now);
  const shownAt = item.shownAt ?? now;
  const { count } = await db.interviewItem.updateMany({
    where: { id: item.id, answeredAt: null },
    data: { answer: asJson({ text: text.trim() }), confidence, shownAt, answeredAt: now, durationMs: Math.max(0, now.getTime() - shownAt.getTime()) },
  });
  if (count === 0) throw new InterviewError("wrongStep");
}

export const assessInputSchema = z
  .object({
    /** One tick per key point of the question, in order: did the answer cover it? */
    keyPoints: z.array(z.boolean()).max(6),
    /** The self-assessed score in percent (prefilled from the ticks, adjustable). */
    score: z.number().int().min(0).max(100),
  })
  .strict();
export type AssessInput = z.infer<typeof assessInputSchema>;

/** Self-assessment after the model answer is revealed. Finishes the session after the last item. */
export async function assessOpen(userId: string, sessionId: string, itemId: string, input: AssessInput, now: Date): Promise<{ finished: boolean }> {
  const { keyPoints, score } = assessInputSchema.parse(input);
  const session = await requireSession(userId, sessionId);
  const item = openItem(session, itemId);
  if (item.kind !== "open" || item.answeredAt === null || item.selfScore !== null) throw new InterviewError("wrongStep");
  const question = findInterviewQuestion(item.ref);
  if (question && keyPoints.length !== question.keyPoints.length) throw new InterviewError("invalidInput");
  const previous = openAnswer(item);
  const { count } = await db.interviewItem.updateMany({
    where: { id: item.id, selfScore: null },
    data: { selfScore: score / 100, answer: asJson({ text: previous?.text ?? "", keyPoints }) },
  });
  if (count === 0) throw new InterviewError("wrongStep");
  return finishIfDone(userId, sessionId, now);
}

/**
 * After a scenario variant was graded (by the quiz submit endpoint) and before the grade is
 * shown: the candidate's confidence. The item takes the server's score and the submission time.
 */
export async function confirmScenario(userId: string, sessionId: string, itemId: string, confidence: number, now: Date): Promise<{ finished: boolean }> {
  const c = confidenceSchema.parse(confidence);
  const session = await requireSession(userId, sessionId);
  const item = openItem(session, itemId);
  if (item.kind !== "scenario" || item.confidence !== null || item.answeredAt !== null) throw new InterviewError("wrongStep");
  const qaId = scenarioAttemptId(item);
  const qa = qaId ? await db.questionAttempt.findUnique({ where: { id: qaId }, select: { userId: true, submittedAt: true, score: true } }) : null;
  if (!qa || qa.userId !== userId || qa.submittedAt === null || qa.score === null) throw new InterviewError("wrongStep");
  const shownAt = item.shownAt ?? qa.submittedAt;
  // Strict timer: a scenario answered after the deadline (and its grace) scores 0.
  const autoScore = isLate(strictDeadline(session, item), qa.submittedAt) ? 0 : qa.score;
  const { count } = await db.interviewItem.updateMany({
    where: { id: item.id, confidence: null },
    data: { confidence: c, autoScore, shownAt, answeredAt: qa.submittedAt, durationMs: Math.max(0, qa.submittedAt.getTime() - shownAt.getTime()) },
  });
  if (count === 0) throw new InterviewError("wrongStep");
  return finishIfDone(userId, sessionId, now);
}

/** The lessons a question is about: the bank's links, or the topic's lesson for a scenario. */
function lessonsOf(item: ItemRow): string[] {
  if (item.kind === "open") return findInterviewQuestion(item.ref)?.lessons ?? [];
  try {
    return [getTopic(item.topic as TopicId).lesson];
  } catch {
    return [];
  }
}

export function reportItems(items: readonly ItemRow[]): ReportItem[] {
  return items.map((item) => {
    const kind: InterviewKind = item.kind === "scenario" ? "scenario" : "open";
    // A scenario counts once confirmed, or when its strict time ran out (answeredAt set, scored 0).
    const score = kind === "open" ? item.selfScore : item.confidence !== null || item.answeredAt !== null ? item.autoScore : null;
    return {
      position: item.position,
      kind,
      ref: item.ref,
      topic: item.topic as TopicId,
      score,
      confidence: score === null ? null : item.confidence,
      durationMs: score === null ? null : item.durationMs,
      lessons: lessonsOf(item),
    };
  });
}

function buildReport(items: readonly ItemRow[]): InterviewReport {
  const cards = loadBuiltinCards().map((c) => ({ id: c.id, topic: c.topic, lesson: c.lesson }));
  return computeInterviewReport(reportItems(items), cards);
}

/** Closes the session once (conditional on `finishedAt: null`) and stores its report. */
async function finalize(userId: string, sessionId: string, now: Date): Promise<void> {
  const session = await requireSession(userId, sessionId);
  if (session.finishedAt) return;
  await db.interviewSession.updateMany({
    where: { id: sessionId, userId, finishedAt: null },
    data: { finishedAt: now, report: asJson(buildReport(session.items)) },
  });
}

async function finishIfDone(userId: string, sessionId: string, now: Date): Promise<{ finished: boolean }> {
  const session = await requireSession(userId, sessionId);
  if (session.finishedAt) return { finished: true };
  if ((await currentStep(userId, session)) !== null) return { finished: false };
  await finalize(userId, sessionId, now);
  return { finished: true };
}

/** Ends the session now: unanswered items count as skipped in the report. */
export async function endSession(userId: string, sessionId: string, now: Date): Promise<void> {
  await requireSession(userId, sessionId);
  await finalize(userId, sessionId, now);
}

export type SessionSummary = {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  length: number;
  topics: TopicId[];
  report: InterviewReport | null;
};

/** The candidate's sessions, newest first, with the headline numbers of each report. */
export async function listSessions(userId: string, take = 50): Promise<SessionSummary[]> {
  const rows = await db.interviewSession.findMany({ where: { userId }, orderBy: { startedAt: "desc" }, take });
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    length: row.length,
    topics: z.array(z.string()).catch([]).parse(row.topics) as TopicId[],
    report: readInterviewReport(row.report),
  }));
}
