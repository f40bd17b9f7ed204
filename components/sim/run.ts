import * as tcp from "@/lib/tcp";
import type { BilingualText, Scenario, Trace } from "@/lib/tcp";

/** A preset as `lib/tcp/presets.ts` publishes it (content/scenarios/<id>.json). */
export type PresetLike = { id: string; title: BilingualText; description: BilingualText; tags: string[]; scenario: Scenario };

/**
 * Looks a preset up through the simulator's public API. Read through the namespace so this
 * module keeps compiling while lib/tcp's preset loader lands (it is published in README.md but
 * built in parallel, issue #3).
 */
export function findPreset(id: string): PresetLike | undefined {
  const api = tcp as unknown as { getPreset?: (id: string) => PresetLike | undefined; PRESETS?: Record<string, PresetLike> };
  try {
    return api.getPreset?.(id) ?? api.PRESETS?.[id];
  } catch {
    return undefined;
  }
}

/** Every preset, in the simulator's order. */
export function listPresets(): PresetLike[] {
  const api = tcp as unknown as { PRESETS?: Record<string, PresetLike>; PRESET_IDS?: readonly string[] };
  const all = api.PRESETS ?? {};
  const ids = api.PRESET_IDS ?? Object.keys(all);
  return ids.map((id) => all[id]).filter((p): p is PresetLike => p !== undefined);
}

export type RunResult = { ok: true; trace: Trace } | { ok: false; message: string };

/**
 * Runs a validated scenario. A diagram embedded in a lesson must never take the page down with
 * it, so a simulator exception becomes a visible message (and a server log line) instead.
 */
export function runScenario(scenario: Scenario): RunResult {
  try {
    return { ok: true, trace: tcp.simulate(scenario) };
  } catch (error) {
    console.error("[sim] simulate failed", error);
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
