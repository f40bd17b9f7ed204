import { db } from "@/lib/server/db";
import { type Actor, isAdmin, QuizError } from "./errors";
import { finalizeAttempt } from "./finalize";
import { requireId } from "./sanitize";
import { itemVariant } from "./quizzes";
import { variantRow } from "./store";
import { resultsVisible } from "./submit";
import { readStoredParams, readStoredResult } from "./types";
import { randomSeed, stableSeed } from "./variants";
import { isUniqueViolation } from "@/lib/server/prisma-errors";

/**
 * Students taking quizzes published to their classes. PRACTICE quizzes: a new variant on every
 * attempt, unlimited, feedback at once. EXAM quizzes: one variant per student (seeded by quiz,
 * student and item), attempt and time limits, open/close window, feedback after closing.
 */

/** The quiz if the actor may take it: a member of a class it is published to. */
export async function getTakableQuiz(actor: Actor, quizId: string) {
  const quiz = await db.quiz.findFirst({
    where: { id: requireId(quizId), classes: { some: { class: { members: { some: { userId: actor.id } } } } } },
    include: {
      owner: { select: { name: true } },
      classes: { where: { class: { members: { some: { userId: actor.id } } } }, select: { dueAt: true, class: { select: { id: true, name: true } } } },
      _count: { select: { items: true } },
    },
  });
  if (!quiz) throw new QuizError("notFound");
  return quiz;
}

/** Finalizes the actor's attempts of this quiz whose time ran out (or whose quiz closed). */
async function settleExpired(quizId: string, userId: string, closesAt: Date | null, now: Date) {
  const open = await db.quizAttempt.findMany({ where: { quizId, userId, submittedAt: null }, select: { id: true, deadlineAt: true } });
  for (const a of open) {
    const expired = (a.deadlineAt && a.deadlineAt.getTime() <= now.getTime()) || (closesAt && closesAt.getTime() <= now.getTime());
    if (expired) await finalizeAttempt(a.id, now);
  }
}

export type QuizStatus = "notOpen" | "open" | "closed";

export function quizStatus(quiz: { opensAt: Date | null; closesAt: Date | null }, now: Date): QuizStatus {
  if (quiz.opensAt && now.getTime() < quiz.opensAt.getTime()) return "notOpen";
  if (quiz.closesAt && now.getTime() >= quiz.closesAt.getTime()) return "closed";
  return "open";
}

/** The quiz overview for a student: settings, status, their attempts (scores only when visible). */
export async function quizOverview(actor: Actor, quizId: string, now: Date = new Date()) {
  const quiz = await getTakableQuiz(actor, quizId);
  await settleExpired(quiz.id, actor.id, quiz.closesAt, now);
  const attempts = await db.quizAttempt.findMany({ where: { quizId, userId: actor.id }, orderBy: { number: "asc" } });
  const visible = resultsVisible(quiz, now);
  const inProgress = attempts.find((a) => !a.submittedAt) ?? null;
  const used = attempts.length;
  const remaining = quiz.mode === "EXAM" && quiz.attemptLimit !== null ? Math.max(0, quiz.attemptLimit - used) : null;
  return {
    quiz,
    status: quizStatus(quiz, now),
    resultsVisible: visible,
    attempts: attempts.map((a) => ({ id: a.id, number: a.number, startedAt: a.startedAt, submittedAt: a.submittedAt, deadlineAt: a.deadlineAt, score: visible ? a.score : null })),
    inProgress,
    remaining,
    canStart: quizStatus(quiz, now) === "open" && !inProgress && (remaining === null || remaining > 0) && quiz._count.items > 0,
  };
}

/**
 * Starts an attempt, or returns the one already in progress (a double click or two tabs must
 * not start two). Creates one QuestionAttempt per item in one transaction.
 */
export async function startAttempt(actor: Actor, quizId: string, now: Date = new Date()): Promise<string> {
  const quiz = await getTakableQuiz(actor, quizId);
  await settleExpired(quiz.id, actor.id, quiz.closesAt, now);
  const status = quizStatus(quiz, now);
  if (status === "notOpen") throw new QuizError("notOpen");
  if (status === "closed") throw new QuizError("closed");
  const open = await db.quizAttempt.findFirst({ where: { quizId, userId: actor.id, submittedAt: null }, select: { id: true } });
  if (open) return open.id;
  const used = await db.quizAttempt.count({ where: { quizId, userId: actor.id } });
  if (quiz.mode === "EXAM" && quiz.attemptLimit !== null && used >= quiz.attemptLimit) {
    throw new QuizError("attemptLimit", { limit: quiz.attemptLimit });
  }
  const items = await db.quizItem.findMany({ where: { quizId }, orderBy: { position: "asc" } });
  if (items.length === 0) throw new QuizError("noItems");

  const variants = await Promise.all(
    items.map(async (item) => ({
      item,
      variant: await itemVariant(item, quiz.mode === "EXAM" ? stableSeed(quiz.id, actor.id, item.id) : randomSeed()),
    })),
  );
  const limitEnd = quiz.timeLimitMin ? now.getTime() + quiz.timeLimitMin * 60_000 : null;
  const closeEnd = quiz.closesAt ? quiz.closesAt.getTime() : null;
  const deadline = limitEnd === null ? closeEnd : closeEnd === null ? limitEnd : Math.min(limitEnd, closeEnd);
  try {
    const attempt = await db.$transaction(async (tx) => {
      const a = await tx.quizAttempt.create({
        data: { quizId, userId: actor.id, number: used + 1, startedAt: now, deadlineAt: deadline === null ? null : new Date(deadline) },
      });
      for (const { item, variant } of variants) {
        await tx.questionAttempt.create({ data: { userId: actor.id, quizAttemptId: a.id, quizItemId: item.id, createdAt: now, ...variantRow(variant, "quiz") } });
      }
      return a;
    });
    return attempt.id;
  } catch (error) {
    // Two concurrent starts: the unique (quizId, userId, number) index lets one win; use it.
    if (isUniqueViolation(error)) {
      const winner = await db.quizAttempt.findFirst({ where: { quizId, userId: actor.id, submittedAt: null }, select: { id: true } });
      if (winner) return winner.id;
    }
    throw error;
  }
}

