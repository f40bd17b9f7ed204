import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Mastery } from "@/components/quiz/mastery";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { bankQuestionsByTopic } from "@/lib/content/questions";
import { TOPICS } from "@/lib/content/topics";
import { FAMILY_IDS } from "@/lib/scenarios/types";
import { guardPage } from "@/lib/server/guard";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { recentPractice, topicCandidates } from "@/lib/server/quiz/practice";
import { masteryByTopic } from "@/lib/server/quiz/mastery";
import { topicName } from "@/lib/server/quiz/variants";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { formatPercent } from "@/lib/core/format";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.practice" }))("title") };
}

/** The practice area: every scenario family and every topic, plus the user's recent answers. */
export default async function PracticePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.practice");
  const format = await getFormatter();
  const [recent, mastery] = await Promise.all([recentPractice(user, 10), masteryByTopic(user.id)]);
  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/practice/adaptive" className="text-sm font-medium text-brand-700 underline">
            {t("adaptiveStart")}
          </Link>
        }
      />

      <section aria-labelledby="families-heading">
        <h2 id="families-heading" className="mb-4 text-xl font-semibold">
          {t("familiesTitle")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {FAMILY_IDS.map((id) => {
            const family = getScenarioFamily(id);
            return (
              <li key={id}>
                <Card className="flex h-full flex-col">
                  <h3 className="font-semibold">{family ? family.title[locale] : id}</h3>
                  <p className="mt-1 text-xs uppercase tracking-wide text-muted">{family ? topicName(family.topic, locale) : ""}</p>
                  <p className="mt-2 flex-1 text-sm text-muted">{family ? family.description[locale] : t("familyUnavailable")}</p>
                  {family ? (
                    <Link href={`/practice/${id}`} className="mt-4 text-sm font-medium text-brand-700 underline">
                      {t("start")}
                      <span className="sr-only">: {family.title[locale]}</span>
                    </Link>
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="mb-4 text-xl font-semibold">
          {t("topicsTitle")}
        </h2>
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
      </section>

      <Mastery rows={mastery} locale={locale} />

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-4 text-xl font-semibold">
          {t("recentTitle")}
        </h2>
        {recent.length === 0 ? (
          <p className="text-muted">{t("recentEmpty")}</p>
        ) : (
          <Table
            rows={recent}
            rowKey={(r) => r.id}
            cellClassName="py-2"
            scroll={false}
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
              { header: t("recentScore"), className: "font-mono", cell: (r) => formatPercent(r.score ?? 0) },
            ]}
          />
        )}
      </section>
    </div>
  );
}
