import { z } from "zod";
import { scenarioSchema, SYSCTL_DEFAULTS, SYSCTL_KEYS, sysctlSchema, type SysctlKey } from "@/lib/tcp/scenario";

/**
 * The kernel knobs as the playground's form offers them, read off the scenario schema itself
 * (lib/tcp/scenario.ts `sysctlSchema`) so a knob added there appears in the form with its own
 * bounds and default, and nothing here restates them: an enumerated knob (`tcp_syncookies`
 * 0/1/2, `tcp_timestamps` 0/1, …) becomes a choice, a numeric one a number field with the
 * schema's bounds, `ip_local_port_range` a pair of ports.
 */
export type Knob =
  | { key: SysctlKey; kind: "choice"; values: number[]; default: number }
  | { key: SysctlKey; kind: "number"; min: number | null; max: number | null; integer: boolean; default: number }
  | { key: SysctlKey; kind: "range"; default: readonly [number, number] };

function describe(key: SysctlKey): Knob {
  const inner = sysctlSchema.shape[key].unwrap() as z.ZodType;
  const fallback = SYSCTL_DEFAULTS[key];
  if (Array.isArray(fallback)) return { key, kind: "range", default: [fallback[0], fallback[1]] };
  if (inner instanceof z.ZodUnion) {
    const values = (inner.options as z.ZodType[]).flatMap((o) => (o instanceof z.ZodLiteral && typeof o.value === "number" ? [o.value] : []));
    return { key, kind: "choice", values, default: fallback as number };
  }
  const num = inner instanceof z.ZodNumber ? inner : null;
  return { key, kind: "number", min: num?.minValue ?? null, max: num?.maxValue ?? null, integer: num?.isInt ?? false, default: fallback as number };
}

/** Every knob of the schema, in its order. */
export const KNOBS: readonly Knob[] = SYSCTL_KEYS.map(describe);

export function knob(key: string): Knob | undefined {
  return KNOBS.find((k) => k.key === key);
}

/**
 * A port-range pair from the form: either end left empty takes the default's end; both empty
 * is no override at all.
 */
export function portRange(low: number | undefined, high: number | undefined, fallback: readonly [number, number]): [number, number] | undefined {
  if (low === undefined && high === undefined) return undefined;
  return [low ?? fallback[0], high ?? fallback[1]];
}

/**
 * The schema's defaults for the scenario's other fields (seed, link), read off the schema the
 * same way: what a form field shows while it is empty.
 */
const defaults = scenarioSchema.parse({ hosts: [{ name: "a", ip: "10.0.0.1" }] });
export const SCENARIO_DEFAULTS = { seed: defaults.seed, latencyMs: defaults.link.latencyMs, mss: defaults.link.mss } as const;
