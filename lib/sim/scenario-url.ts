/**
 * Sharing a playground run by URL: `?preset=<id>` for an untouched preset, otherwise
 * `?s=<base64url of compact JSON>` (RFC 4648 §5, no padding). Works in the browser and on the
 * server (TextEncoder, btoa/atob are global in both), so the page that opens a shared link
 * simulates exactly what the sharer ran.
 */
import type { z } from "zod";
import { scenarioSchema, type ScenarioIssue, LIMITS } from "@/lib/tcp/scenario";

export function encodeScenarioParam(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Longest `s` parameter accepted (lib/tcp LIMITS, the bounds shared by every entry point). */
export const MAX_PARAM_CHARS = LIMITS.maxShareParamChars;

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: "tooLong" | "malformed" };

export function decodeScenarioParam(param: string): DecodeResult {
  if (param.length > MAX_PARAM_CHARS) return { ok: false, reason: "tooLong" };
  if (!/^[A-Za-z0-9_-]*$/.test(param)) return { ok: false, reason: "malformed" };
  try {
    const binary = atob(param.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (param.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

type ZodDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[]; discriminator?: string };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** The object, array or discriminated-union schema under default/prefault/optional/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let d = defOf(s); ; d = defOf(s)) {
    if ((d.type === "default" || d.type === "prefault" || d.type === "optional" || d.type === "nullable" || d.type === "readonly") && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else return s;
  }
}

/** The schema of `value` inside `schema` for one level down, or null where we cannot tell. */
function childSchema(schema: z.ZodType, parent: unknown, key: string | number): z.ZodType | null {
  const d = defOf(unwrap(schema));
  if (d.type === "object" && typeof key === "string") return d.shape?.[key] ?? null;
  if (d.type === "array") return d.element ?? null;
  if (d.type === "union" && d.discriminator && isRecord(parent)) {
    // The option whose discriminator accepts the parent's value (e.g. step.call).
    const option = d.options?.find((o) => defOf(unwrap(o)).shape?.[d.discriminator!]?.safeParse(parent[d.discriminator!]).success);
    return option ? childSchema(option, parent, key) : null;
  }
  return null;
}

const outputOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? JSON.stringify(r.data) : undefined;
};

/**
 * The same scenario with every field that only restates a default removed, so the editor and
 * share links show what matters. A field is dropped when its own schema gives the same value
 * for "absent" as for what is written — the schema itself decides what a default is, so this
 * cannot drift from lib/tcp. Children are compacted first (a `sysctl` object whose knobs are
 * all defaults becomes `{}` and then goes). Each field is checked against its own schema, never
 * by re-validating the whole scenario, so the work is linear in the size of the input times its
 * (small) depth; one final validation confirms the meaning is unchanged (issue #14: the
 * per-field full re-parse was quadratic and let one share link take seconds of CPU).
 * Returns the input unchanged when it does not validate.
 */
export function compactScenario(input: unknown): unknown {
  const first = scenarioSchema.safeParse(input);
  if (!first.success) return input;
  const root: unknown = structuredClone(input);
  const visit = (node: unknown, schema: z.ZodType) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const child = childSchema(schema, node, i);
        if (child) visit(item, child);
      });
      return;
    }
    if (!isRecord(node)) return;
    for (const key of Object.keys(node)) {
      const child = childSchema(schema, node, key);
      if (!child) continue;
      visit(node[key], child);
      const absent = outputOf(child, undefined);
      if (absent !== undefined && absent === outputOf(child, node[key])) delete node[key];
    }
  };
  visit(root, scenarioSchema);
  const again = scenarioSchema.safeParse(root);
  return again.success && JSON.stringify(again.data) === JSON.stringify(first.data) ? root : input;
}

/** Deep equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameJson(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * The query string that reproduces `scenario`: the preset's id when it is one unchanged.
 * `presets` must already be compacted (the page does it once on the server; compaction costs a
 * few ms per scenario, too much to repeat for every preset on every keystroke).
 */
export function shareQuery(scenario: unknown, presets: { id: string; scenario: unknown }[]): string {
  const compact = compactScenario(scenario);
  const preset = presets.find((p) => sameJson(p.scenario, compact));
  return preset ? `preset=${encodeURIComponent(preset.id)}` : `s=${encodeScenarioParam(compact)}`;
}

export type { ScenarioIssue };