/** The attempt for its owner, or for the staff who manage the quiz (results review). */
async function readableAttempt(actor: Actor, attemptId: string) {
  const attempt = await db.quizAttempt.findUnique({
    where: { id: requireId(attemptId) },
    include: { quiz: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!attempt) throw new QuizError("notFound");
  const own = attempt.userId === actor.id;
  const staff = attempt.quiz.ownerId === actor.id || isAdmin(actor);
  if (!own && !staff) throw new QuizError("notFound");
  return { attempt, own, staff };
}

export async function finishAttempt(actor: Actor, attemptId: string, now: Date = new Date()) {
  const { attempt, own } = await readableAttempt(actor, attemptId);
  if (!own) throw new QuizError("notFound");
  if (!attempt.submittedAt) await finalizeAttempt(attempt.id, now);
  return attempt.quizId;
}

/**
 * Everything the attempt page needs. The student sees results only when the quiz's rules allow
 * it; the quiz's instructor always does. Questions come with their prompts only (no answers)
 * until then.
 */
export async function attemptView(actor: Actor, attemptId: string, now: Date = new Date()) {
  const { attempt, own, staff } = await readableAttempt(actor, attemptId);
  if (!attempt.submittedAt) {
    const expired = (attempt.deadlineAt && attempt.deadlineAt.getTime() <= now.getTime()) || (attempt.quiz.closesAt && attempt.quiz.closesAt.getTime() <= now.getTime());
    if (expired) {
      await finalizeAttempt(attempt.id, now);
      return attemptView(actor, attemptId, now);
    }
  }
  const rows = await db.questionAttempt.findMany({
    where: { quizAttemptId: attempt.id },
    include: { quizItem: { select: { position: true, points: true } } },
    orderBy: { createdAt: "asc" },
  });
  rows.sort((a, b) => (a.quizItem?.position ?? Infinity) - (b.quizItem?.position ?? Infinity));
  const visible = staff || resultsVisible(attempt.quiz, now);
  return {
    attempt: { id: attempt.id, number: attempt.number, startedAt: attempt.startedAt, deadlineAt: attempt.deadlineAt, submittedAt: attempt.submittedAt, score: visible ? attempt.score : null },
    quiz: { id: attempt.quiz.id, title: attempt.quiz.title, mode: attempt.quiz.mode, closesAt: attempt.quiz.closesAt },
    student: attempt.user,
    own,
    resultsVisible: visible,
    questions: rows.map((r) => ({
      id: r.id,
      points: r.quizItem?.points ?? 1,
      prompt: readStoredParams(r.params).prompt,
      submitted: r.submittedAt !== null,
      result: visible && r.submittedAt ? readStoredResult(r.feedback) : null,
    })),
  };
}

/** Quizzes published to the actor's classes, with due dates and the actor's progress. */
export async function assignedQuizzes(actor: Actor, now: Date = new Date()) {
  const links = await db.quizClass.findMany({
    where: { class: { members: { some: { userId: actor.id } } } },
    include: {
      class: { select: { id: true, name: true } },
      quiz: {
        select: {
          id: true,
          title: true,
          mode: true,
          opensAt: true,
          closesAt: true,
          resultsReleasedAt: true,
          attemptLimit: true,
          timeLimitMin: true,
          attempts: { where: { userId: actor.id }, select: { submittedAt: true, score: true } },
        },
      },
    },
    orderBy: [{ dueAt: "asc" }, { publishedAt: "desc" }],
  });
  return links.map((l) => {
    const visible = resultsVisible(l.quiz, now);
    const done = l.quiz.attempts.filter((a) => a.submittedAt);
    const best = visible && done.length > 0 ? Math.max(...done.map((a) => a.score ?? 0)) : null;
    return {
      quizId: l.quiz.id,
      title: l.quiz.title,
      mode: l.quiz.mode,
      className: l.class.name,
      classId: l.class.id,
      dueAt: l.dueAt,
      status: quizStatus(l.quiz, now),
      attempts: l.quiz.attempts.length,
      submitted: done.length,
      best,
    };
  });
}
