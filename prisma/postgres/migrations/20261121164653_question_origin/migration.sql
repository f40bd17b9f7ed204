-- AlterTable
ALTER TABLE "QuestionAttempt" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'practice';

