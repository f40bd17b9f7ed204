/**
 * The typed registry of scenario families (issue #5).
 */
import type { FamilyModule } from "./define";
import { backlog } from "./families/backlog";
import { closeWaitLeak } from "./families/close-wait-leak";
import { diagnose } from "./families/diagnose";
import { halfClose } from "./families/half-close";
import { handshakeLoss } from "./families/handshake-loss";
import { handshakeNumbers } from "./families/handshake-numbers";
import { rst } from "./families/rst";
import { segmentTimeline } from "./families/segment-timeline";
import { stateAfterEvents } from "./families/state-after-events";
import { synFlood } from "./families/syn-flood";
import { teardownLoss } from "./families/teardown-loss";
import { teardownNumbers } from "./families/teardown-numbers";
import { timeWait } from "./families/time-wait";
import type { FamilyConfig, ScenarioFamily } from "./types";

/**
 * Every family, in the order lists show them (practice page, quiz editor). Adding a family is
 * its file in families/ and its line here (plus the import): the ids, their type and every list
 * of families derive from this array.
 */
const MODULES = [
  handshakeNumbers,
  teardownNumbers,
  stateAfterEvents,
  handshakeLoss,
  teardownLoss,
  timeWait,
  backlog,
  synFlood,
  closeWaitLeak,
  rst,
  halfClose,
  segmentTimeline,
  diagnose,
] as const;

export type FamilyId = (typeof MODULES)[number]["id"];
export const FAMILY_IDS = MODULES.map((m) => m.id) as [FamilyId, ...FamilyId[]];

/** Every family with its self-test hooks (server-side use only). */
export const FAMILY_MODULES = Object.fromEntries(MODULES.map((m) => [m.id, m])) as Record<FamilyId, FamilyModule<FamilyConfig, FamilyId>>;

export const FAMILIES: Record<FamilyId, ScenarioFamily> = FAMILY_MODULES;

export function isFamilyId(id: unknown): id is FamilyId {
  return typeof id === "string" && (FAMILY_IDS as readonly string[]).includes(id);
}

/** The family for an id, or undefined for an unknown id (ids come from URLs and stored rows). */
export function getFamily(id: string): ScenarioFamily | undefined {
  return isFamilyId(id) ? FAMILIES[id] : undefined;
}

export function getFamilyModule(id: string): FamilyModule | undefined {
  return isFamilyId(id) ? FAMILY_MODULES[id] : undefined;
}
