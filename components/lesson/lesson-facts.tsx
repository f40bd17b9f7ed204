import type { Translator } from "@/i18n/translator";
import type { Locale } from "@/lib/core";
import { getTopic, type TopicId } from "@/lib/content/topics";

/**
 * A lesson's number, reading time and topic, dot-separated (the dots hidden from screen
 * readers): the line above a lesson's title in the lesson list and on the lesson itself. The
 * caller's element holds them, so each page keeps its own layout. `t`: the `lessons` messages,
 * from either router.
 */
export function LessonFacts({ lesson, locale, t }: { lesson: { order: number; readingMinutes: number; topic: TopicId }; locale: Locale; t: Translator }) {
  return (
    <>
      <span className="font-medium text-brand-700">{t("lessonNumber", { order: lesson.order })}</span>
      <span aria-hidden="true">·</span>
      <span>{t("readingTime", { minutes: lesson.readingMinutes })}</span>
      <span aria-hidden="true">·</span>
      <span>{t("topicLabel", { topic: getTopic(lesson.topic).name[locale] })}</span>
    </>
  );
}
