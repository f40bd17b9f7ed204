/**
 * The typed registry of scenario families (issue #5): one entry per id in FAMILY_IDS.
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
import { FAMILY_IDS, type FamilyId, type ScenarioFamily } from "./types";

/** Every family with its self-test hooks (server-side use only). */
export const FAMILY_MODULES: Record<FamilyId, FamilyModule> = {
  "handshake-numbers": handshakeNumbers,
  "teardown-numbers": teardownNumbers,
  "state-after-events": stateAfterEvents,
  "handshake-loss": handshakeLoss,
  "teardown-loss": teardownLoss,
  "time-wait": timeWait,
  backlog,
  "syn-flood": synFlood,
  "close-wait-leak": closeWaitLeak,
  rst,
  "half-close": halfClose,
  "segment-timeline": segmentTimeline,
  diagnose,
};

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
