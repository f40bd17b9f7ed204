/**
 * Scenario question families (issue #5): generated from a seed by the simulator and graded by
 * it. Server-side only: what reaches the browser before submission is `Generated.prompt`.
 */
export * from "./types";
export { FAMILIES, FAMILY_MODULES, getFamily, getFamilyModule, isFamilyId } from "./registry";
export { selfTest, type SelfTestResult, type SelfTestFailure } from "./self-test";
export type { Answer, AnswerValue, SegmentRowValue } from "./answer";
export type { Params, FamilyModule, Built } from "./define";
