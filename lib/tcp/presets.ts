/**
 * Preset scenarios from content/scenarios/*.json, imported statically so they load the same
 * way in Next, tsx and Vitest (no fs). Each file is validated once, at module load.
 */
import { localizedSchema } from "@/lib/core/schemas";
import { z } from "zod";
import { scenarioSchema, type Scenario } from "./scenario";
import type { BilingualText } from "./types";
import normalLifecycle from "@/content/scenarios/normal-lifecycle.json";
import handshakeLostSyn from "@/content/scenarios/handshake-lost-syn.json";
import handshakeLostSynack from "@/content/scenarios/handshake-lost-synack.json";
import handshakeLostAck from "@/content/scenarios/handshake-lost-ack.json";
import teardownLostFin from "@/content/scenarios/teardown-lost-fin.json";
import teardownLostFinAck from "@/content/scenarios/teardown-lost-fin-ack.json";
import teardownLostSecondFin from "@/content/scenarios/teardown-lost-second-fin.json";
import teardownLostLastAck from "@/content/scenarios/teardown-lost-last-ack.json";
import threeSegmentTeardown from "@/content/scenarios/three-segment-teardown.json";
import fourSegmentTeardown from "@/content/scenarios/four-segment-teardown.json";
import connectRefused from "@/content/scenarios/connect-refused.json";
import connectTimeout from "@/content/scenarios/connect-timeout.json";
import connectionWithoutAccept from "@/content/scenarios/connection-without-accept.json";
import backlogOverflow from "@/content/scenarios/backlog-overflow.json";
import backlogOverflowAbort from "@/content/scenarios/backlog-overflow-abort.json";
import backlogSomaxconnClamp from "@/content/scenarios/backlog-somaxconn-clamp.json";
import synFloodNoCookies from "@/content/scenarios/syn-flood-no-cookies.json";
import synFloodCookies from "@/content/scenarios/syn-flood-cookies.json";
import timeWaitRebindEaddrinuse from "@/content/scenarios/time-wait-rebind-eaddrinuse.json";
import timeWaitRebindReuseaddr from "@/content/scenarios/time-wait-rebind-reuseaddr.json";
import timeWaitRfc92932msl from "@/content/scenarios/time-wait-rfc9293-2msl.json";
import halfClose from "@/content/scenarios/half-close.json";
import simultaneousOpen from "@/content/scenarios/simultaneous-open.json";
import simultaneousClose from "@/content/scenarios/simultaneous-close.json";
import selfConnect from "@/content/scenarios/self-connect.json";
import rstUnreadData from "@/content/scenarios/rst-unread-data.json";
import rstLingerZero from "@/content/scenarios/rst-linger-zero.json";
import rstDataAfterClose from "@/content/scenarios/rst-data-after-close.json";
import closeWaitLeak from "@/content/scenarios/close-wait-leak.json";
import finWait2Timeout from "@/content/scenarios/fin-wait-2-timeout.json";
import ipv6DualStack from "@/content/scenarios/ipv6-dual-stack.json";

export const PRESET_IDS = [
  "normal-lifecycle",
  "handshake-lost-syn",
  "handshake-lost-synack",
  "handshake-lost-ack",
  "teardown-lost-fin",
  "teardown-lost-fin-ack",
  "teardown-lost-second-fin",
  "teardown-lost-last-ack",
  "three-segment-teardown",
  "four-segment-teardown",
  "connect-refused",
  "connect-timeout",
  "connection-without-accept",
  "backlog-overflow",
  "backlog-overflow-abort",
  "backlog-somaxconn-clamp",
  "syn-flood-no-cookies",
  "syn-flood-cookies",
  "time-wait-rebind-eaddrinuse",
  "time-wait-rebind-reuseaddr",
  "time-wait-rfc9293-2msl",
  "half-close",
  "simultaneous-open",
  "simultaneous-close",
  "self-connect",
  "rst-unread-data",
  "rst-linger-zero",
  "rst-data-after-close",
  "close-wait-leak",
  "fin-wait-2-timeout",
  "ipv6-dual-stack",
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export type Preset = {
  id: PresetId;
  title: BilingualText;
  description: BilingualText;
  tags: string[];
  scenario: Scenario;
};

const bilingualSchema = localizedSchema(z.string().min(1));
export const presetFileSchema = z.object({
  id: z.string(),
  title: bilingualSchema,
  description: bilingualSchema,
  tags: z.array(z.string()).min(1),
  scenario: scenarioSchema,
});

const RAW: Record<PresetId, unknown> = {
  "normal-lifecycle": normalLifecycle,
  "handshake-lost-syn": handshakeLostSyn,
  "handshake-lost-synack": handshakeLostSynack,
  "handshake-lost-ack": handshakeLostAck,
  "teardown-lost-fin": teardownLostFin,
  "teardown-lost-fin-ack": teardownLostFinAck,
  "teardown-lost-second-fin": teardownLostSecondFin,
  "teardown-lost-last-ack": teardownLostLastAck,
  "three-segment-teardown": threeSegmentTeardown,
  "four-segment-teardown": fourSegmentTeardown,
  "connect-refused": connectRefused,
  "connect-timeout": connectTimeout,
  "connection-without-accept": connectionWithoutAccept,
  "backlog-overflow": backlogOverflow,
  "backlog-overflow-abort": backlogOverflowAbort,
  "backlog-somaxconn-clamp": backlogSomaxconnClamp,
  "syn-flood-no-cookies": synFloodNoCookies,
  "syn-flood-cookies": synFloodCookies,
  "time-wait-rebind-eaddrinuse": timeWaitRebindEaddrinuse,
  "time-wait-rebind-reuseaddr": timeWaitRebindReuseaddr,
  "time-wait-rfc9293-2msl": timeWaitRfc92932msl,
  "half-close": halfClose,
  "simultaneous-open": simultaneousOpen,
  "simultaneous-close": simultaneousClose,
  "self-connect": selfConnect,
  "rst-unread-data": rstUnreadData,
  "rst-linger-zero": rstLingerZero,
  "rst-data-after-close": rstDataAfterClose,
  "close-wait-leak": closeWaitLeak,
  "fin-wait-2-timeout": finWait2Timeout,
  "ipv6-dual-stack": ipv6DualStack,
};

function load(id: PresetId): Preset {
  const r = presetFileSchema.safeParse(RAW[id]);
  if (!r.success) throw new Error(`content/scenarios/${id}.json is invalid: ${r.error.message}`);
  if (r.data.id !== id) throw new Error(`content/scenarios/${id}.json has id "${r.data.id}"`);
  return { ...r.data, id };
}

export const PRESETS: Record<PresetId, Preset> = Object.fromEntries(PRESET_IDS.map((id) => [id, load(id)])) as Record<
  PresetId,
  Preset
>;

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

export function getPreset(id: string): Preset | undefined {
  return isPresetId(id) ? PRESETS[id] : undefined;
}
