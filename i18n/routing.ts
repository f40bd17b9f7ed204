import { defineRouting } from "next-intl/routing";

export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];

// Every page lives under /en or /zh so lessons can be statically generated per language and a
// language switch lands on the same page. `/` picks the NEXT_LOCALE cookie (the persisted
// choice) or else Accept-Language. @see https://next-intl.dev/docs/routing
export const routing = defineRouting({
  locales,
  defaultLocale: "en",
  localePrefix: "always",
  localeCookie: { maxAge: 60 * 60 * 24 * 365 },
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
