/**
 * Scenario pieces most families share: two hosts on one link, a listening server.
 */
import { z } from "zod";
import type { ScenarioInput } from "@/lib/tcp";
import type { Localized } from "@/lib/core";
import type { Rng } from "./rng";
import type { ScriptBuilder } from "./trace-query";

export const CLIENT_IP = "10.0.0.1";
export const SERVER_IP = "10.0.0.2";

export const TWO_HOSTS: ScenarioInput["hosts"] = [
  { name: "client", ip: CLIENT_IP },
  { name: "server", ip: SERVER_IP },
];

/** One-way latencies (ms) that keep the arithmetic readable. Whole ms ⇒ every trace time is exact. */
export const LATENCIES = [1, 2, 5, 10, 20, 25, 50] as const;

export function pickLatency(rng: Rng, choices: readonly number[] = LATENCIES): number {
  return rng.pick(choices);
}

export const PORTS = [80, 443, 8080, 5000, 6379, 3306, 5432, 9000, 8443, 2222] as const;

export function pickPort(rng: Rng): number {
  return rng.pick(PORTS);
}

/**
 * Server side: bind + listen at t=0 and (optionally) a blocking accept whose returned handle
 * is `as`. Returns the accept step's id (for `after` chains) when accept is scripted.
 */
export function listeningServer(
  script: ScriptBuilder,
  port: number,
  opts: { backlog?: number; accept?: string; reuseaddr?: boolean; listener?: string } = {},
): { acceptStep?: number; acceptId?: string; listener: string } {
  const l = opts.listener ?? "l";
  if (opts.reuseaddr) script.add({ at: 0, host: "server", sock: l, call: "setsockopt", opt: "SO_REUSEADDR", value: true });
  script.add({ at: 0, host: "server", sock: l, call: "bind", port });
  script.add({ at: 0, host: "server", sock: l, call: "listen", backlog: opts.backlog ?? 128 });
  if (opts.accept === undefined) return { listener: l };
  const acceptId = `acc_${opts.accept}`;
  const acceptStep = script.add({ id: acceptId, at: 0, host: "server", sock: l, call: "accept", as: opts.accept });
  return { acceptStep, acceptId, listener: l };
}

/** Instructor choice of simulator profile: "auto" = Linux at difficulty 1–2, either at 3. */
export const PROFILE_CHOICES = ["auto", "linux", "rfc9293", "mixed"] as const;
export type ProfileChoice = (typeof PROFILE_CHOICES)[number];
/** The config field of the families that let the instructor choose the profile. */
export const profileChoiceSchema = z.enum(PROFILE_CHOICES).default("auto");

export function pickProfile(rng: Rng, choice: ProfileChoice, difficulty: number): "linux" | "rfc9293" {
  const draw = rng.pick(["linux", "rfc9293"] as const); // always drawn, so other draws do not shift
  if (choice === "linux" || choice === "rfc9293") return choice;
  if (choice === "mixed" || difficulty >= 3) return draw;
  return "linux";
}

/** One setting shown with a question: a localized name and a value (numbers, sysctl values). */
export type Knob = [Localized, string | number | Localized];

/** The settings that matter for a question, as a Markdown list in both languages. */
export function knobList(knobs: Knob[]): Localized {
  const v = (x: Knob[1], lang: "en" | "zh") => (typeof x === "object" ? x[lang] : String(x));
  return {
    en: knobs.map(([k, x]) => `- ${k.en}: **${v(x, "en")}**`).join("\n"),
    zh: knobs.map(([k, x]) => `- ${k.zh}：**${v(x, "zh")}**`).join("\n"),
  };
}

/** Names of the knobs several families show. */
export const KNOB = {
  profile: { en: "behaviour", zh: "行为模型" },
  latency: { en: "one-way latency (ms)", zh: "单向时延（ms）" },
  linux: { en: "Linux 6.x", zh: "Linux 6.x" },
  rfc: { en: "RFC 9293 textbook (RFC 6298 timers)", zh: "RFC 9293 教科书（RFC 6298 定时器）" },
} satisfies Record<string, Localized>;

export function profileKnob(profile: "linux" | "rfc9293"): Knob {
  return [KNOB.profile, profile === "linux" ? KNOB.linux : KNOB.rfc];
}
