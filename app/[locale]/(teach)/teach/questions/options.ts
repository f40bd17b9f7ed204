import { LESSON_SLUGS, MISCONCEPTIONS, TOPICS } from "@/lib/content/topics";
import type { Locale } from "@/lib/core";

/** Select options for the question form, in the page's language. */
export function questionFormOptions(locale: Locale) {
  return {
    topics: TOPICS.map((t) => ({ value: t.id, label: t.name[locale] })),
    lessons: LESSON_SLUGS.map((s) => ({ value: s, label: TOPICS.find((t) => t.lesson === s)?.name[locale] ?? s })),
    misconceptions: MISCONCEPTIONS.map((m) => ({ value: m.id, label: m.myth[locale] })),
  };
}
