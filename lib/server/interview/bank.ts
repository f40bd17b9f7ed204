import { loadInterviewBank, type InterviewQuestion } from "@/lib/content/interview";

/**
 * The interview bank (content/interview/questions.yaml via lib/content/interview.ts), behind one
 * seam so the integration tests can run on a small fixed bank that does not move with the content.
 */
let override: readonly InterviewQuestion[] | undefined;

export function setInterviewBankForTests(bank: readonly InterviewQuestion[] | undefined): void {
  override = bank;
}

export function interviewBank(): readonly InterviewQuestion[] {
  return override ?? loadInterviewBank();
}

export function findInterviewQuestion(id: string): InterviewQuestion | undefined {
  return interviewBank().find((q) => q.id === id);
}
