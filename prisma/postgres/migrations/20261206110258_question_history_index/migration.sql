-- DropIndex
DROP INDEX "QuestionAttempt_userId_topic_idx";

-- CreateIndex
CREATE INDEX "QuestionAttempt_userId_topic_submittedAt_idx" ON "QuestionAttempt"("userId", "topic", "submittedAt");

