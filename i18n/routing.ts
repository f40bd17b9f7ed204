import { defineRouting } from "next-intl/routing";

import { locales, type Locale } from "@/lib/core/locale";

/** The remembered language (next-intl's default name; a year). language-switch.tsx writes it too. */
export const LOCALE_COOKIE = { name: "NEXT_LOCALE", maxAge: 60 * 60 * 24 * 365 } as const;

// Every page lives under /en or /zh so lessons can be statically generated per language and a
// language switch lands on the same page. `/` picks the NEXT_LOCALE cookie (the persisted
// choice) or else Accept-Language. @see https://next-intl.dev/docs/routing
export const routing = defineRouting({
  locales,
  defaultLocale: "en",
  localePrefix: "always",
  localeCookie: LOCALE_COOKIE,
});

/**
 * `/lessons` → `/en/lessons`. With `localePrefix: "always"` this is the whole of what next-intl's
 * `Link` adds to a path; plain `next/link` with this href works without NextIntlClientProvider
 * and ships none of next-intl's client code, which is why the layout and the static pages
 * (lessons, home, error pages) use it (issue #7, page weight).
 */
export function localePath(locale: Locale, path: string): string {
  return path === "/" ? `/${locale}` : `/${locale}${path}`;
}

/** `/en/lessons/x` → `/zh/lessons/x`: the same page in another language (every path has its prefix). */
export function switchLocalePath(pathname: string, to: Locale): string {
  return localePath(to, pathname.replace(/^\/[^/]*/, "") || "/");
}
