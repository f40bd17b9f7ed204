/**
 * Sharing a playground run by URL: `?preset=<id>` for an untouched preset, otherwise
 * `?s=<base64url of compact JSON>` (RFC 4648 §5, no padding). Works in the browser and on the
 * server (TextEncoder, btoa/atob are global in both), so the page that opens a shared link
 * simulates exactly what the sharer ran.
 */
import { scenarioSchema, type ScenarioIssue, LIMITS } from "@/lib/tcp/scenario";

export function encodeScenarioParam(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Longest `s` parameter accepted: the API's scenario size limit, base64-expanded. */
export const MAX_PARAM_CHARS = Math.ceil((LIMITS.maxScenarioJsonBytes * 4) / 3) + 4;

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

/**
 * The same scenario with every field that only restates a default removed, so the editor and
 * share links show what matters. Fields are removed one at a time and kept only when removing
 * them changes the validated scenario — the schema itself decides what a default is, so this
 * cannot drift from lib/tcp. Returns the input unchanged when it does not validate.
 */
export function compactScenario(input: unknown): unknown {
  const first = scenarioSchema.safeParse(input);
  if (!first.success) return input;
  const target = JSON.stringify(first.data);
  const root: unknown = structuredClone(input);
  const same = () => {
    const r = scenarioSchema.safeParse(root);
    return r.success && JSON.stringify(r.data) === target;
  };
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    for (const key of Object.keys(node)) {
      const value = node[key];
      delete node[key];
      if (same()) continue;
      node[key] = value;
      visit(value);
    }
  };
  visit(root);
  return root;
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
