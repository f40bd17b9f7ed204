import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Mastery } from "@/components/quiz/mastery";
import { Link } from "@/i18n/navigation";
import { loadQueue } from "@/lib/server/flashcards/review";
import { learnerUtcOffset } from "@/lib/server/flashcards/timezone";
import { guardPage } from "@/lib/server/guard";
import { completedLessonCount } from "@/lib/server/progress";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { TOPICS } from "@/lib/content/topics";
import { isLocale } from "@/lib/core";


export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "dashboard" }))("title") };
}

export default async function DashboardPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("dashboard");
  const [done, mastery, queue] = await Promise.all([
    completedLessonCount(user.id),
    masteryByTopic(user.id),
    loadQueue(user.id, { kind: "all" }, new Date(), await learnerUtcOffset(locale === "zh" ? "zh" : "en")),
  ]);
  const tiles = [
    { key: "lessons", href: "/lessons", body: t("cards.lessons.body", { done, total: TOPICS.length }) },
    { key: "practice", href: "/practice", body: t("cards.practice.body") },
    { key: "flashcards", href: "/flashcards", body: t("cards.flashcards.due", { count: queue.queue.length }) },
    { key: "interview", href: "/interview", body: t("cards.interview.body") },
    { key: "classes", href: "/classes", body: t("cards.classes.body") },
  ] as const;
  return (
    <div>
      <PageHeader title={t("welcome", { name: user.name })} intro={t("intro")} />
      <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.key}>
            <Card className="flex h-full flex-col">
              <h2 className="font-semibold">{t(`cards.${tile.key}.title`)}</h2>
              <p className="mt-2 flex-1 text-sm text-muted">{tile.body}</p>
              <Link href={tile.href} className="mt-4 text-sm font-medium text-brand-700 underline">
                {t(`cards.${tile.key}.action`)}
              </Link>
            </Card>
          </li>
        ))}
      </ul>
      <div className="mt-10">
        <Mastery rows={mastery} locale={isLocale(locale) ? locale : "en"} />
      </div>
    </div>
  );
}
