import { createTranslator } from "next-intl";
import { z } from "zod";
import { loadMessages } from "@/i18n/messages";
import { DomainError, domainError, isLocale, type Locale } from "@/lib/core";
import { isDatabaseDown, RETRY_AFTER_SECONDS } from "./db-health";
import { cleanDeep, JSON_BOUNDS, withinJsonBounds } from "./sanitize";

/**
 * Helpers shared by every route handler: a localized JSON error body, bounded body reading, and
 * `withApi`, the one wrapper every route handler goes through (its contract is on it below).
 * Every error body is `{ error: { code, message, issues? } }`.
 */

export function requestLocale(request: Request): Locale {
  const cookie = request.headers.get("cookie")?.match(/(?:^|;\s*)NEXT_LOCALE=(en|zh)/)?.[1];
  if (isLocale(cookie)) return cookie;
  const accept = request.headers.get("accept-language") ?? "";
  return /^\s*zh/i.test(accept) ? "zh" : "en";
}

/** A download's language: `?locale=` when it names one, else the request's (CSV exports). */
export function queryLocale(request: Request): Locale {
  const q = new URL(request.url).searchParams.get("locale");
  return isLocale(q) ? q : requestLocale(request);
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator outside React (route handlers, services); messages are not statically typed here. */
export function translator(locale: Locale, namespace = "common.api"): Translate {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace });
  return (key, values) => (t as unknown as Translate)(key, values);
}

/**
 * A refused request, whatever the endpoint: the codes are keys under `common.api` in
 * messages/<locale>/common.json. Thrown or returned (apiError), it is the same 4xx/503.
 */
export const RequestError = domainError("common.api", {
  400: ["invalidJson", "invalidInput"],
  401: ["unauthenticated"],
  // wrongOrigin: a browser's request sent by another site (CSRF), `isCrossOrigin` below.
  403: ["forbidden", "wrongOrigin"],
  404: ["notFound"],
  409: ["conflict"],
  413: ["tooLarge"],
  415: ["unsupportedMediaType"],
  429: ["rateLimited"],
  503: ["unavailable"],
});
export type RequestError = InstanceType<typeof RequestError>;
export type ApiErrorCode = RequestError["code"];

/** The localized message of any DomainError (its code, in the namespace it carries). */
export function domainErrorMessage(locale: Locale, error: DomainError): string {
  return translator(locale, error.namespace)(error.code, error.values);
}

/** A DomainError as the JSON error body every route handler uses (`{ error: { code, message } }`). */
export function domainErrorResponse(locale: Locale, error: DomainError, headers?: HeadersInit): Response {
  return Response.json({ error: { code: error.code, message: domainErrorMessage(locale, error) } }, { status: error.status, headers });
}

/** zod issues as the `issues` of an error body: at most 20, each `{ path, message }`. */
export function issueList(issues: readonly z.core.$ZodIssue[], translate?: Translate): { path: string; message: string }[] {
  return issues.slice(0, 20).map((i) => ({
    path: i.path.join(".") || "(root)",
    // Schemas whose messages are message keys (e.g. lib/validation/auth.ts) name their namespace.
    message: translate && /^[a-zA-Z]+$/.test(i.message) ? translate(i.message) : i.message,
  }));
}

/**
 * A browser's request sent from another site (cross-site request forgery): the Origin header is
 * present and names another host than the one the request was sent to — what Next.js itself
 * compares for server actions (next/dist/server/app-render/action-handler.js: Origin host
 * against x-forwarded-host or host). A browser always sends Origin on a cross-site POST, and a
 * page can forge neither it nor Host; a request without Origin is not a browser's cross-site one.
 * An Origin of "null" (sandboxed frames, file: pages) or one that is not a URL is refused.
 * @see https://fetch.spec.whatwg.org/#origin-header
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#using-standard-headers-to-verify-origin
 */
export function isCrossOrigin(headers: Headers, fallbackHost?: string): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let from: string;
  try {
    from = new URL(origin).host;
  } catch {
    return true;
  }
  const to = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallbackHost;
  return !from || !to || from.toLowerCase() !== to.toLowerCase();
}

