-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN "cardsQueuedAt" DATETIME;

-- AlterTable
ALTER TABLE "InterviewSession" ADD COLUMN "strictSeconds" INTEGER;

