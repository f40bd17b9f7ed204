import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { loadMessages } from "./i18n/messages";
import { routing } from "./i18n/routing";
import type { Locale } from "./lib/core";
import { attachProxy, databaseMarkedDown, PAGE_URL_HEADER } from "./lib/server/db-health";
import { dbKindOf } from "./lib/server/migrate";
import { outagePage, pageNeedingDatabase } from "./lib/server/outage-page";

const intl = createMiddleware(routing);

// PostgreSQL only (SQLite is a file: it has no outages to wait out, and its requests keep the
// exact path they had). lib/server/db-health.ts explains the shared state and the token.
const token = dbKindOf(process.env.DATABASE_URL ?? "") === "postgres" ? attachProxy() : null;

/**
 * Next 16 calls the request middleware "proxy". It negotiates the locale prefix and, while the
 * database is unreachable, answers pages that need it with a 503 (issue #7). Access control
 * happens in route-group layouts and again in every action and route handler. API routes are not
 * matched: withApi (lib/server/http.ts) answers their database failures with a 503 JSON itself,
 * and recovers on the first query that succeeds.
 */
export default function proxy(request: NextRequest) {
  const tooLong = uriTooLong(request.nextUrl.pathname);
  if (tooLong) return tooLong;
  if (token !== null) {
    const { pathname, search } = request.nextUrl;
    const locale = databaseMarkedDown() ? pageNeedingDatabase(pathname) : null;
    if (locale) return outagePage(locale, pathname + withoutRsc(search));
    // next-intl passes the request's headers on to the page (NextResponse.next({ request })),
    // so a render that discovers an outage can redirect to this URL (lib/server/db-outage.ts).
    if (request.method === "GET" || request.method === "HEAD") request.headers.set(PAGE_URL_HEADER, `${token} ${pathname}${withoutRsc(search)}`);
    else request.headers.delete(PAGE_URL_HEADER);
  }
  return intl(request);
}

/**
 * The longest page path served (issue #14: a bound on URL length). No page of the app comes near
 * it (the longest are a locale, a section and an id or slug); a longer one is refused with 414
 * before next-intl copies the path into three hreflang URLs of the `Link` header — with a 6 KB
 * path that header passed 16 KB, more than Node's HTTP client (and many proxies) will read.
 * Share links keep the scenario in the query (`/sim?s=`, bounded by LIMITS.maxShareParamChars).
 * @see RFC 9110 §15.5.15 (414 URI Too Long)
 */
const MAX_PATH_CHARS = 1024;

function uriTooLong(pathname: string): Response | null {
  if (pathname.length <= MAX_PATH_CHARS) return null;
  const locale: Locale = pathname.startsWith("/zh/") ? "zh" : "en";
  const { errors } = loadMessages(locale).common as { errors: Record<string, string> };
  return new Response(errors.uriTooLong, { status: 414, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Drops Next's `_rsc` cache-busting parameter of client navigations: it is not part of the page's URL. */
function withoutRsc(search: string): string {
  if (!search.includes("_rsc=")) return search;
  const params = new URLSearchParams(search);
  params.delete("_rsc");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

export const config = {
  // Everything except API routes, Next internals and files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
