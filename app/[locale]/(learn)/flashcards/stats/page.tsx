import { DeckPicker } from "@/components/flashcards/card-parts";
import { ReviewsChart, type ChartDay } from "@/components/flashcards/reviews-chart";
import { Card } from "@/components/ui/card";
import { CARD_STATE_NAMES, RATINGS, type CardStateName, type ReviewRating } from "@/lib/flashcards/scheduler";
import { parseDeckScope } from "@/lib/server/flashcards/catalog";
import { loadStats, STATS_DAYS } from "@/lib/server/flashcards/stats";
import { learnerUtcOffset } from "@/lib/server/flashcards/timezone";
import type { Locale } from "@/lib/core";
import { formatNumber, formatPercent } from "@/lib/core/format";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type ChartDayRow = Awaited<ReturnType<typeof loadStats>>["reviewsPerDay"][number];
type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ topic?: string | string[] }> };

export const generateMetadata = titleFrom("flashcards.stats", "metaTitle");

/** `2030-03-04` → `3/4` / `3月4日` for the chart's axis (the table keeps the full date). */
function shortDay(day: string, locale: Locale): string {
  const [, m, d] = day.split("-").map(Number);
  return locale === "zh" ? `${m}月${d}日` : `${m}/${d}`;
}

export default async function FlashcardStatsPage({ params, searchParams }: Props) {
  const { locale, user, t } = await openPage(params, "flashcards");
  const pct = (x: number) => formatPercent(x, { digits: 1, fixed: true, locale });
  const topic = (await searchParams).topic;
  const scope = parseDeckScope(typeof topic === "string" ? topic : undefined);
  const stats = await loadStats(user.id, scope, new Date(), await learnerUtcOffset(locale));

  const names = Object.fromEntries(RATINGS.map((r) => [r, t(`ratings.${r}`)])) as Record<ReviewRating, string>;
  const data: ChartDay[] = stats.reviewsPerDay.map((d) => ({ day: d.day, label: shortDay(d.day, locale), ...d.byRating }));
  const totalReviews = stats.reviewsPerDay.reduce((n, d) => n + d.total, 0);
  const busiest = stats.reviewsPerDay.reduce((best, d) => (d.total > best.total ? d : best), stats.reviewsPerDay[0]!);
  const summary = t("stats.chartLabel", {
    days: STATS_DAYS,
    total: totalReviews,
    busiest: totalReviews > 0 ? t("stats.busiest", { day: busiest.day, count: busiest.total }) : t("stats.noReviews"),
  });
  const { retention } = stats;

  return (
    <div className="flex flex-col gap-6">
      <DeckPicker scope={scope} base="/flashcards/stats" locale={locale} />
      <h2 className="sr-only">{t("stats.title")}</h2>
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <h3 className="text-sm font-medium text-muted">{t("stats.dueToday")}</h3>
          <p className="mt-1 text-3xl font-semibold" data-testid="due-today">
            {stats.dueToday}
          </p>
          {stats.overdue > 0 ? <p className="text-sm text-warn">{t("stats.overdue", { count: stats.overdue })}</p> : null}
        </Card>
        <Card>
          <h3 className="text-sm font-medium text-muted">{t("stats.totalCards")}</h3>
          <p className="mt-1 text-3xl font-semibold">{stats.totalCards}</p>
        </Card>
        <Card>
          <h3 className="text-sm font-medium text-muted">{t("stats.retention")}</h3>
          {retention.measured === null ? (
            <p className="mt-1 text-sm">{t("stats.retentionNone", { days: STATS_DAYS })}</p>
          ) : (
            <>
              <p className="mt-1 text-3xl font-semibold">{t("stats.retentionMeasured", { measured: pct(retention.measured) })}</p>
              <p className={`text-sm ${retention.difference! >= 0 ? "text-ok" : "text-warn"}`}>
                {t("stats.retentionDiff", { diff: `${retention.difference! >= 0 ? "+" : "−"}${formatNumber(Math.abs(retention.difference!) * 100, { digits: 1, fixed: true, locale })}` })}
              </p>
            </>
          )}
          <p className="text-sm text-muted">{t("stats.retentionTarget", { target: pct(retention.target) })}</p>
          {retention.measured !== null ? <p className="mt-1 text-xs text-muted">{t("stats.retentionBasis", { recalled: retention.recalled, reviews: retention.reviews, days: STATS_DAYS })}</p> : null}
        </Card>
      </div>

      <Card>
        <figure aria-label={summary} role="group">
          <figcaption className="mb-2 font-semibold">{t("stats.perDayTitle", { days: STATS_DAYS })}</figcaption>
          <p className="sr-only">{summary}</p>
          <ReviewsChart data={data} names={names} />
        </figure>
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-brand-700">{t("stats.showTable")}</summary>
          <Table
            rows={stats.reviewsPerDay}
            rowKey={(d) => d.day}
            cellClassName="px-2 py-1"
            scrollClassName="mt-2 max-h-80 overflow-auto"
            columns={[
              { header: t("stats.day"), rowHeader: true, cellClassName: "font-normal", cell: (d) => d.day },
              ...RATINGS.map((r) => ({ header: names[r], numeric: true, cell: (d: ChartDayRow) => d.byRating[r] })),
              { header: t("stats.total"), numeric: true, cell: (d) => d.total },
            ]}
          />
        </details>
      </Card>

      <Card>
        <h3 className="mb-2 font-semibold">{t("stats.byStateTitle")}</h3>
        <Table
          rows={CARD_STATE_NAMES}
          rowKey={(s: CardStateName) => s}
          cellClassName="py-1"
          width="w-auto"
          scroll={false}
          columns={[
            { header: t("stats.state"), rowHeader: true, className: "pr-6", cellClassName: "font-normal", cell: (s) => t(`states.${s}`) },
            { header: t("stats.cards"), numeric: true, cell: (s) => stats.cardsByState[s] },
          ]}
        />
      </Card>
    </div>
  );
}
