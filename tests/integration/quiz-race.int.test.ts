import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { finishAttempt, startAttempt } from "@/lib/server/quiz/attempts";
import { createClass, joinClass } from "@/lib/server/quiz/classes";
import type { Actor } from "@/lib/server/quiz/errors";
import { attemptScore } from "@/lib/server/quiz/finalize";
import { addItem, createQuiz, publishQuiz, quizSettingsSchema } from "@/lib/server/quiz/quizzes";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { readStoredParams } from "@/lib/server/quiz/types";
import { correctRawAnswer } from "@/lib/server/quiz/variants";
import { dbKind, makeUser } from "./helpers";

/**
 * The results race (issue #15 item 4): a results row showed "Score: 0%" while its question 1
 * showed "Correct, 100%". An answer landing while the attempt is being finished was written
 * after finalizeAttempt had read the question scores and before (or after) it wrote the total:
 * the answer counted on the question but not in the attempt. After the fix, an answer either
 * lands before the attempt closes (and counts) or is refused (attemptFinished) — never both
 * "graded" and missing from the total.
 */
describe(`finishing an attempt while an answer lands, on ${dbKind()}`, () => {
  it("should make the attempt's score agree with its questions' scores every time", async () => {
    const teacher = await makeUser("INSTRUCTOR");
    const I: Actor = { id: teacher.id, role: "INSTRUCTOR" };
    const cls = await createClass(I, "Race");
    const bank = loadQuestionBank().find((q) => q.kind === "single")!;
    const quiz = await createQuiz(I, quizSettingsSchema.parse({ title: "Race", description: "", mode: "PRACTICE", attemptLimit: null, timeLimitMin: null, opensAt: null, closesAt: null }));
    await addItem(I, quiz.id, { source: "bank", bankId: bank.id });
    await publishQuiz(I, quiz.id, cls.id, null);

    const mismatches: string[] = [];
    for (let i = 0; i < 12; i++) {
      const u = await makeUser("STUDENT");
      const S: Actor = { id: u.id, role: "STUDENT" };
      await joinClass(S, cls.joinCode);
      const attemptId = await startAttempt(S, quiz.id);
      const [row] = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId } });
      const raw = correctRawAnswer(readStoredParams(row!.params), row!.seed);
      // The student's last answer and "Finish" leave the browser together.
      const [submitted] = await Promise.allSettled([submitAnswer(S, row!.id, raw, "en"), finishAttempt(S, attemptId)]);
      if (submitted.status === "rejected") {
        expect(submitted.reason).toMatchObject({ code: "attemptFinished" });
      } else {
        expect(submitted.value).toMatchObject({ status: "graded", alreadySubmitted: false });
      }
      const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
      const questions = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId }, select: { score: true, quizItem: { select: { points: true } } } });
      expect(attempt.submittedAt).not.toBeNull();
      if (attempt.score !== attemptScore(questions)) {
        mismatches.push(`attempt ${i}: attempt score ${attempt.score}, questions ${JSON.stringify(questions.map((q) => q.score))}`);
      }
      // An answer that was refused left nothing behind.
      if (submitted.status === "rejected") expect(questions[0]?.score ?? null).toBeNull();
    }
    expect(mismatches).toEqual([]);
  });
});
