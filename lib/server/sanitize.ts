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

/** cleanText on every string (keys included) of a JSON-like value. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}
