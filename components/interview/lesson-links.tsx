import { Link } from "@/i18n/navigation";
import { lessonLinkInfo } from "@/lib/server/interview/lessons";
import type { Locale } from "@/lib/core";

/** A bulleted list of lesson links ("Lesson › Section") for `slug` / `slug#id` references. */
export function LessonLinks({ refs, locale }: { refs: readonly string[]; locale: Locale }) {
  return (
    <ul className="list-disc pl-5">
      {refs.map((ref) => {
        const info = lessonLinkInfo(ref, locale);
        return (
          <li key={ref}>
            <Link href={info.href} className="text-brand-700 underline">
              {info.lesson}
              {info.section ? ` › ${info.section}` : ""}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
