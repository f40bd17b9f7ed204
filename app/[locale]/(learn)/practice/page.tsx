import { getFormatter } from "next-intl/server";
import { Mastery } from "@/components/quiz/mastery";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Tiles } from "@/components/ui/tiles";
import { Link } from "@/i18n/navigation";
import { bankQuestionsByTopic } from "@/lib/content/questions";
import { TOPICS } from "@/lib/content/topics";
import { FAMILY_IDS } from "@/lib/scenarios/types";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { recentPractice, topicCandidates } from "@/lib/server/quiz/practice";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { topicName } from "@/lib/server/quiz/variants";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { formatPercent } from "@/lib/core/format";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("quiz.practice");

const SECTION_HEADING = "mb-4 text-xl font-semibold";

/** The practice area: every scenario family and every topic, plus the user's recent answers. */
export default async function PracticePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale, user, t } = await openPage(params, "quiz.practice");
  const format = await getFormatter();
  const [recent, mastery] = await Promise.all([recentPractice(user, 10), masteryByTopic(user.id)]);
  return (
    <div className="flex flex-col gap-10">
      <PageHeader title={t("title")} intro={t("intro")} links={[{ href: "/practice/adaptive", label: t("adaptiveStart") }]} />

      <Section id="families-heading" title={t("familiesTitle")} headingClassName={SECTION_HEADING}>
        <Tiles
          heading="h3"
          tiles={FAMILY_IDS.map((id) => {
            const family = getScenarioFamily(id);
            return family
              ? { key: id, title: family.title[locale], eyebrow: topicName(family.topic, locale), body: family.description[locale], href: `/practice/${id}`, action: t("start"), actionContext: family.title[locale] }
              : { key: id, title: id, eyebrow: "", body: t("familyUnavailable") };
          })}
        />
      </Section>

      <Section id="topics-heading" title={t("topicsTitle")} headingClassName={SECTION_HEADING}>
        <ul className="grid gap-3 md:grid-cols-2">
          {TOPICS.map((topic) => {
            const count = topicCandidates(topic.id).length;
            return (
              <li key={topic.id} className="flex items-center justify-between rounded-md border border-line bg-surface px-4 py-3">
                <span>
                  <span className="font-medium">{topic.name[locale]}</span>
                  <span className="ml-2 text-sm text-muted">{t("topicCount", { bank: bankQuestionsByTopic(topic.id).length, total: count })}</span>
                </span>
                {count > 0 ? (
                  <Link href={`/practice/topic/${topic.id}`} className="text-sm font-medium text-brand-700 underline">
                    {t("start")}
                    <span className="sr-only">: {topic.name[locale]}</span>
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Section>

      <Mastery rows={mastery} locale={locale} />

      <Section id="recent-heading" title={t("recentTitle")} headingClassName={SECTION_HEADING}>
        <Table
          rows={recent}
          cellClassName="py-2"
          empty={t("recentEmpty")}
          columns={[
            { header: t("recentWhen"), cell: (r) => (r.submittedAt ? format.dateTime(r.submittedAt, DATE_TIME) : "") },
            {
              header: t("recentWhat"),
              cell: (r) => {
                const family = r.source === "family" ? getScenarioFamily(r.ref as (typeof FAMILY_IDS)[number]) : undefined;
                const href = r.source === "family" ? `/practice/${r.ref}?v=${r.id}` : `/practice/topic/${r.topic}?v=${r.id}`;
                return (
                  <Link href={href} className="text-brand-700 underline">
                    {family ? family.title[locale] : `${topicName(r.topic, locale)} · ${r.ref}`}
                  </Link>
                );
              },
            },
            { header: t("recentScore"), cellClassName: "font-mono", cell: (r) => formatPercent(r.score ?? 0, { locale }) },
          ]}
        />
      </Section>
    </div>
  );
}
