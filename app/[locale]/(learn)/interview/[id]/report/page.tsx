import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/flashcards/local-time";
import { CalibrationChart } from "@/components/interview/calibration-chart";
import { LessonLinks } from "@/components/interview/lesson-links";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { Link } from "@/i18n/navigation";
import { getTopic, type TopicId } from "@/lib/content/topics";
import { getBuiltinCard } from "@/lib/flashcards/deck";
import { readInterviewReport, WEAK_BELOW } from "@/lib/interview/report";
import { formatDuration, plainExcerpt, reportView } from "@/lib/interview/report-view";
import type { FamilyId } from "@/lib/scenarios/types";
import { findInterviewQuestion } from "@/lib/server/interview/bank";
import { getSession, listSessions } from "@/lib/server/interview/sessions";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import type { Locale } from "@/lib/core";
import { lessonLinkInfo } from "@/lib/server/interview/lessons";
import { formatPercent as pct } from "@/lib/core/format";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export const generateMetadata = titleFrom("interview.report", "metaTitle");

/** /interview/<id>/report: the stored report of a finished session (owner only). */
export default async function InterviewReportPage({ params }: Props) {
  const { locale, id, user, t } = await openPage(params, "interview.report");
  const session = await getSession(user.id, id);
  if (!session) notFound();
  const report = readInterviewReport(session.report);
  if (!session.finishedAt || !report) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <Notice tone="info">{t("notFinished")}</Notice>
        <p className="mt-4">
          <Link href={`/interview/${session.id}`} className={buttonClass("primary")}>
            {(await getTranslations({ locale, namespace: "interview.past" }))("continue")}
          </Link>
        </p>
      </div>
    );
  }
  const topicName = (topic: TopicId) => getTopic(topic).name[locale];
  const questionTitle = (kind: string, ref: string) =>
    kind === "open" ? plainExcerpt(findInterviewQuestion(ref)?.question[locale] ?? ref) : (getScenarioFamily(ref as FamilyId)?.title[locale] ?? ref);
  const { recommendations } = report;
  const view = reportView(report, session.items, await listSessions(user.id, 10), session.id);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        intro={
          <>
            {t("startedAt")}: <LocalTime iso={session.startedAt.toISOString()} />
          </>
        }
        actions={
          <Link href="/interview" className={buttonClass("secondary")}>
            {t("backToStart")}
          </Link>
        }
      />

      {report.answered === 0 ? <Notice tone="warning">{t("noAnswers")}</Notice> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <h2 className="text-sm font-medium text-muted">{t("overall")}</h2>
          <p className="mt-1 text-4xl font-semibold" data-testid="overall-score">
            {pct(report.overall)}
          </p>
          <p className="text-sm text-muted">
            {t("answered", { answered: report.answered, questions: report.questions })}
            {report.skipped > 0 ? ` · ${t("skipped", { count: report.skipped })}` : ""}
          </p>
        </Card>
        <Card className="md:col-span-2">
          <h2 className="mb-2 font-semibold">{t("byTopic")}</h2>
          <Table
            rows={view.topics}
            rowKey={(row) => row.topic}
            cellClassName="py-1"
            columns={[
              { header: t("topic"), rowHeader: true, className: "pr-4", cellClassName: "font-normal", cell: (row) => topicName(row.topic) },
              { header: t("questions"), numeric: true, className: "pr-4", cell: (row) => `${row.answered}/${row.questions}` },
              {
                header: t("score"),
                cell: (row) => (
                  <div className="flex items-center gap-2">
                    <span className="w-12 font-mono">{pct(row.score)}</span>
                    <span aria-hidden="true" className="h-2 w-40 rounded bg-slate-100">
                      <span className={`block h-2 rounded ${row.bar.weak ? "bg-warn" : "bg-ok"}`} style={{ width: `${row.bar.widthPercent}%` }} />
                    </span>
                  </div>
                ),
              },
            ]}
          />
        </Card>
      </div>

      <Card title={t("calibrationTitle")} intro={t("calibrationIntro")}>
        {view.calibrationError === null ? (
          <p>{t("noCalibration")}</p>
        ) : (
          <div className="flex flex-col gap-3">
            <p className="text-xl font-semibold" data-testid="calibration-error">
              {t("calibrationError", { value: view.calibrationError })}
            </p>
            {view.bias ? <p>{t("bias", { value: view.bias.points, direction: view.bias.moreSure ? t("moreSure") : t("lessSure") })}</p> : null}
            {report.calibration.verdict ? <p className="font-medium">{t(`verdict.${report.calibration.verdict}`)}</p> : null}
            <figure role="group" aria-label={t("chartLabel", { summary: view.chartSummary })}>
              <CalibrationChart data={view.chartData} statedName={t("chartStated")} actualName={t("chartActual")} />
            </figure>
            <Table
              rows={report.calibration.byConfidence}
              rowKey={(b) => String(b.confidence)}
              cellClassName="py-1"
              columns={[
                { header: t("level"), rowHeader: true, className: "pr-6", cellClassName: "font-normal", cell: (b) => b.confidence },
                { header: t("stated"), numeric: true, className: "pr-6", cell: (b) => pct(b.stated) },
                { header: t("actual"), numeric: true, className: "pr-6", cell: (b) => pct(b.meanCorrectness) },
                { header: t("count"), numeric: true, cell: (b) => b.count },
              ]}
            />
          </div>
        )}
      </Card>

      <Card title={t("timeTitle")} intro={t("totalTime", { total: view.totalTime, mean: view.meanTime })}>
        <Table
          rows={view.questions}
          rowKey={(q) => String(q.position)}
          rowData={(q) => ({ "data-position": String(q.position) })}
          rowClassName="align-top"
          cellClassName="px-2 py-1"
          columns={[
            { header: "#", cellClassName: "font-mono", cell: (q) => q.position + 1 },
            { header: t("question"), cell: (q) => questionTitle(q.kind, q.ref) },
            { header: t("topic"), cell: (q) => topicName(q.topic) },
            {
              header: t("time"),
              numeric: true,
              cell: (q) => (
                <>
                  {q.durationMs === null ? t("skippedCell") : formatDuration(q.durationMs)}
                  {q.slowest ? <span className="ml-1 text-xs text-warn">({t("slowest")})</span> : null}
                </>
              ),
            },
            { header: t("score"), numeric: true, cell: (q) => (q.durationMs === null ? "—" : pct(q.score)) },
            { header: t("confidence"), numeric: true, cell: (q) => q.confidence ?? "—" },
          ]}
        />
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("nextTitle")}</h2>
        {!view.recommends ? (
          <p>{t("nothingWeak", { threshold: pct(WEAK_BELOW) })}</p>
        ) : (
          <div className="grid gap-6 md:grid-cols-2">
            <section aria-labelledby="rec-lessons">
              <h3 id="rec-lessons" className="mb-2 font-medium">
                {t("lessonsTitle")}
              </h3>
              <LessonLinks links={recommendations.lessons.map((ref) => lessonLinkInfo(ref, locale))} />
            </section>
            <section aria-labelledby="rec-cards">
              <h3 id="rec-cards" className="mb-2 font-medium">
                {t("flashcardsTitle")}
              </h3>
              <ul className="list-disc pl-5">
                {recommendations.weakTopics.map((topic) => (
                  <li key={topic}>
                    <Link href={`/flashcards?topic=${topic}`} className="text-brand-700 underline">
                      {t("reviewDeck", { topic: topicName(topic) })}
                    </Link>
                  </li>
                ))}
              </ul>
              {recommendations.flashcards.length > 0 ? (
                <ul className="mt-2 flex flex-col gap-1 text-sm">
                  {recommendations.flashcards.map((cardId) => {
                    const card = getBuiltinCard(cardId);
                    return card ? (
                      <li key={cardId} className="rounded-md border border-line bg-slate-50 px-3 py-1">
                        <Link href={`/flashcards?topic=${card.topic}`} className="hover:underline">
                          {plainExcerpt(card.front[locale], 110)}
                        </Link>
                      </li>
                    ) : null;
                  })}
                </ul>
              ) : null}
            </section>
          </div>
        )}
      </Card>

      {view.comparison.length > 0 ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("compareTitle")}</h2>
          <Table
            rows={view.comparison}
            rowClassName={(s) => (s.current ? "font-semibold" : "")}
            width="w-auto"
            cellClassName="py-1"
            columns={[
              {
                header: t("startedAt"),
                rowHeader: true,
                className: "pr-6",
                cellClassName: "font-normal",
                cell: (s) =>
                  s.current ? (
                    <span>
                      <LocalTime iso={s.startedAt.toISOString()} /> ({t("thisOne")})
                    </span>
                  ) : (
                    <Link href={`/interview/${s.id}/report`} className="text-brand-700 underline">
                      <LocalTime iso={s.startedAt.toISOString()} />
                    </Link>
                  ),
              },
              { header: t("overall"), numeric: true, className: "pr-6", cell: (s) => pct(s.overall) },
              { header: t("calibrationTitle"), numeric: true, cell: (s) => s.calibrationError },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
