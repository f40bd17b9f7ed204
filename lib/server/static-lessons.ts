/**
 * Lessons at static speed (issue #16). A lesson page is prerendered HTML without any runtime
 * (pages/[locale]/lessons/[slug].tsx, Pages Router with `unstable_runtimeJS: false`), identical
 * for every visitor: the signed-in header is an island filled in by public/lesson.js. Yet each
 * request went through Next's router, the proxy (next-intl) and gzip level 6 of up to 535 KB —
 * about 9 ms of CPU for a file. Here the production server (scripts/serve.ts) answers it like a
 * static file instead: brotli and gzip written once after the build (next to Next's own
 * prerendered .html), held in memory, a stable strong ETag per encoding, 304 on a match.
 *
 * Only the plain case takes this path; anything else goes to Next as before:
 * - GET/HEAD of exactly /<locale>/lessons/<slug>;
 * - when the proxy would change nothing: next-intl only adds a NEXT_LOCALE cookie to a document
 *   request whose cookie differs from the URL's locale, or that has none and whose
 *   Accept-Language negotiates another locale (next-intl 4, src/middleware/syncCookie.tsx). That
 *   decision is made here with the same two libraries next-intl uses (negotiator and
 *   @formatjs/intl-localematcher), so a language switch is still remembered by the proxy.
 *
 * The response carries the headers Next would send: the `headers()` of next.config.js as the
 * build baked them into routes-manifest.json (security headers, lib/security-headers.js), the
 * Cache-Control Next gives a prerendered page without revalidation, and the proxy's alternate
 * `Link` header (next-intl 4, src/middleware/getAlternateLinksHeaderValue.tsx). A query string,
 * or a Host it would have to normalize, leaves the request to Next.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3 (ETag), #section-13.1.2 (If-None-Match)
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { LOCALE_COOKIE, routing } from "@/i18n/routing";
import { locales, type Locale } from "@/lib/core";

type Encoding = "br" | "gzip" | "identity";

type LessonFile = { bodies: Record<Encoding, Buffer>; etags: Record<Encoding, string> };

/** What Next sends for a prerendered page that never revalidates (next/dist/server/lib/cache-control.js). */
export const PRERENDERED_CACHE_CONTROL = "s-maxage=31536000";

const lessonsDir = (distDir: string, locale: Locale) => path.join(distDir, "server", "pages", locale, "lessons");

function lessonHtmlFiles(distDir: string): { locale: Locale; slug: string; file: string }[] {
  return locales.flatMap((locale) => {
    const dir = lessonsDir(distDir, locale);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith(".html"))
      .map((name) => ({ locale, slug: name.slice(0, -".html".length), file: path.join(dir, name) }));
  });
}

/**
 * Writes `<lesson>.html.br` (quality 11, text mode) and `<lesson>.html.gz` (level 9) beside every
 * prerendered lesson of a build, unless they are already there and newer than the HTML. Returns
 * how many lessons were compressed. Run after `next build` (scripts/precompress-lessons.ts) and,
 * for builds made by a bare `next build`, by the server's primary process before it forks.
 */
export function precompressLessons(distDir: string): number {
  let written = 0;
  for (const { file } of lessonHtmlFiles(distDir)) {
    const mtime = statSync(file).mtimeMs;
    const fresh = (f: string) => existsSync(f) && statSync(f).mtimeMs >= mtime;
    if (fresh(`${file}.br`) && fresh(`${file}.gz`)) continue;
    const html = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(html, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: html.length },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(html, { level: 9 }));
    written += 1;
  }
  return written;
}

/** A strong validator from the bytes sent: the same in every worker process and after a restart. */
function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** The lessons of a build, keyed by path (`/en/lessons/time-wait`); missing compressed files are made in memory. */
export function loadLessons(distDir: string): Map<string, LessonFile> {
  const out = new Map<string, LessonFile>();
  for (const { locale, slug, file } of lessonHtmlFiles(distDir)) {
    const identity = readFileSync(file);
    const br = existsSync(`${file}.br`) ? readFileSync(`${file}.br`) : brotliCompressSync(identity);
    const gzip = existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : gzipSync(identity, { level: 9 });
    const bodies = { br, gzip, identity };
    out.set(`/${locale}/lessons/${slug}`, { bodies, etags: { br: etagOf(br), gzip: etagOf(gzip), identity: etagOf(identity) } });
  }
  return out;
}

