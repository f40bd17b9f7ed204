import Link from "next/link";
import { localePath } from "@/i18n/routing";
import type { LessonLink } from "@/lib/lessons/loader";
import type { Locale } from "@/lib/core";

type Labels = { label: string; previous: string; next: string; lessonNumber: (order: number) => string };

/** Previous/next lesson by `order` (rel=prev/next), so the course reads as a sequence. */
export function LessonPager({ locale, previous, next, labels }: { locale: Locale; previous: LessonLink | null; next: LessonLink | null; labels: Labels }) {
  const box = "flex flex-1 flex-col rounded-lg border border-line bg-surface px-4 py-3 hover:border-brand-600 hover:bg-brand-50";
  return (
    <nav aria-label={labels.label} className="mt-10 flex flex-col gap-3 sm:flex-row">
      {previous ? (
        <Link href={localePath(locale, `/lessons/${previous.slug}`)} rel="prev" className={box}>
          <span className="text-sm text-muted">
            ← {labels.previous} · {labels.lessonNumber(previous.order)}
          </span>
          <span className="font-medium text-brand-700">{previous.title}</span>
        </Link>
      ) : (
        <span className="hidden flex-1 sm:block" />
      )}
      {next ? (
        <Link href={localePath(locale, `/lessons/${next.slug}`)} rel="next" className={`${box} sm:items-end sm:text-right`}>
          <span className="text-sm text-muted">
            {labels.next} · {labels.lessonNumber(next.order)} →
          </span>
          <span className="font-medium text-brand-700">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
