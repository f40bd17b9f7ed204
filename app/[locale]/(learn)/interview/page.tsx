import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LocalTime } from "@/components/flashcards/local-time";
import { StartForm } from "@/components/interview/start-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { getTopic } from "@/lib/content/topics";
import { interviewBank } from "@/lib/server/interview/bank";
import { listSessions } from "@/lib/server/interview/sessions";
import { guardPage } from "@/lib/server/guard";
import { availableFamilies } from "@/lib/server/quiz/families";
import type { Locale } from "@/lib/core";
import { formatPercent as pct } from "@/lib/core/format";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "interview.start" }))("metaTitle") };
}


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
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations({ locale, namespace: "interview" });
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

      <section aria-labelledby="past-title">
        <h2 id="past-title" className="mb-3 text-xl font-semibold">
          {t("past.title")}
        </h2>
        {sessions.length === 0 ? (
          <p className="text-muted">{t("past.empty")}</p>
        ) : (
          <>
            {finished.length > 1 ? <p className="mb-3 text-sm text-muted">{t("past.trend", { count: finished.length, list: finished.map((s) => pct(s.report!.overall)).join(" → ") })}</p> : null}
            <div className="overflow-x-auto">
              <table className="min-w-full border-collapse text-sm">
                <thead>
                  <tr className="border-b border-line text-left">
                    <th scope="col" className="px-2 py-2">
                      {t("past.date")}
                    </th>
                    <th scope="col" className="px-2 py-2 text-right">
                      {t("past.questions")}
                    </th>
                    <th scope="col" className="px-2 py-2 text-right">
                      {t("past.score")}
                    </th>
                    <th scope="col" className="px-2 py-2 text-right">
                      {t("past.calibration")}
                    </th>
                    <th scope="col" className="px-2 py-2">
                      {t("past.topics")}
                    </th>
                    <th scope="col" className="px-2 py-2">
                      {t("past.status")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => {
                    const date = s.startedAt.toISOString();
                    const dateLabel = date.slice(0, 16).replace("T", " ");
                    return (
                      <tr key={s.id} className="border-b border-line" data-session={s.id}>
                        <td className="px-2 py-2">
                          <LocalTime iso={date} />
                        </td>
                        <td className="px-2 py-2 text-right font-mono">{s.report ? `${s.report.answered}/${s.report.questions}` : s.length}</td>
                        <td className="px-2 py-2 text-right font-mono">{s.report ? pct(s.report.overall) : "—"}</td>
                        <td className="px-2 py-2 text-right font-mono">
                          {s.report?.calibration.meanAbsError != null ? (s.report.calibration.meanAbsError * 100).toFixed(0) : "—"}
                        </td>
                        <td className="px-2 py-2">{s.topics.map((topic) => getTopic(topic).name[locale]).join(locale === "zh" ? "、" : ", ")}</td>
                        <td className="px-2 py-2">
                          {s.finishedAt ? (
                            <Link href={`/interview/${s.id}/report`} className="text-brand-700 underline" aria-label={t("past.openReport", { date: dateLabel })}>
                              {t("past.report")}
                            </Link>
                          ) : (
                            <>
                              <span className="mr-2 text-muted">{t("past.inProgress")}</span>
                              <Link href={`/interview/${s.id}`} className="text-brand-700 underline" aria-label={t("past.continueLabel", { date: dateLabel })}>
                                {t("past.continue")}
                              </Link>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
