import { domainError } from "@/lib/core/errors";

/**
 * A candidate's mistake or a refused step in the interview services. `code` is a key under
 * `interview.errors` in messages/<locale>/interview.json. Anything else thrown is a bug.
 */
export const InterviewError = domainError("interview.errors", {
  400: ["invalidInput"],
  404: ["notFound"],
  // wrongStep: the step does not match the item's phase (answered twice, assessed before answering, …).
  409: ["wrongStep", "finished", "noQuestions"],
});
export type InterviewError = InstanceType<typeof InterviewError>;
export type InterviewErrorCode = InterviewError["code"];

