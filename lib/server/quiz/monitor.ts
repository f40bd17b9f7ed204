import { db } from "@/lib/server/db";
import { type Actor, QuizError } from "./errors";
import { finalizeAttempt } from "./finalize";
import { requireId } from "./sanitize";
import { getManagedQuiz } from "./quizzes";

/**
 * The instructor's side of a running exam (issue #15 items 4 and 5): release sealed results,
 * watch who is taking it, give one student more time (an accommodation), finish an attempt.
 * Every function checks that the actor manages the quiz (getManagedQuiz); an attempt id from
 * another quiz is "not found".
 */

/** Releases an exam's results and explanations now, before its close time. */
export async function releaseResults(actor: Actor, quizId: string, now: Date = new Date()) {
  const quiz = await getManagedQuiz(actor, quizId);
  if (quiz.mode !== "EXAM") throw new QuizError("invalidInput");
  await db.quiz.update({ where: { id: quiz.id }, data: { resultsReleasedAt: now } });
}

export type MonitorRow = {
  userId: string;
  name: string;
  email: string;
  attemptId: string | null;
  number: number | null;
  startedAt: string | null;
  deadlineAt: string | null;
  submittedAt: string | null;
  answered: number;
  /** Seconds left before the deadline (null: no deadline, or not in progress). */
  secondsLeft: number | null;
  status: "notStarted" | "inProgress" | "finished";
};

export type MonitorSnapshot = { now: string; items: number; rows: MonitorRow[]; started: number; finished: number };

/**
 * Who of the quiz's classes has started, how many questions each has answered, time left,
 * finished — the latest attempt per student. Answer counts come from one grouped relation count
 * (no row per question is read), so polling every few seconds stays cheap.
 */
export async function monitorSnapshot(actor: Actor, quizId: string, now: Date = new Date()): Promise<MonitorSnapshot> {
  const quiz = await getManagedQuiz(actor, quizId);
  const [members, attempts, items] = await Promise.all([
    db.classMember.findMany({
      where: { class: { quizzes: { some: { quizId: quiz.id } } } },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.quizAttempt.findMany({
      where: { quizId: quiz.id },
      orderBy: { number: "asc" },
      select: {
        id: true,
        userId: true,
        number: true,
        startedAt: true,
        deadlineAt: true,
        submittedAt: true,
        user: { select: { id: true, name: true, email: true } },
        _count: { select: { questions: { where: { submittedAt: { not: null } } } } },
      },
    }),
    db.quizItem.count({ where: { quizId: quiz.id } }),
  ]);
  const latest = new Map<string, (typeof attempts)[number]>();
  for (const a of attempts) latest.set(a.userId, a);
  const people = new Map<string, { id: string; name: string; email: string }>();
  for (const m of members) people.set(m.user.id, m.user);
  for (const a of attempts) people.set(a.user.id, a.user);
  const rows: MonitorRow[] = [...people.values()]
    .map((u): MonitorRow => {
      const a = latest.get(u.id);
      if (!a) {
        return { userId: u.id, name: u.name, email: u.email, attemptId: null, number: null, startedAt: null, deadlineAt: null, submittedAt: null, answered: 0, secondsLeft: null, status: "notStarted" };
      }
      const inProgress = a.submittedAt === null;
      return {
        userId: u.id,
        name: u.name,
        email: u.email,
        attemptId: a.id,
        number: a.number,
        startedAt: a.startedAt.toISOString(),
        deadlineAt: a.deadlineAt?.toISOString() ?? null,
        submittedAt: a.submittedAt?.toISOString() ?? null,
        answered: a._count.questions,
        secondsLeft: inProgress && a.deadlineAt ? Math.max(0, Math.round((a.deadlineAt.getTime() - now.getTime()) / 1000)) : null,
        status: inProgress ? "inProgress" : "finished",
      };
    })
    .sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
  return {
    now: now.toISOString(),
    items,
    rows,
    started: rows.filter((r) => r.status !== "notStarted").length,
    finished: rows.filter((r) => r.status === "finished").length,
  };
}

/** An attempt of a quiz the actor manages, still in progress. */
async function managedOpenAttempt(actor: Actor, quizId: string, attemptId: string) {
  const quiz = await getManagedQuiz(actor, quizId);
  const attempt = await db.quizAttempt.findFirst({ where: { id: requireId(attemptId), quizId: quiz.id } });
  if (!attempt) throw new QuizError("notFound");
  if (attempt.submittedAt) throw new QuizError("attemptFinished");
  return { quiz, attempt };
}

export const MAX_EXTENSION_MIN = 24 * 60;

/**
 * Gives one student `minutes` more (an accommodation): their deadline moves by that much (from
 * now if it has passed or there is none). The quiz's close time still ends every attempt: to
 * give time beyond it, move the close time.
 */
export async function extendAttempt(actor: Actor, quizId: string, attemptId: string, minutes: number, now: Date = new Date()) {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_EXTENSION_MIN) throw new QuizError("invalidInput");
  const { attempt } = await managedOpenAttempt(actor, quizId, attemptId);
  const from = Math.max(attempt.deadlineAt?.getTime() ?? now.getTime(), now.getTime());
  const deadlineAt = new Date(from + minutes * 60_000);
  // Conditional on still being open: a finish racing this extension wins cleanly.
  const { count } = await db.quizAttempt.updateMany({ where: { id: attempt.id, submittedAt: null }, data: { deadlineAt } });
  if (count === 0) throw new QuizError("attemptFinished");
  return deadlineAt;
}

/** Finishes a student's attempt now (scored as it stands), e.g. at the end of a proctored session. */
export async function forceFinish(actor: Actor, quizId: string, attemptId: string, now: Date = new Date()) {
  const { attempt } = await managedOpenAttempt(actor, quizId, attemptId);
  await finalizeAttempt(attempt.id, now);
}
