import { isLocale, type Locale } from "@/lib/core/locale";

/**
 * Where to go after signing in, from an untrusted `callbackUrl` (issue #14). Only a path on this
 * site is accepted ("/…", not "//host" or "/\host", which browsers treat as another origin), and
 * a leading locale segment is split off: the locale-aware router adds the prefix itself, so
 * `/en/dashboard` pushed as is became `/en/en/dashboard`. The link's own language is kept.
 */
export function callbackTarget(raw: string | undefined, fallback = "/dashboard"): { path: string; locale?: Locale } {
  if (typeof raw !== "string" || !/^\/(?![/\\])/.test(raw) || /[\u0000-\u001f\\]/.test(raw)) return { path: fallback };
  let url: URL;
  try {
    url = new URL(raw, "http://site.invalid");
  } catch {
    return { path: fallback };
  }
  if (url.origin !== "http://site.invalid") return { path: fallback };
  const [, first, ...rest] = url.pathname.split("/");
  const tail = `${url.search}${url.hash}`;
  if (isLocale(first)) return { path: `/${rest.join("/")}${tail}`, locale: first };
  return { path: `${url.pathname}${tail}` };
}
