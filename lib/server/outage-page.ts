import { loadMessages } from "@/i18n/messages";
import { RETRY_AFTER_SECONDS } from "./db-health";
import { locales, type Locale } from "@/lib/core";

/**
 * The answer proxy.ts gives to a page request while the database is unreachable (issue #7): a
 * real `503 Service Unavailable` with Retry-After, a small self-contained HTML page in the URL's
 * language that retries by itself, rendered without React or the database.
 * @see RFC 9110 §15.6.4 (503) and §10.2.3 (Retry-After)
 */

/**
 * Sections (first path segment after the locale) whose pages never read the database, plus the
 * locale's home page: they keep working during an outage. Every other page is answered with the
 * 503, so a new page that needs the database is covered without being listed anywhere.
 * outage-page.test.ts walks these pages' imports and fails if one reaches lib/server/db.ts.
 */
export const DATABASE_FREE_SECTIONS = ["lessons", "sim"] as const;

const localized = new RegExp(`^/(${locales.join("|")})(?:/([^/]*))?`);

/** The locale of a page that needs the database, or null for every other path. */
export function pageNeedingDatabase(pathname: string): Locale | null {
  const m = localized.exec(pathname);
  if (!m) return null; // no locale prefix: next-intl redirects it to a localized path first
  const section = m[2] ?? "";
  if (section === "" || (DATABASE_FREE_SECTIONS as readonly string[]).includes(section)) return null;
  return m[1] as Locale;
}

/** How often the page asks again. More often than Retry-After: a person is waiting, and each check costs the server one property read. */
const POLL_MS = 2000;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Common = { siteName: string; nav: Record<string, string>; errors: Record<string, string> };

/** The 503 page for `url` (the requested path and query, retried by the page). */
export function outagePage(locale: Locale, url: string): Response {
  const { siteName, nav, errors: t } = loadMessages(locale).common as Common;
  const e = (key: string) => escapeHtml(t[key] ?? key);
  const href = escapeHtml(url);
  // Self-contained: no stylesheet or script file to fetch (their names change with every build).
  // Colours are the app's (app/globals.css), chosen for WCAG AA contrast. The inline script and
  // style are allowed by the app's CSP (lib/security-headers.js). The status line is filled in by
  // the script, so a reader without JavaScript is not promised a reload that will not happen.
  const html = `<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e("unavailableTitle")} · ${escapeHtml(siteName)}</title>
<style>
body{margin:0;font-family:system-ui,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#14161a;background:#fbfcfd;line-height:1.5}
header{border-bottom:1px solid #d5d9e0;background:#fff}
header p,main{max-width:42rem;margin:0 auto;padding:1rem}
header p{font-weight:600}
main{padding-top:2.5rem}
h1{font-size:1.875rem;margin:0 0 .75rem}
.muted{color:#4a5160}
.button{display:inline-block;margin:1rem 0;padding:.5rem 1rem;border-radius:.375rem;background:#174ba6;color:#fff;font-weight:500;text-decoration:none}
.button:hover{background:#123a80}
a{color:#174ba6}
:focus-visible{outline:3px solid #1d5fd1;outline-offset:2px;border-radius:4px}
</style>
</head>
<body>
<header><p>${escapeHtml(siteName)}</p></header>
<main>
<h1>${e("unavailableTitle")}</h1>
<p class="muted">${e("unavailableBody")}</p>
<p id="retrying" role="status" data-text="${e("unavailableRetrying")}"></p>
<noscript><p>${e("unavailableNoScript")}</p></noscript>
<a class="button" href="${href}">${e("unavailableRetryNow")}</a>
<p class="muted">${e("unavailableStillWorks")} <a href="/${locale}/lessons">${escapeHtml(nav.lessons ?? "lessons")}</a> · <a href="/${locale}/sim">${escapeHtml(nav.simulator ?? "sim")}</a></p>
</main>
<script>
(function(){var s=document.getElementById("retrying");s.textContent=s.getAttribute("data-text");
function check(){fetch(location.href,{method:"HEAD",cache:"no-store"}).then(function(r){if(r.status!==503)location.reload();else setTimeout(check,${POLL_MS})},function(){setTimeout(check,${POLL_MS})})}
setTimeout(check,${POLL_MS})})();
</script>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(RETRY_AFTER_SECONDS),
      // Never cached by a browser or a proxy: the next request must reach the app again.
      "cache-control": "no-store",
    },
  });
}
