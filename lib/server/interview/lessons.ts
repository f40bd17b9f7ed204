import { splitLessonRef, topicOfLesson } from "@/lib/content/topics";
import { readLessonSources } from "@/lib/lessons/loader";
import type { Locale } from "@/lib/core";

export type LessonLinkInfo = { href: string; lesson: string; section: string | null };

const cache = new Map<Locale, Map<string, { title: string; sections: Map<string, string> }>>();

/**
 * Lesson and section titles for links in the interview report, read from the lesson sources'
 * front matter and `## Title {#id}` headings (lib/lessons/remark-heading-ids.ts) without
 * rendering them. Cached per process: content only changes with a deploy.
 */
function titles(locale: Locale) {
  const hit = cache.get(locale);
  if (hit) return hit;
  const map = new Map<string, { title: string; sections: Map<string, string> }>();
  try {
    for (const source of readLessonSources(locale)) {
      const sections = new Map<string, string>();
      for (const match of source.body.matchAll(/^#{2,3}\s+(.+?)\s*\{#([a-z0-9-]+)\}\s*$/gm)) {
        if (match[1] && match[2]) sections.set(match[2], match[1].replace(/[`*]/g, ""));
      }
      map.set(source.frontMatter.slug, { title: source.frontMatter.title, sections });
    }
  } catch {
    // Lessons missing or invalid: the links fall back to the topic names below.
  }
  cache.set(locale, map);
  return map;
}

export function lessonLinkInfo(ref: string, locale: Locale): LessonLinkInfo {
  const { slug, section } = splitLessonRef(ref);
  const lesson = titles(locale).get(slug);
  return {
    href: `/lessons/${slug}${section ? `#${section}` : ""}`,
    lesson: lesson?.title ?? topicOfLesson(slug)?.name[locale] ?? slug,
    section: section ? (lesson?.sections.get(section) ?? section) : null,
  };
}
