/**
 * A synthetic class history for the report views (issue #16): one instructor, a class of
 * students, one practice-mode quiz they retake, and each student's practice answers across the
 * topics. Deterministic (a seeded PRNG), so a test and a benchmark can rebuild the same data.
 * Rows are plain objects; the caller inserts them (Prisma createMany in tests, batched SQL in
 * `npm run bench:growth`). Only the columns the reports read carry meaning: scores, feedback,
 * submission times, topics, and which attempt/item a row belongs to.
 */
import { TOPICS } from "@/lib/content/topics";
import type { StoredResult } from "@/lib/server/quiz/types";
import { createRng } from "@/lib/scenarios/rng";

export type HistorySpec = {
  /** Prefix of every id and email, so several histories can share a database. */
  tag: string;
  students: number;
  items: number;
  /** Quiz attempts per student (each answers every item). */
  attemptsPerStudent: number;
  /** Practice answers per student, spread over the topics. */
  practicePerStudent: number;
  /** Also an exam still open, whose answers mastery must leave out. */
  openExam?: boolean;
};

export type History = {
  instructor: { id: string; name: string; email: string; passwordHash: string; role: "INSTRUCTOR" };
  students: { id: string; name: string; email: string; passwordHash: string; role: "STUDENT" }[];
  quizzes: { id: string; ownerId: string; title: string; mode: "PRACTICE" | "EXAM"; closesAt: Date | null }[];
  items: { id: string; quizId: string; position: number; source: "bank"; bankId: string }[];
  attempts: { id: string; quizId: string; userId: string; number: number; startedAt: Date; submittedAt: Date | null; score: number | null }[];
  questions: {
    id: string;
    userId: string;
    quizAttemptId: string | null;
    quizItemId: string | null;
    source: string;
    ref: string;
    origin: string;
    topic: string;
    seed: number;
    params: Record<string, never>;
    score: number | null;
    feedback: StoredResult | null;
    submittedAt: Date | null;
  }[];
};

const WRONG = ["SYN_SENT", "LISTEN", "TIME_WAIT", "CLOSE_WAIT"];

function result(score: number, wrongIndex: number): StoredResult {
  const l = (s: string) => ({ en: s, zh: s });
  const correct = score >= 1;
  return {
    score,
    correct,
    feedback: l(correct ? "Correct" : "Not quite"),
    explanation: l("RFC 9293 §3.5"),
    correctDisplay: { state: l("ESTABLISHED") },
    answerDisplay: { state: l(correct ? "ESTABLISHED" : WRONG[wrongIndex % WRONG.length]!) },
  };
}

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

/** The rows of a history that grow with it, one at a time (a million rows need not be held at once). */
export type HistoryRow = { table: "attempts"; row: History["attempts"][number] } | { table: "questions"; row: History["questions"][number] };

