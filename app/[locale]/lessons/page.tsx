import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProgressBadge, ProgressProvider, ProgressSummary } from "@/components/lesson/progress";
import { PageHeader } from "@/components/ui/page-header";
import Link from "next/link";
import { localePath } from "@/i18n/routing";
import { LessonFacts } from "@/components/lesson/lesson-facts";
import { TOPICS } from "@/lib/content/topics";
import { listLessons } from "@/lib/lessons/loader";
import { isLocale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "lessons" });
  return {
    title: t("metaTitle"),
    description: t("metaDescription", { count: TOPICS.length }),
    alternates: { canonical: `/${locale}/lessons`, languages: { en: "/en/lessons", "zh-CN": "/zh/lessons" } },
  };
}

/** The course: static HTML per language; a signed-in reader's progress is filled in by the browser. */
export default async function LessonsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "lessons" });
  const lessons = await listLessons(locale);
  const badge = { done: t("progress.done"), notDone: t("progress.notDone") };
  // One sentence per possible count, so the browser needs no plural rules or message formatter.
  const summaries = Array.from({ length: lessons.length + 1 }, (_, done) => t("progress.summary", { done, total: lessons.length }));
  return (
    <ProgressProvider>
      <PageHeader
        title={t("title")}
        intro={t("intro", { count: lessons.length })}
        actions={<ProgressSummary slugs={lessons.map((l) => l.slug)} summaries={summaries} loadFailed={t("progress.loadFailed")} />}
      />
      <ol aria-label={t("listLabel")} className="flex flex-col gap-4">
        {lessons.map((lesson) => (
          <li key={lesson.slug} className="rounded-lg border border-line bg-surface p-5 shadow-sm hover:border-brand-600">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
              <LessonFacts lesson={lesson} locale={locale} t={t} />
              <span className="ml-auto">
                <ProgressBadge slug={lesson.slug} labels={badge} />
              </span>
            </div>
            <h2 className="mt-2 text-xl font-semibold">
              <Link href={localePath(locale, `/lessons/${lesson.slug}`)} className="text-ink hover:text-brand-700 hover:underline">
                {lesson.title}
              </Link>
            </h2>
            <p className="mt-2 text-muted">{lesson.summary}</p>
          </li>
        ))}
      </ol>
    </ProgressProvider>
  );
}
