-- CreateTable
CREATE TABLE "QuizGrade" (
    "quizId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "best" DOUBLE PRECISION NOT NULL,
    "bestAttemptId" TEXT NOT NULL,
    "linkAttemptId" TEXT NOT NULL,
    "lastSubmittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizGrade_pkey" PRIMARY KEY ("quizId","userId")
);

-- CreateTable
CREATE TABLE "QuizItemStat" (
    "quizItemId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "total" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "full" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QuizItemStat_pkey" PRIMARY KEY ("quizItemId")
);

-- CreateTable
CREATE TABLE "QuizItemWrongAnswer" (
    "id" SERIAL NOT NULL,
    "quizItemId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "QuizItemWrongAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuizGrade_userId_idx" ON "QuizGrade"("userId");

-- AddForeignKey
ALTER TABLE "QuizGrade" ADD CONSTRAINT "QuizGrade_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizGrade" ADD CONSTRAINT "QuizGrade_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizItemStat" ADD CONSTRAINT "QuizItemStat_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizItemWrongAnswer" ADD CONSTRAINT "QuizItemWrongAnswer_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (issue #16): the wrong answers' unique key, which the datamodel cannot state:
-- over md5("answer"), since a long free-text answer would exceed a B-tree entry's size limit
-- (lib/server/quiz/report-stats.ts WRONG_KEY).
CREATE UNIQUE INDEX "QuizItemWrongAnswer_quizItemId_locale_answer_key" ON "QuizItemWrongAnswer"("quizItemId", "locale", md5("answer"));

-- Back-fill (issue #16): the summaries of the history written before them, computed as
-- lib/server/quiz/report-stats.ts rebuildQuizSummaries computes them (its wrongKey in SQL, for
-- the two languages, en and zh; tests/integration/reports.int.test.ts runs these statements).
INSERT INTO "QuizGrade" ("quizId", "userId", "attempts", "best", "bestAttemptId", "linkAttemptId", "lastSubmittedAt")
SELECT b."quizId", b."userId", b."attempts", b."best", b."id", b."linkId", b."last"
FROM (
  SELECT a."quizId", a."userId", a."id", COALESCE(a."score", 0) AS "best",
         COUNT(*) OVER (PARTITION BY a."quizId", a."userId") AS "attempts",
         MAX(a."submittedAt") OVER (PARTITION BY a."quizId", a."userId") AS "last",
         ROW_NUMBER() OVER (PARTITION BY a."quizId", a."userId" ORDER BY COALESCE(a."score", 0) DESC, a."submittedAt" ASC, a."id") AS "firstBest",
         FIRST_VALUE(a."id") OVER (PARTITION BY a."quizId", a."userId" ORDER BY COALESCE(a."score", 0) DESC, a."submittedAt" DESC, a."id" DESC) AS "linkId"
  FROM "QuizAttempt" a
  WHERE a."submittedAt" IS NOT NULL
) b
WHERE b."firstBest" = 1;

INSERT INTO "QuizItemStat" ("quizItemId", "answered", "total", "full")
SELECT q."quizItemId", COUNT(*), SUM(COALESCE(q."score", 0)), SUM(CASE WHEN COALESCE(q."score", 0) >= 1 THEN 1 ELSE 0 END)
FROM "QuestionAttempt" q JOIN "QuizAttempt" a ON a."id" = q."quizAttemptId"
WHERE q."quizItemId" IS NOT NULL AND a."submittedAt" IS NOT NULL AND q."submittedAt" IS NOT NULL
GROUP BY q."quizItemId";

-- wrongKey: not correct; a divergence's message, else the answer's parts in words joined by " | "
-- in the order of the stored object (jsonb_each's order, which is also the order node-postgres
-- hands the app when it parses the column).
INSERT INTO "QuizItemWrongAnswer" ("quizItemId", "locale", "answer", "count")
SELECT w."quizItemId", w."locale", w."answer", COUNT(*)
FROM (
  SELECT q."quizItemId", l."locale",
         CASE WHEN q."feedback" -> 'divergence' IS NOT NULL
              THEN q."feedback" -> 'divergence' -> 'message' ->> l."locale"
              ELSE (SELECT string_agg(d."value" ->> l."locale", ' | ' ORDER BY d."ord")
                    FROM jsonb_each(CASE WHEN jsonb_typeof(q."feedback" -> 'answerDisplay') = 'object' THEN q."feedback" -> 'answerDisplay' END)
                         WITH ORDINALITY AS d("key", "value", "ord"))
         END AS "answer"
  FROM "QuestionAttempt" q
  JOIN "QuizAttempt" a ON a."id" = q."quizAttemptId"
  CROSS JOIN (VALUES ('en'), ('zh')) AS l("locale")
  WHERE q."quizItemId" IS NOT NULL AND a."submittedAt" IS NOT NULL AND q."submittedAt" IS NOT NULL
    AND COALESCE(q."score", 0) < 1 AND q."feedback" ->> 'correct' = 'false'
) w
WHERE w."answer" IS NOT NULL
GROUP BY w."quizItemId", w."locale", w."answer";