/** The fixed part of a history (people, quizzes, items) and a generator of its attempts and answers, in order. */
export function historyRows(spec: HistorySpec, seed = 1): Omit<History, "attempts" | "questions"> & { rows: () => Generator<HistoryRow> } {
  // The project's one seeded PRNG (lib/tcp/prng.ts via lib/scenarios/rng.ts): repeatable histories.
  const rnd = createRng(seed).float;
  const passwordHash = "unused";
  const instructor = { id: `${spec.tag}-teacher`, name: "Teacher", email: `${spec.tag}-teacher@example.test`, passwordHash, role: "INSTRUCTOR" as const };
  const students = Array.from({ length: spec.students }, (_, i) => ({
    id: `${spec.tag}-s${i}`,
    // Some names repeat so that ordering falls back to the email.
    name: `Student ${String(i % Math.max(1, spec.students - 3)).padStart(4, "0")}`,
    email: `${spec.tag}-s${i}@example.test`,
    passwordHash,
    role: "STUDENT" as const,
  }));
  const quiz = { id: `${spec.tag}-quiz`, ownerId: instructor.id, title: "Handshake check", mode: "PRACTICE" as const, closesAt: null };
  const exam = { id: `${spec.tag}-exam`, ownerId: instructor.id, title: "Open exam", mode: "EXAM" as const, closesAt: new Date(T0 + 400 * 86_400_000) };
  const items = Array.from({ length: spec.items }, (_, i) => ({ id: `${spec.tag}-item${i}`, quizId: quiz.id, position: i + 1, source: "bank" as const, bankId: `bank-${i}` }));
  function* rows(): Generator<HistoryRow> {
    let q = 0;
    const topicOf = (k: number) => TOPICS[k % TOPICS.length]!.id;
    for (const [si, s] of students.entries()) {
      for (let n = 1; n <= spec.attemptsPerStudent; n += 1) {
        const id = `${spec.tag}-a${si}-${n}`;
        // The last attempt of some students is still open (not submitted): it must not count.
        const open = n === spec.attemptsPerStudent && si % 7 === 3;
        const at = new Date(T0 + (si * spec.attemptsPerStudent + n) * 60_000);
        const scores = items.map((): number => (rnd() < 0.6 ? 1 : rnd() < 0.5 ? 0.5 : 0));
        // Whole-attempt scores on a coarse grid, so that ties between attempts happen.
        const score = open ? null : Math.round((scores.reduce((a, b) => a + b, 0) / Math.max(1, items.length)) * 4) / 4;
        yield { table: "attempts", row: { id, quizId: quiz.id, userId: s.id, number: n, startedAt: at, submittedAt: open ? null : at, score } };
        for (const [k, item] of items.entries()) {
          const answered = !open && rnd() < 0.95;
          yield {
            table: "questions",
            row: {
              id: `${spec.tag}-q${q++}`,
              userId: s.id,
              quizAttemptId: id,
              quizItemId: item.id,
              source: "bank",
              ref: item.bankId,
              origin: "quiz",
              topic: topicOf(k),
              seed: q,
              params: {},
              score: answered ? scores[k]! : null,
              feedback: answered ? result(scores[k]!, Math.floor(rnd() * 4)) : null,
              submittedAt: answered ? at : null,
            },
          };
        }
      }
      if (spec.openExam) {
        const id = `${spec.tag}-e${si}`;
        const at = new Date(T0 + 300 * 86_400_000 + si * 1000);
        yield { table: "attempts", row: { id, quizId: exam.id, userId: s.id, number: 1, startedAt: at, submittedAt: at, score: 0 } };
        yield { table: "questions", row: { id: `${spec.tag}-q${q++}`, userId: s.id, quizAttemptId: id, quizItemId: null, source: "bank", ref: "bank-0", origin: "quiz", topic: topicOf(0), seed: q, params: {}, score: 0, feedback: result(0, 0), submittedAt: at } };
      }
      for (let p = 0; p < spec.practicePerStudent; p += 1) {
        const answered = rnd() < 0.97;
        const score = rnd() < 0.55 ? 1 : rnd() < 0.3 ? 0.5 : 0;
        yield {
          table: "questions",
          row: {
            id: `${spec.tag}-q${q++}`,
            userId: s.id,
            quizAttemptId: null,
            quizItemId: null,
            source: "bank",
            ref: "bank-0",
            origin: "practice",
            topic: topicOf(Math.floor(rnd() * TOPICS.length)),
            seed: q,
            params: {},
            score: answered ? score : null,
            feedback: answered ? result(score, p) : null,
            // Distinct times (one a minute, from day 2 on), newest last.
            submittedAt: answered ? new Date(T0 + 86_400_000 + (si * spec.practicePerStudent + p) * 60_000) : null,
          },
        };
      }
    }
  }
  return { instructor, students, quizzes: spec.openExam ? [quiz, exam] : [quiz], items, rows };
}

export function buildHistory(spec: HistorySpec, seed = 1): History {
  const { rows, ...fixed } = historyRows(spec, seed);
  const attempts: History["attempts"] = [];
  const questions: History["questions"] = [];
  for (const r of rows()) {
    if (r.table === "attempts") attempts.push(r.row);
    else questions.push(r.row);
  }
  return { ...fixed, attempts, questions };
}
