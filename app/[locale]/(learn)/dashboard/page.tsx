import { PageHeader } from "@/components/ui/page-header";
import { Tiles } from "@/components/ui/tiles";
import { Mastery } from "@/components/quiz/mastery";
import { loadQueue } from "@/lib/server/flashcards/review";
import { learnerUtcOffset } from "@/lib/server/flashcards/timezone";
import { completedLessonCount } from "@/lib/server/progress";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { TOPICS } from "@/lib/content/topics";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("dashboard");

export default async function DashboardPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale, user, t } = await openPage(params, "dashboard");
  const [done, mastery, queue] = await Promise.all([completedLessonCount(user.id), masteryByTopic(user.id), loadQueue(user.id, { kind: "all" }, new Date(), await learnerUtcOffset(locale))]);
  const bodies = {
    lessons: t("cards.lessons.body", { done, total: TOPICS.length }),
    practice: t("cards.practice.body"),
    flashcards: t("cards.flashcards.due", { count: queue.queue.length }),
    interview: t("cards.interview.body"),
    classes: t("cards.classes.body"),
  };
  return (
    <div>
      <PageHeader title={t("welcome", { name: user.name })} intro={t("intro")} />
      <Tiles
        tiles={(Object.keys(bodies) as (keyof typeof bodies)[]).map((key) => ({ key, title: t(`cards.${key}.title`), body: bodies[key], href: `/${key}`, action: t(`cards.${key}.action`) }))}
      />
      <div className="mt-10">
        <Mastery rows={mastery} locale={locale} />
      </div>
    </div>
  );
}