/** The request's declared size (Content-Length), 0 when absent or not a number. */
export function declaredBytes(headers: Headers): number {
  const n = Number(headers.get("content-length") ?? "0");
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function apiError(
  locale: Locale,
  code: ApiErrorCode,
  extra: { values?: Record<string, string | number>; issues?: { path: string; message: string }[]; message?: string; headers?: HeadersInit } = {},
): Response {
  const t = translator(locale);
  const message = extra.message ?? t(code, extra.values ?? {});
  return Response.json({ error: { code, message, ...(extra.issues ? { issues: extra.issues } : {}) } }, { status: RequestError.statuses[code], headers: extra.headers });
}

/**
 * The body, at most `maxBytes` of it (checked against Content-Length and again while streaming,
 * so a lying Content-Length cannot make the server buffer more); null when it is larger.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (declaredBytes(request.headers) > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Reads a JSON body of at most `maxBytes` (checked while streaming, so a lying Content-Length
 * cannot make the server buffer more) and validates it with `schema`.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number,
  options: { issueNamespace?: string } = {},
): Promise<ParsedBody<z.infer<S>>> {
  const locale = requestLocale(request);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: apiError(locale, "unsupportedMediaType") };
  const bytes = await readBody(request, maxBytes);
  if (!bytes) return { ok: false, response: apiError(locale, "tooLarge", { values: { limit: maxBytes } }) };
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(locale, "invalidJson") };
  }
  // Depth and size first: nothing below may walk an unbounded structure (issue #14).
  if (!withinJsonBounds(json)) {
    return { ok: false, response: apiError(locale, "invalidInput", { message: translator(locale)("tooDeep", { depth: JSON_BOUNDS.maxDepth, nodes: JSON_BOUNDS.maxNodes }) }) };
  }
  // NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL, neither driver encodes a
  // lone surrogate): clean them here once for every JSON endpoint (lib/server/sanitize.ts).
  const parsed = schema.safeParse(cleanDeep(json));
  if (!parsed.success) {
    const issues = issueList(parsed.error.issues, options.issueNamespace ? translator(locale, options.issueNamespace) : undefined);
    return { ok: false, response: apiError(locale, "invalidInput", { issues }) };
  }
  return { ok: true, data: parsed.data };
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The largest body any route handler takes unless it says otherwise (`maxBytes`). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type ApiOptions = {
  /** Refuse a declared Content-Length above this with 413 before the handler runs (default 1 MiB). */
  maxBytes?: number;
  /** The language of error messages, when the route takes it from elsewhere than the request's cookie/Accept-Language. */
  locale?: (request: Request) => Locale;
};

/**
 * The route-handler wrapper. Contract, in order (issue #13; every app/api route uses it):
 * 1. A cross-site browser request with a body method (anything but GET, HEAD, OPTIONS) → 403
 *    `wrongOrigin` (isCrossOrigin above); the handler does not run.
 * 2. A declared Content-Length above `maxBytes` → 413 `tooLarge`; the handler does not run.
 *    Handlers that read the body still bound it while streaming (readJson, readBody).
 * 3. The handler runs. What it throws becomes, localized (cookie / Accept-Language, or `locale`):
 *    - a DomainError (QuizError, FlashcardError, InterviewError, AuthError, RequestError…) →
 *      its own status and message, `{ error: { code, message } }`;
 *    - a zod validation failure (`schema.parse`) → 400 `invalidInput` with `issues`;
 *    - the database being unreachable → 503 `unavailable` with Retry-After;
 *    - anything else is a bug → logged, 500 with a generic message (no internals).
 * Responses the handler returns itself pass through unchanged.
 */
export function withApi<C>(handler: Handler<C>, options: ApiOptions = {}): Handler<C> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request, context) => {
    const locale = options.locale?.(request) ?? requestLocale(request);
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && isCrossOrigin(request.headers, new URL(request.url).host)) return apiError(locale, "wrongOrigin");
    if (declaredBytes(request.headers) > maxBytes) return apiError(locale, "tooLarge", { values: { limit: maxBytes } });
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof DomainError) return domainErrorResponse(locale, error);
      if (error instanceof z.ZodError) return apiError(locale, "invalidInput", { issues: issueList(error.issues) });
      if (isDatabaseDown(error)) return apiError(locale, "unavailable", { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
      console.error("[api] unexpected error", error);
      return Response.json({ error: { code: "internal", message: translator(locale, "common.errors")("genericBody") } }, { status: 500 });
    }
  };
}
