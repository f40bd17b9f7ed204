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


function duration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function excerpt(text: string, max = 80): string {
  const plain = text.replace(/[`*]/g, "").replace(/^\s*[#>]+\s*/gm, "").replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
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
    kind === "open" ? excerpt(findInterviewQuestion(ref)?.question[locale] ?? ref) : (getScenarioFamily(ref as FamilyId)?.title[locale] ?? ref);
  const { calibration, time, recommendations } = report;
  const others = (await listSessions(user.id, 10)).filter((s) => s.report);
  const calibrationSummary = calibration.byConfidence
    .filter((b) => b.count > 0)
    .map((b) => `${b.confidence}: ${pct(b.stated)} → ${pct(b.meanCorrectness)}`)
    .join("; ");

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
                        <span className={`block h-2 rounded ${row.score !== null && row.score >= WEAK_BELOW ? "bg-ok" : "bg-warn"}`} style={{ width: `${Math.round((row.score ?? 0) * 100)}%` }} />
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
              {t("calibrationError", { value: (calibration.meanAbsError * 100).toFixed(0) })}
            </p>
            {calibration.bias !== null ? (
              <p>{t("bias", { value: Math.abs(calibration.bias * 100).toFixed(0), direction: calibration.bias >= 0 ? t("moreSure") : t("lessSure") })}</p>
            ) : null}
            {calibration.verdict ? <p className="font-medium">{t(`verdict.${calibration.verdict}`)}</p> : null}
            <figure role="group" aria-label={t("chartLabel", { summary: calibrationSummary })}>
              <CalibrationChart
                data={calibration.byConfidence.map((b) => ({ level: String(b.confidence), stated: Math.round(b.stated * 100), actual: b.meanCorrectness === null ? null : Math.round(b.meanCorrectness * 100) }))}
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
        <p className="mb-3 text-sm text-muted">{t("totalTime", { total: duration(time.totalMs), mean: duration(time.meanMs) })}</p>
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
              {time.perQuestion.map((q) => {
                const point = calibration.points.find((p) => p.position === q.position);
                const item = session.items.find((i) => i.position === q.position);
                const score = item ? (item.kind === "open" ? item.selfScore : item.confidence !== null ? item.autoScore : null) : null;
                return (
                  <tr key={q.position} className="border-b border-line align-top" data-position={q.position}>
                    <td className="px-2 py-1 font-mono">{q.position + 1}</td>
                    <td className="px-2 py-1">{questionTitle(q.kind, q.ref)}</td>
                    <td className="px-2 py-1">{topicName(q.topic)}</td>
                    <td className="px-2 py-1 text-right font-mono">
                      {q.durationMs === null ? t("skippedCell") : duration(q.durationMs)}
                      {time.slowest === q.position ? <span className="ml-1 text-xs text-warn">({t("slowest")})</span> : null}
                    </td>
                    <td className="px-2 py-1 text-right font-mono">{q.durationMs === null ? "—" : pct(score)}</td>
                    <td className="px-2 py-1 text-right font-mono">{point ? point.confidence : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("nextTitle")}</h2>
        {recommendations.lessons.length === 0 && recommendations.weakTopics.length === 0 ? (
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
                          {excerpt(card.front[locale], 110)}
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

      {others.length > 1 ? (
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
              {others.map((s) => (
                <tr key={s.id} className={`border-b border-line ${s.id === session.id ? "font-semibold" : ""}`}>
                  <th scope="row" className="py-1 pr-6 text-left font-normal">
                    {s.id === session.id ? (
                      <span>
                        <LocalTime iso={s.startedAt.toISOString()} /> ({t("thisOne")})
                      </span>
                    ) : (
                      <Link href={`/interview/${s.id}/report`} className="text-brand-700 underline">
                        <LocalTime iso={s.startedAt.toISOString()} />
                      </Link>
                    )}
                  </th>
                  <td className="py-1 pr-6 text-right font-mono">{pct(s.report!.overall)}</td>
                  <td className="py-1 text-right font-mono">{s.report!.calibration.meanAbsError === null ? "—" : (s.report!.calibration.meanAbsError * 100).toFixed(0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </div>
  );
}
