import type { Root } from "hast";
import type { GetStaticPaths, GetStaticProps } from "next";
import Head from "next/head";
import { createTranslator, type AbstractIntlMessages, type Messages } from "next-intl";
import { SiteFrame, siteFrameLabels } from "@/components/layout/site-frame";
import { StaticSiteHeader } from "@/components/layout/static-site-header";
import { CheckYourself } from "@/components/lesson/check-yourself";
import { LessonBody } from "@/components/lesson/lesson-body";
import { LessonCompletion } from "@/components/lesson/lesson-completion";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { LessonFacts } from "@/components/lesson/lesson-facts";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { loadMessages } from "@/i18n/messages";
import { localePath } from "@/i18n/routing";
import type { TopicId } from "@/lib/content/topics";
import { getLesson, lessonSlugs, type LessonLink } from "@/lib/lessons/loader";
import type { TocEntry } from "@/lib/lessons/pipeline";
import { FAMILY_MODULES } from "@/lib/scenarios/registry";
import type { FamilyId } from "@/lib/scenarios/types";
import { isLocale, locales, type Locale } from "@/lib/core";

/**
 * A lesson, /<locale>/lessons/<slug>, served by the Pages Router so that it ships no React or
 * Next.js runtime at all (issue #7: ≤ 120 KB of JavaScript on a lesson page; the App Router's
 * runtime alone is ~130 KB). The HTML is prerendered for both languages at build time; the only
 * script is public/lesson.js, a few KB without dependencies, for what needs the browser (who
 * is signed in, sign-out, marking the lesson complete). Everything else — the menu, the
 * language switch, the table of contents, the diagrams and their tables — is HTML and works
 * without JavaScript.
 * @see https://nextjs.org/docs/pages/api-reference/functions/get-static-props
 */
export const config = { unstable_runtimeJS: false };

type Params = { locale: string; slug: string };

type PageLesson = {
  slug: string;
  order: number;
  title: string;
  summary: string;
  topic: TopicId;
  /** The "check yourself" families with their link titles (each family's `linkTitle`). */
  check: { id: FamilyId; title: string }[];
  flashcards: TopicId[];
  readingMinutes: number;
  hast: Root;
  toc: TocEntry[];
  previous: LessonLink | null;
  next: LessonLink | null;
};

/**
 * The namespaces this page translates with: common (header, footer), lessons, sim.figure.
 * next-intl's `Messages` (untyped in this project: no AppConfig) keeps the translators' keys
 * plain strings, as getTranslations' are.
 */
type PageMessages = Messages;

type Props = { locale: Locale; lesson: PageLesson; messages: PageMessages };

/** Every lesson in both languages; any other path is a 404 (lessonSlugs() fails the build if a translation is missing). */
export const getStaticPaths: GetStaticPaths<Params> = () => ({
  paths: locales.flatMap((locale) => lessonSlugs().map((slug) => ({ params: { locale, slug } }))),
  fallback: false,
});

export const getStaticProps: GetStaticProps<Props, Params> = async ({ params }) => {
  const locale = params?.locale;
  if (!isLocale(locale)) return { notFound: true };
  const lesson = await getLesson(locale, params?.slug ?? "");
  if (!lesson) return { notFound: true };
  const messages = loadMessages(locale) as Record<string, AbstractIntlMessages>;
  return {
    props: {
      locale,
      lesson: {
        slug: lesson.slug,
        order: lesson.order,
        title: lesson.title,
        summary: lesson.summary,
        topic: lesson.topic,
        check: lesson.check.map((id) => ({ id, title: FAMILY_MODULES[id].linkTitle[locale] })),
        flashcards: lesson.flashcards,
        readingMinutes: lesson.readingMinutes,
        // Props must be JSON (Next serialises them to the page's data file): this drops the
        // `undefined` fields unified leaves in the tree, which Next refuses.
        hast: JSON.parse(JSON.stringify(lesson.rendered.hast)) as Root,
        toc: lesson.toc,
        previous: lesson.previous,
        next: lesson.next,
      },
      messages: { common: messages.common!, lessons: messages.lessons!, sim: { figure: messages.sim!.figure! } },
    },
  };
};

export default function LessonPage({ locale, lesson, messages }: Props) {
  const t = createTranslator({ locale, messages, namespace: "lessons" });
  const common = createTranslator({ locale, messages, namespace: "common" });
  const figure = createTranslator({ locale, messages, namespace: "sim.figure" });
  const pathname = localePath(locale, `/lessons/${lesson.slug}`);
  const toc = [...lesson.toc, { depth: 2 as const, id: "check-yourself", text: t("check.title") }];

  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" key="viewport" />
        <title>{`${lesson.title} · tcplab`}</title>
        <meta name="description" content={lesson.summary} />
        <link rel="canonical" href={pathname} />
        <link rel="alternate" hrefLang="en" href={`/en/lessons/${lesson.slug}`} />
        <link rel="alternate" hrefLang="zh-CN" href={`/zh/lessons/${lesson.slug}`} />
        <meta property="og:title" content={lesson.title} />
        <meta property="og:description" content={lesson.summary} />
        <meta property="og:locale" content={locale === "zh" ? "zh_CN" : "en_US"} />
        <meta property="og:type" content="article" />
        {/* Blocking on purpose (a few hundred bytes, cached): the reader's colour theme before the first paint. */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme.js" />
        <script src="/lesson.js" defer />
      </Head>
      <SiteFrame header={<StaticSiteHeader locale={locale} pathname={pathname} t={common} />} labels={siteFrameLabels(common)}>
        <article>
          <header className="mb-8 max-w-4xl">
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted">
              <LessonFacts lesson={lesson} locale={locale} t={t} />
            </p>
            <h1 className="mt-2 text-3xl font-bold tracking-tight md:text-4xl">{lesson.title}</h1>
            <p className="mt-3 text-lg text-muted">{lesson.summary}</p>
          </header>
          <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-12">
            <aside className="mb-8 rounded-lg border border-line bg-surface p-4 lg:sticky lg:top-6 lg:order-last lg:mb-0 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto lg:border-0 lg:bg-transparent lg:p-0">
              <TableOfContents entries={toc} title={t("toc.title")} />
            </aside>
            <div className="min-w-0">
              <LessonBody hast={lesson.hast} locale={locale} figureT={figure} />
              <CheckYourself locale={locale} t={t} families={lesson.check} flashcardTopics={lesson.flashcards} />
              <div className="mt-8">
                {/* The callback stays unprefixed: the sign-in form navigates with next-intl's router, which adds the locale. */}
                <LessonCompletion
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
      </SiteFrame>
    </>
  );
}
