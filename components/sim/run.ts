import { getPreset, PRESET_IDS, PRESETS, simulate, type Preset, type Scenario, type Trace } from "@/lib/tcp";

/** A preset scenario (content/scenarios/<id>.json) by id, or undefined for an unknown id. */
export function findPreset(id: string): Preset | undefined {
  return getPreset(id);
}

/** Every preset, in the simulator's order. */
export function listPresets(): Preset[] {
  return PRESET_IDS.map((id) => PRESETS[id]);
}

export type RunResult = { ok: true; trace: Trace } | { ok: false; message: string };

/**
 * Runs a validated scenario. A diagram embedded in a lesson must never take the page down with
 * it, so a simulator exception becomes a visible message (and a server log line) instead.
 */
export function runScenario(scenario: Scenario): RunResult {
  try {
    return { ok: true, trace: simulate(scenario) };
  } catch (error) {
    console.error("[sim] simulate failed", error);
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
