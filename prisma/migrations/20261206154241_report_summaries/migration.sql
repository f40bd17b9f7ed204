-- CreateTable
CREATE TABLE "QuizGrade" (
    "quizId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "best" REAL NOT NULL,
    "bestAttemptId" TEXT NOT NULL,
    "linkAttemptId" TEXT NOT NULL,
    "lastSubmittedAt" DATETIME NOT NULL,

    PRIMARY KEY ("quizId", "userId"),
    CONSTRAINT "QuizGrade_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizGrade_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizItemStat" (
    "quizItemId" TEXT NOT NULL PRIMARY KEY,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "total" REAL NOT NULL DEFAULT 0,
    "full" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "QuizItemStat_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizItemWrongAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "quizItemId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "QuizItemWrongAnswer_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuizGrade_userId_idx" ON "QuizGrade"("userId");


-- Written by hand (issue #16): the wrong answers' unique key, which the datamodel cannot state
-- for PostgreSQL (lib/server/quiz/report-stats.ts WRONG_KEY).
CREATE UNIQUE INDEX "QuizItemWrongAnswer_quizItemId_locale_answer_key" ON "QuizItemWrongAnswer"("quizItemId", "locale", "answer");

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
-- in the order of the stored object (json_each walks it in document order).
INSERT INTO "QuizItemWrongAnswer" ("quizItemId", "locale", "answer", "count")
SELECT w."quizItemId", w."locale", w."answer", COUNT(*)
FROM (
  SELECT q."quizItemId", l."locale",
         CASE WHEN json_extract(q."feedback", '$.divergence') IS NOT NULL
              THEN json_extract(q."feedback", '$.divergence.message.' || l."locale")
              ELSE (SELECT group_concat(json_extract(d."value", '$.' || l."locale"), ' | ' ORDER BY d."id")
                    FROM json_each(q."feedback", '$.answerDisplay') d)
         END AS "answer"
  FROM "QuestionAttempt" q
  JOIN "QuizAttempt" a ON a."id" = q."quizAttemptId"
  CROSS JOIN (SELECT 'en' AS "locale" UNION ALL SELECT 'zh') l
  WHERE q."quizItemId" IS NOT NULL AND a."submittedAt" IS NOT NULL AND q."submittedAt" IS NOT NULL
    AND COALESCE(q."score", 0) < 1 AND json_extract(q."feedback", '$.correct') = 0
) w
WHERE w."answer" IS NOT NULL
GROUP BY w."quizItemId", w."locale", w."answer";
