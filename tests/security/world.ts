/**
 * Builds the small world e2e/security.spec.ts checks access against, through the app's own
 * services (run as a child process with DATABASE_URL set to the e2e database, because
 * lib/server/db binds one client per process):
 *   tsx tests/security/world.ts <out.json>
 * Five accounts (a student, another student in the same class, the class's instructor, an
 * instructor of another class, an admin), a class with a quiz (a bank question and an authored
 * question whose text is an XSS payload) and the student's attempt, own flashcard (also an XSS
 * payload), interview session and practice question.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadQuestionBank, type AuthoredQuestion } from "@/lib/content/questions";
import { db, type Role } from "@/lib/server/db";
import { createUserCard } from "@/lib/server/flashcards/cards";
import { startSession } from "@/lib/server/interview/sessions";
import { hashPassword } from "@/lib/server/password";
import { startAttempt } from "@/lib/server/quiz/attempts";
import { saveAuthored } from "@/lib/server/quiz/authored-questions";
import { createClass, joinClass } from "@/lib/server/quiz/classes";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { newPracticeVariant } from "@/lib/server/quiz/practice";
import { addItem, createQuiz, publishQuiz, quizSettingsSchema } from "@/lib/server/quiz/quizzes";
import { readStoredParams } from "@/lib/server/quiz/types";

/** Script tags, event handlers and javascript: URLs, in HTML and in Markdown. */
export const XSS_PAYLOAD =
  'XSS-MARKER <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> [link](javascript:window.__xss=3) <svg onload="window.__xss=4"></svg> <a href="javascript:window.__xss=5">a</a> <iframe src="javascript:window.__xss=6"></iframe>';

export type World = {
  password: string;
  users: Record<"student" | "otherStudent" | "instructor" | "otherInstructor" | "admin", { id: string; email: string; name: string }>;
  classId: string;
  otherClassId: string;
  quizId: string;
  attemptId: string;
  authoredRowId: string;
  cardId: string;
  interviewId: string;
  practiceId: string;
  itemId: string;
  /** The quiz item made from the XSS question. */
  authoredItemId: string;
  /**
   * Values of the correct answer of the student's open practice question that its prompt does
   * not state (numbers of 3+ digits): none may appear in the page before submission.
   */
  practiceSecrets: string[];
  /** The bank question's explanation: shown only after grading. */
  attemptSecrets: string[];
};

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: tsx tests/security/world.ts <out.json>");
  // The e2e server and other Playwright workers write to the same SQLite file: the app's client
  // waits for their locks on every connection (lib/server/sqlite-client.ts).
  const tag = randomUUID().slice(0, 8);
  const password = `pw-${randomUUID()}`;
  const passwordHash = await hashPassword(password);
  const make = async (key: string, role: Role, name: string) => {
    const email = `sec-${tag}-${key}@example.test`;
    const u = await db.user.create({ data: { email, name, role, passwordHash, locale: "en" }, select: { id: true, email: true, name: true } });
    return u;
  };
  const users: World["users"] = {
    student: await make("student", "STUDENT", "Security Student"),
    otherStudent: await make("other-student", "STUDENT", "Other Student"),
    instructor: await make("instructor", "INSTRUCTOR", "Security Instructor"),
    otherInstructor: await make("other-instructor", "INSTRUCTOR", "Other Instructor"),
    admin: await make("admin", "ADMIN", "Security Admin"),
  };
  const I = { id: users.instructor.id, role: "INSTRUCTOR" as const };
  const A = { id: users.student.id, role: "STUDENT" as const };
  const cls = await createClass(I, "Security class");
  await joinClass(A, cls.joinCode);
  await joinClass({ id: users.otherStudent.id, role: "STUDENT" }, cls.joinCode);
  const otherClass = await createClass({ id: users.otherInstructor.id, role: "INSTRUCTOR" }, "Another class");

  const bank = loadQuestionBank().find((q): q is Extract<AuthoredQuestion, { kind: "single" }> => q.kind === "single")!;
  const hostile = { ...bank, id: `xss-${tag}`, prompt: { en: XSS_PAYLOAD, zh: XSS_PAYLOAD }, choices: bank.choices.map((c, i) => (i === 0 ? { ...c, en: XSS_PAYLOAD, zh: XSS_PAYLOAD } : c)) };
  const saved = await saveAuthored(I, hostile);
  if (!saved.ok) throw new Error(`authored question rejected: ${JSON.stringify(saved.issues)}`);

  const quiz = await createQuiz(I, quizSettingsSchema.parse({ title: "Security quiz", description: "", mode: "PRACTICE", attemptLimit: null, timeLimitMin: null, opensAt: null, closesAt: null }));
  const item = await addItem(I, quiz.id, { source: "bank", bankId: bank.id });
  const authoredItem = await addItem(I, quiz.id, { source: "authored", questionId: saved.id });
  await publishQuiz(I, quiz.id, cls.id, null);
  const attemptId = await startAttempt(A, quiz.id);

  const card = await createUserCard(A.id, { front: XSS_PAYLOAD, back: XSS_PAYLOAD, tags: [], topic: null });
  const interviewId = await startSession(A.id, { length: 3, topics: ["handshake"], scenarios: false });
  const practiceId = await newPracticeVariant(A, { kind: "family", family: "handshake-numbers" });
  const row = await db.questionAttempt.findUniqueOrThrow({ where: { id: practiceId } });
  const stored = readStoredParams(row.params);
  const family = stored.kind === "family" ? getScenarioFamily(stored.family) : undefined;
  if (stored.kind !== "family" || !family) throw new Error("handshake-numbers is not available");
  const answer = family.generate(row.seed, stored.config ?? undefined).answer;
  const promptText = JSON.stringify(stored.prompt);
  const practiceSecrets = [...new Set(JSON.stringify(answer).match(/\d{3,}/g) ?? [])].filter((n) => !promptText.includes(n));

  const world: World = {
    password,
    users,
    classId: cls.id,
    otherClassId: otherClass.id,
    quizId: quiz.id,
    attemptId,
    authoredRowId: saved.id,
    cardId: card.id,
    interviewId,
    practiceId,
    itemId: item.id,
    authoredItemId: authoredItem.id,
    practiceSecrets,
    attemptSecrets: [bank.explanation.en],
  };
  writeFileSync(out, JSON.stringify(world));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
