/**
 * A candidate's mistake or a refused step in the interview services. `code` is a key under
 * `interview.errors` in messages/<locale>/interview.json. Anything else thrown is a bug.
 */
export const INTERVIEW_ERROR_STATUS = {
  notFound: 404,
  invalidInput: 400,
  /** The step does not match the item's phase (answered twice, assessed before answering, …). */
  wrongStep: 409,
  finished: 409,
  noQuestions: 409,
} as const;

export type InterviewErrorCode = keyof typeof INTERVIEW_ERROR_STATUS;

export class InterviewError extends Error {
  constructor(
    readonly code: InterviewErrorCode,
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
  }

  get status(): number {
    return INTERVIEW_ERROR_STATUS[this.code];
  }
}
