import { LocalTime } from "@/components/flashcards/local-time";
import { StartForm } from "@/components/interview/start-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import type { Translator } from "@/i18n/translator";
import { getTopic } from "@/lib/content/topics";
import { interviewBank } from "@/lib/server/interview/bank";
import { listSessions } from "@/lib/server/interview/sessions";
import { availableFamilies } from "@/lib/server/quiz/families";
import type { Locale } from "@/lib/core";
import { formatNumber, formatPercent } from "@/lib/core/format";
import { Empty } from "@/components/ui/empty";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = titleFrom("interview.start", "metaTitle");

function bankSize(): number {
  try {
    return interviewBank().length;
  } catch (error) {
    console.error("[interview] the question bank cannot be loaded", error);
    return 0;
  }
}

/** /interview: start a mock interview, and the list of past ones to compare and reopen. */
export default async function InterviewPage({ params }: Props) {
  const { locale, user, t } = await openPage(params, "interview");
  const pct = (x: number | null) => formatPercent(x, { locale });
  const sessions = await listSessions(user.id);
  const finished = sessions.filter((s) => s.report?.overall != null).slice(0, 8).reverse();
  const hasBank = bankSize() > 0;

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Card>
        <h2 className="mb-4 text-xl font-semibold">{t("start.title")}</h2>
        {hasBank ? <StartForm scenariosAvailable={availableFamilies().length > 0} /> : <Notice tone="warning">{t("start.emptyBank")}</Notice>}
      </Card>

      <Section id="past-title" title={t("past.title")}>
        {sessions.length === 0 ? (
          <Empty>{t("past.empty")}</Empty>
        ) : (
          <>
            {finished.length > 1 ? <p className="mb-3 text-sm text-muted">{t("past.trend", { count: finished.length, list: finished.map((s) => pct(s.report!.overall)).join(" → ") })}</p> : null}
            <Table
              rows={sessions.map((s) => ({ s, date: s.startedAt.toISOString() }))}
              rowKey={({ s }) => s.id}
              rowData={({ s }) => ({ "data-session": s.id })}
              cellClassName="px-2 py-2"
              columns={[
                { header: t("past.date"), cell: ({ date }) => <LocalTime iso={date} /> },
                { header: t("past.questions"), numeric: true, cell: ({ s }) => (s.report ? `${s.report.answered}/${s.report.questions}` : s.length) },
                { header: t("past.score"), numeric: true, cell: ({ s }) => pct(s.report ? s.report.overall : null) },
                {
                  header: t("past.calibration"),
                  numeric: true,
                  cell: ({ s }) => (s.report?.calibration.meanAbsError != null ? formatNumber(s.report.calibration.meanAbsError * 100, { locale }) : "—"),
                },
                { header: t("past.topics"), cell: ({ s }) => s.topics.map((topic) => getTopic(topic).name[locale]).join(locale === "zh" ? "、" : ", ") },
                { header: t("past.status"), cell: ({ s, date }) => <SessionLink session={s} dateLabel={date.slice(0, 16).replace("T", " ")} t={t} /> },
              ]}
            />
          </>
        )}
      </Section>
    </div>
  );
}

/** A finished interview opens its report; one in progress says so and continues. */
function SessionLink({ session, dateLabel, t }: { session: { id: string; finishedAt: Date | null }; dateLabel: string; t: Translator }) {
  return session.finishedAt ? (
    <Link href={`/interview/${session.id}/report`} className="text-brand-700 underline" aria-label={t("past.openReport", { date: dateLabel })}>
      {t("past.report")}
    </Link>
  ) : (
    <>
      <span className="mr-2 text-muted">{t("past.inProgress")}</span>
      <Link href={`/interview/${session.id}`} className="text-brand-700 underline" aria-label={t("past.continueLabel", { date: dateLabel })}>
        {t("past.continue")}
      </Link>
    </>
  );
}
