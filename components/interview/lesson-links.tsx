import { Link } from "@/i18n/navigation";
import type { LessonLinkInfo } from "@/lib/server/interview/lessons";

/**
 * A bulleted list of lesson links ("Lesson › Section"). The page resolves `slug` / `slug#id`
 * references with lessonLinkInfo (lib/server/interview/lessons.ts): components read no files.
 */
export function LessonLinks({ links }: { links: readonly LessonLinkInfo[] }) {
  return (
    <ul className="list-disc pl-5">
      {links.map((info) => {
        return (
          <li key={info.href}>
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
