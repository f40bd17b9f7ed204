/**
 * The two languages of the course (README: "both languages, always"). The one definition:
 * i18n/routing.ts builds next-intl's routing from it, and content (`Localized`) is keyed by it.
 */
export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A value in every language of the course: lesson titles, simulator notes, question text. */
export type Localized<T = string> = { [L in Locale]: T };
