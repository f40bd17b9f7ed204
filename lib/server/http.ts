import { createTranslator } from "next-intl";
import type { z } from "zod";
import { loadMessages } from "@/i18n/messages";
import { isLocale, type Locale } from "@/i18n/routing";
import { AuthError } from "./auth";
import { isDatabaseDown, RETRY_AFTER_SECONDS } from "./db-health";
import { cleanDeep } from "./sanitize";

/**
 * Helpers shared by every route handler: a localized JSON error body, bounded JSON parsing, and
 * a wrapper that turns auth failures into 401/403 and anything unexpected into a logged 500
 * without leaking internals. Every error body is `{ error: { code, message, issues? } }`.
 */

export function requestLocale(request: Request): Locale {
  const cookie = request.headers.get("cookie")?.match(/(?:^|;\s*)NEXT_LOCALE=(en|zh)/)?.[1];
  if (isLocale(cookie)) return cookie;
  const accept = request.headers.get("accept-language") ?? "";
  return /^\s*zh/i.test(accept) ? "zh" : "en";
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator outside React (route handlers, services); messages are not statically typed here. */
export function translator(locale: Locale, namespace = "common.api"): Translate {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace });
  return (key, values) => (t as unknown as Translate)(key, values);
}

export type ApiErrorCode =
  | "invalidJson"
  | "tooLarge"
  | "unsupportedMediaType"
  | "invalidInput"
  | "unauthenticated"
  | "forbidden"
  | "notFound"
  | "rateLimited"
  | "unavailable"
  | "conflict";

const statusOf: Record<ApiErrorCode, number> = {
  invalidJson: 400,
  invalidInput: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  unavailable: 503,
};

export function apiError(
  locale: Locale,
  code: ApiErrorCode,
  extra: { values?: Record<string, string | number>; issues?: { path: string; message: string }[]; message?: string; headers?: HeadersInit } = {},
): Response {
  const t = translator(locale);
  const message = extra.message ?? t(code, extra.values ?? {});
  return Response.json({ error: { code, message, ...(extra.issues ? { issues: extra.issues } : {}) } }, { status: statusOf[code], headers: extra.headers });
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
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, response: apiError(locale, "tooLarge", { values: { limit: maxBytes } }) };
  let text = "";
  if (request.body) {
    const reader = request.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, response: apiError(locale, "tooLarge", { values: { limit: maxBytes } }) };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(locale, "invalidJson") };
  }
  // NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL, neither driver encodes a
  // lone surrogate): clean them here once for every JSON endpoint (lib/server/sanitize.ts).
  const parsed = schema.safeParse(cleanDeep(json));
  if (!parsed.success) {
    // Schemas whose messages are message keys (e.g. lib/validation/auth.ts) name their namespace.
    const t = options.issueNamespace ? translator(locale, options.issueNamespace) : null;
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({
      path: i.path.join(".") || "(root)",
      message: t && /^[a-zA-Z]+$/.test(i.message) ? t(i.message) : i.message,
    }));
    return { ok: false, response: apiError(locale, "invalidInput", { issues }) };
  }
  return { ok: true, data: parsed.data };
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function withApi<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const locale = requestLocale(request);
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof AuthError) return apiError(locale, error.status === 401 ? "unauthenticated" : "forbidden");
      if (isDatabaseDown(error)) return apiError(locale, "unavailable", { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
      console.error("[api] unexpected error", error);
      return Response.json({ error: { code: "internal", message: translator(locale, "common.errors")("genericBody") } }, { status: 500 });
    }
  };
}
