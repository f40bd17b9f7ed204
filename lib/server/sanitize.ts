/**
 * Untrusted strings on their way to the database. PostgreSQL refuses NUL in text and JSON, and
 * neither driver can encode a lone UTF-16 surrogate as UTF-8: such input would become a 500
 * instead of a clear 4xx (issue #7's fuzz test found exactly that). Ids are checked against the
 * shape ours have (cuid); free text is cleaned.
 */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID.test(value);
}

/** An untrusted id, or "" when it is not shaped like one ("" names no row: the caller's "not found"). */
export function idOrEmpty(value: unknown): string {
  return isId(value) ? value : "";
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except tab, line feed and carriage return; DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Drops control characters and replaces lone surrogates with U+FFFD. */
export function cleanText(s: string): string {
  return s.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Bounds on untrusted JSON, checked before anything walks it recursively (issue #14: a body of
 * `[[[…3000 levels…]]]` overflowed cleanDeep's recursion into a 500). No request of ours nests
 * deeper than a handful of levels or holds more than a few thousand values.
 */
export const JSON_BOUNDS = { maxDepth: 32, maxNodes: 50_000 } as const;

/** Whether `value` nests at most maxDepth levels and holds at most maxNodes values (iterative). */
export function withinJsonBounds(value: unknown, bounds: { maxDepth: number; maxNodes: number } = JSON_BOUNDS): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    nodes += 1;
    if (nodes > bounds.maxNodes || depth > bounds.maxDepth) return false;
    if (node !== null && typeof node === "object") {
      for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return true;
}

/**
 * cleanText on every string (keys included) of a JSON-like value. Anything nested deeper than
 * JSON_BOUNDS.maxDepth becomes null — no schema of ours accepts that, so it is refused as invalid
 * input — which keeps the recursion bounded whatever the caller passes.
 */
export function cleanDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (value === null || typeof value !== "object") return value;
  if (depth >= JSON_BOUNDS.maxDepth) return null as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanDeep(v, depth + 1)])) as T;
}
