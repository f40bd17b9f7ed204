-- AlterTable
ALTER TABLE "Quiz" ADD COLUMN     "resultsReleasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "QuestionAttempt" ADD COLUMN     "choice" TEXT;

-- CreateIndex
CREATE INDEX "QuestionAttempt_quizItemId_idx" ON "QuestionAttempt"("quizItemId");