/**
 * The content coding to send for an Accept-Encoding header: br, else gzip, else none, honouring
 * q=0 ("not acceptable") and `*`. @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  const q = new Map<string, number>();
  for (const part of acceptEncoding.slice(0, 1000).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return "identity";
}

/** The cookies of a Cookie header (RFC 6265 §5.4 pairs; the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!(name in out)) out[name] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The value of one cookie in a Cookie header, undefined when absent. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  return parseCookies(header)[name];
}

const negotiated = new Map<string, string | undefined>();

/** next-intl's Accept-Language negotiation (src/middleware/resolveLocale.tsx getAcceptLanguageLocale), memoized per header. */
function acceptLanguageLocale(header: string | undefined): string | undefined {
  const key = (header ?? "").slice(0, 500);
  if (negotiated.has(key)) return negotiated.get(key);
  let locale: string | undefined;
  try {
    const languages = new Negotiator({ headers: { "accept-language": key || undefined } }).languages();
    // next-intl orders longer locale codes first (formatjs/formatjs#4469); ours are all two letters.
    const found = match(languages, [...locales], routing.defaultLocale);
    locale = locales.find((l) => l.toLowerCase() === found.toLowerCase());
  } catch {
    // An invalid language tag: next-intl sets the cookie then too.
  }
  // Browsers send a handful of distinct headers; an attacker's many distinct ones must not grow this.
  if (negotiated.size >= 1000) negotiated.clear();
  negotiated.set(key, locale);
  return locale;
}

/**
 * Whether next-intl's proxy would pass this request through untouched (it sets NEXT_LOCALE
 * otherwise). Mirrors next-intl 4's syncCookie: only document requests update the cookie.
 */
export function proxyLeavesUntouched(headers: IncomingMessage["headers"], locale: Locale): boolean {
  const dest = headers["sec-fetch-dest"];
  if (dest !== undefined && dest !== "document") return true;
  const cookie = cookieValue(headers.cookie, LOCALE_COOKIE.name);
  if (cookie !== undefined) return cookie === locale;
  return acceptLanguageLocale(headers["accept-language"]) === locale;
}

/** The headers next.config.js's `headers()` gives a path, as the build wrote them to routes-manifest.json. */
function configHeaders(distDir: string): { regex: RegExp; headers: { key: string; value: string }[] }[] {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")) as { headers?: { regex: string; headers: { key: string; value: string }[] }[] };
  return (manifest.headers ?? []).map((h) => ({ regex: new RegExp(h.regex), headers: h.headers }));
}

/** Whether an If-None-Match header matches one of the lesson's validators (weak comparison, RFC 9110 §13.1.2). */
function notModified(ifNoneMatch: string | undefined, file: LessonFile): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const tags = new Set(Object.values(file.etags));
  return ifNoneMatch.split(",").some((t) => tags.has(t.trim().replace(/^W\//, "")));
}

/** Host (and port) as next-intl reads it (x-forwarded-host first); null when it is not a plain host name. */
export function requestOrigin(headers: IncomingMessage["headers"]): string | null {
  const forwarded = headers["x-forwarded-host"];
  const host = typeof forwarded === "string" ? forwarded : headers.host;
  const proto = headers["x-forwarded-proto"] ?? "http";
  if (!host || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) || (proto !== "http" && proto !== "https")) return null;
  return `${proto}://${host.toLowerCase()}`;
}

/** next-intl's alternate links for /<locale>/<rest>: every locale, then x-default (the unprefixed path). */
export function alternateLinks(origin: string, rest: string): string {
  return [...locales.map((l) => `<${origin}/${l}${rest}>; rel="alternate"; hreflang="${l}"`), `<${origin}${rest}>; rel="alternate"; hreflang="x-default"`].join(", ");
}

export type LessonHandler = { count: number; handle: (req: IncomingMessage, res: ServerResponse) => boolean };

/**
 * A request handler for the lessons of a build: answers and returns true, or returns false and
 * leaves the request to Next. Null when the build has no prerendered lessons.
 */
export function staticLessons(distDir: string): LessonHandler | null {
  const lessons = loadLessons(distDir);
  if (lessons.size === 0) return null;
  const rules = configHeaders(distDir);
  // Header lists per path, computed once (the config's sources are fixed at build time).
  const fixed = new Map<string, [string, string][]>();
  for (const p of lessons.keys()) {
    const list: [string, string][] = [];
    for (const rule of rules) if (rule.regex.test(p)) for (const h of rule.headers) list.push([h.key, h.value]);
    list.push(["Cache-Control", PRERENDERED_CACHE_CONTROL], ["Vary", "Accept-Encoding"]);
    fixed.set(p, list);
  }
  return {
    count: lessons.size,
    handle(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const p = req.url ?? "";
      const file = lessons.get(p);
      if (!file) return false;
      const locale = p.split("/")[1] as Locale;
      const origin = requestOrigin(req.headers);
      if (!origin || !proxyLeavesUntouched(req.headers, locale)) return false;
      for (const [k, v] of fixed.get(p)!) res.setHeader(k, v);
      res.setHeader("Link", alternateLinks(origin, p.slice(locale.length + 1)));
      const encoding = chooseEncoding(req.headers["accept-encoding"]);
      res.setHeader("ETag", file.etags[encoding]);
      if (notModified(req.headers["if-none-match"], file)) {
        res.statusCode = 304;
        res.end();
        return true;
      }
      const body = file.bodies[encoding];
      res.statusCode = 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
      res.setHeader("Content-Length", body.length);
      res.end(req.method === "HEAD" ? undefined : body);
      return true;
    },
  };
}
