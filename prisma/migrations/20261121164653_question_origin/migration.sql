-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuestionAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizAttemptId" TEXT,
    "quizItemId" TEXT,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'practice',
    "topic" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "answer" JSONB,
    "score" REAL,
    "feedback" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    CONSTRAINT "QuestionAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuestionAttempt_quizAttemptId_fkey" FOREIGN KEY ("quizAttemptId") REFERENCES "QuizAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuestionAttempt_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_QuestionAttempt" ("answer", "createdAt", "feedback", "id", "params", "quizAttemptId", "quizItemId", "ref", "score", "seed", "source", "submittedAt", "topic", "userId") SELECT "answer", "createdAt", "feedback", "id", "params", "quizAttemptId", "quizItemId", "ref", "score", "seed", "source", "submittedAt", "topic", "userId" FROM "QuestionAttempt";
DROP TABLE "QuestionAttempt";
ALTER TABLE "new_QuestionAttempt" RENAME TO "QuestionAttempt";
CREATE INDEX "QuestionAttempt_userId_topic_idx" ON "QuestionAttempt"("userId", "topic");
CREATE INDEX "QuestionAttempt_quizAttemptId_idx" ON "QuestionAttempt"("quizAttemptId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

