import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { CheckYourself } from "@/components/lesson/check-yourself";
import { LessonBody } from "@/components/lesson/lesson-body";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { MarkComplete, ProgressProvider } from "@/components/lesson/progress";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { isLocale, localePath } from "@/i18n/routing";
import { getTopic } from "@/lib/content/topics";
import { getLesson, lessonSlugs } from "@/lib/lessons/loader";

type Params = { locale: string; slug: string };

// Every lesson is prerendered for both languages; any other slug is a 404.
export const dynamicParams = false;

/** Called once per locale; lessonSlugs() fails the build if a lesson lacks its translation. */
export function generateStaticParams(): { slug: string }[] {
  return lessonSlugs().map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const lesson = await getLesson(locale, slug);
  if (!lesson) return {};
  return {
    title: lesson.title,
    description: lesson.summary,
    alternates: {
      canonical: `/${locale}/lessons/${slug}`,
      languages: { en: `/en/lessons/${slug}`, "zh-CN": `/zh/lessons/${slug}` },
    },
    openGraph: { type: "article", title: lesson.title, description: lesson.summary, locale: locale === "zh" ? "zh_CN" : "en_US" },
  };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const lesson = await getLesson(locale, slug);
  if (!lesson) notFound();
  const t = await getTranslations({ locale, namespace: "lessons" });
  const toc = [...lesson.toc, { depth: 2 as const, id: "check-yourself", text: t("check.title") }];

  return (
    <ProgressProvider>
      <article>
        <header className="mb-8 max-w-4xl">
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted">
            <span className="font-medium text-brand-700">{t("lessonNumber", { order: lesson.order })}</span>
            <span aria-hidden="true">·</span>
            <span>{t("readingTime", { minutes: lesson.readingMinutes })}</span>
            <span aria-hidden="true">·</span>
            <span>{t("topicLabel", { topic: getTopic(lesson.topic).name[locale] })}</span>
          </p>
          <h1 className="mt-2 text-3xl font-bold tracking-tight md:text-4xl">{lesson.title}</h1>
          <p className="mt-3 text-lg text-muted">{lesson.summary}</p>
        </header>
        <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-12">
          <aside className="mb-8 rounded-lg border border-line bg-white p-4 lg:sticky lg:top-6 lg:order-last lg:mb-0 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto lg:border-0 lg:bg-transparent lg:p-0">
            <TableOfContents entries={toc} title={t("toc.title")} />
          </aside>
          <div className="min-w-0">
            <LessonBody hast={lesson.rendered.hast} locale={locale} />
            <CheckYourself locale={locale} families={lesson.check} flashcardTopics={lesson.flashcards} />
            <div className="mt-8">
              {/* The callback stays unprefixed: the sign-in form navigates with next-intl's router, which adds the locale. */}
              <MarkComplete
                slug={lesson.slug}
                signInHref={localePath(locale, `/signin?callbackUrl=${encodeURIComponent(`/lessons/${lesson.slug}`)}`)}
                labels={{
                  signIn: t("complete.signIn"),
                  done: t("complete.done"),
                  mark: t("complete.mark"),
                  unmark: t("complete.unmark"),
                  saving: t("complete.saving"),
                  failed: t("complete.failed"),
                  loadFailed: t("progress.loadFailed"),
                }}
              />
            </div>
            <LessonPager
              locale={locale}
              previous={lesson.previous}
              next={lesson.next}
              labels={{ label: t("pager.label"), previous: t("pager.previous"), next: t("pager.next"), lessonNumber: (order) => t("lessonNumber", { order }) }}
            />
          </div>
        </div>
      </article>
    </ProgressProvider>
  );
}
