import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/flashcards/local-time";
import { CalibrationChart } from "@/components/interview/calibration-chart";
import { LessonLinks } from "@/components/interview/lesson-links";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { getTopic, type TopicId } from "@/lib/content/topics";
import { getBuiltinCard } from "@/lib/flashcards/deck";
import { readInterviewReport, WEAK_BELOW } from "@/lib/interview/report";
import {
  biasStatement,
  calibrationChartData,
  calibrationSummary,
  formatDuration,
  hasRecommendations,
  percentPoints,
  plainExcerpt,
  questionRows,
  scoreBar,
  sessionComparison,
} from "@/lib/interview/report-view";
import type { FamilyId } from "@/lib/scenarios/types";
import { guardPage } from "@/lib/server/guard";
import { findInterviewQuestion } from "@/lib/server/interview/bank";
import { getSession, listSessions } from "@/lib/server/interview/sessions";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import type { Locale } from "@/lib/core";
import { lessonLinkInfo } from "@/lib/server/interview/lessons";
import { formatPercent as pct } from "@/lib/core/format";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "interview.report" }))("metaTitle") };
}


/** /interview/<id>/report: the stored report of a finished session (owner only). */
export default async function InterviewReportPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations({ locale, namespace: "interview.report" });
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
  const { calibration, time, recommendations } = report;
  const comparison = sessionComparison(await listSessions(user.id, 10), session.id);
  const bias = biasStatement(calibration.bias);

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
          <table className="min-w-full text-sm">
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-1 pr-4">
                  {t("topic")}
                </th>
                <th scope="col" className="py-1 pr-4 text-right">
                  {t("questions")}
                </th>
                <th scope="col" className="py-1">
                  {t("score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.byTopic.map((row) => (
                <tr key={row.topic} className="border-b border-line">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {topicName(row.topic)}
                  </th>
                  <td className="py-1 pr-4 text-right font-mono">
                    {row.answered}/{row.questions}
                  </td>
                  <td className="py-1">
                    <div className="flex items-center gap-2">
                      <span className="w-12 font-mono">{pct(row.score)}</span>
                      <span aria-hidden="true" className="h-2 w-40 rounded bg-slate-100">
                        <span className={`block h-2 rounded ${scoreBar(row.score).weak ? "bg-warn" : "bg-ok"}`} style={{ width: `${scoreBar(row.score).widthPercent}%` }} />
                      </span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("calibrationTitle")}</h2>
        <p className="mb-3 text-sm text-muted">{t("calibrationIntro")}</p>
        {calibration.meanAbsError === null ? (
          <p>{t("noCalibration")}</p>
        ) : (
          <div className="flex flex-col gap-3">
            <p className="text-xl font-semibold" data-testid="calibration-error">
              {t("calibrationError", { value: percentPoints(calibration.meanAbsError) })}
            </p>
            {bias ? <p>{t("bias", { value: bias.points, direction: bias.moreSure ? t("moreSure") : t("lessSure") })}</p> : null}
            {calibration.verdict ? <p className="font-medium">{t(`verdict.${calibration.verdict}`)}</p> : null}
            <figure role="group" aria-label={t("chartLabel", { summary: calibrationSummary(calibration.byConfidence) })}>
              <CalibrationChart
                data={calibrationChartData(calibration.byConfidence)}
                statedName={t("chartStated")}
                actualName={t("chartActual")}
              />
            </figure>
            <table className="text-sm">
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="py-1 pr-6">
                    {t("level")}
                  </th>
                  <th scope="col" className="py-1 pr-6 text-right">
                    {t("stated")}
                  </th>
                  <th scope="col" className="py-1 pr-6 text-right">
                    {t("actual")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {calibration.byConfidence.map((b) => (
                  <tr key={b.confidence} className="border-b border-line">
                    <th scope="row" className="py-1 pr-6 text-left font-normal">
                      {b.confidence}
                    </th>
                    <td className="py-1 pr-6 text-right font-mono">{pct(b.stated)}</td>
                    <td className="py-1 pr-6 text-right font-mono">{pct(b.meanCorrectness)}</td>
                    <td className="py-1 text-right font-mono">{b.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("timeTitle")}</h2>
        <p className="mb-3 text-sm text-muted">{t("totalTime", { total: formatDuration(time.totalMs), mean: formatDuration(time.meanMs) })}</p>
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="px-2 py-1">
                  #
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("question")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("topic")}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t("time")}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t("score")}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t("confidence")}
                </th>
              </tr>
            </thead>
            <tbody>
              {questionRows(report, session.items).map((q) => (
                <tr key={q.position} className="border-b border-line align-top" data-position={q.position}>
                  <td className="px-2 py-1 font-mono">{q.position + 1}</td>
                  <td className="px-2 py-1">{questionTitle(q.kind, q.ref)}</td>
                  <td className="px-2 py-1">{topicName(q.topic)}</td>
                  <td className="px-2 py-1 text-right font-mono">
                    {q.durationMs === null ? t("skippedCell") : formatDuration(q.durationMs)}
                    {q.slowest ? <span className="ml-1 text-xs text-warn">({t("slowest")})</span> : null}
                  </td>
                  <td className="px-2 py-1 text-right font-mono">{q.durationMs === null ? "—" : pct(q.score)}</td>
                  <td className="px-2 py-1 text-right font-mono">{q.confidence ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("nextTitle")}</h2>
        {!hasRecommendations(report) ? (
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

      {comparison.length > 0 ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("compareTitle")}</h2>
          <table className="text-sm">
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-1 pr-6">
                  {t("startedAt")}
                </th>
                <th scope="col" className="py-1 pr-6 text-right">
                  {t("overall")}
                </th>
                <th scope="col" className="py-1 text-right">
                  {t("calibrationTitle")}
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.map((s) => (
                <tr key={s.id} className={`border-b border-line ${s.current ? "font-semibold" : ""}`}>
                  <th scope="row" className="py-1 pr-6 text-left font-normal">
                    {s.current ? (
                      <span>
                        <LocalTime iso={s.startedAt.toISOString()} /> ({t("thisOne")})
                      </span>
                    ) : (
                      <Link href={`/interview/${s.id}/report`} className="text-brand-700 underline">
                        <LocalTime iso={s.startedAt.toISOString()} />
                      </Link>
                    )}
                  </th>
                  <td className="py-1 pr-6 text-right font-mono">{pct(s.overall)}</td>
                  <td className="py-1 text-right font-mono">{s.calibrationError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </div>
  );
}
