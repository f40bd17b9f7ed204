-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "cardsQueuedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "InterviewSession" ADD COLUMN     "strictSeconds" INTEGER;

