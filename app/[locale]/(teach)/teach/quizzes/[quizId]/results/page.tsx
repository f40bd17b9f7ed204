import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ScoreChart } from "@/components/quiz/score-chart";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { QuizError } from "@/lib/server/quiz/errors";
import { BUCKETS, quizResults } from "@/lib/server/quiz/results";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { inlineMarkdown } from "@/components/quiz/markdown";

type Props = { params: Promise<{ locale: Locale; quizId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.results" }))("title") };
}

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);

/** Results of one quiz: distribution, per-question success, common mistakes, grades, CSV. */
export default async function ResultsPage({ params }: Props) {
  const { locale, quizId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.results");
  const format = await getFormatter();
  let r;
  try {
    r = await quizResults(user, quizId, locale);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
  const buckets = r.distribution.map((count, i) => ({ label: `${i * (100 / BUCKETS)}–${(i + 1) * (100 / BUCKETS)}%`, count }));
  // Each student's latest best-scoring attempt, for the "view" link (read with the grades).
  const bestAttempt = new Map(r.students.map((s) => [s.userId, s.bestAttemptId]));
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("title")}
        intro={t("intro", { title: r.quiz.title, students: r.students.length, attempts: r.submittedAttempts })}
        actions={
          <span className="flex flex-wrap items-center gap-4 text-sm">
            <a href={`/api/quiz/quizzes/${encodeURIComponent(quizId)}/grades?locale=${locale}`} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-accent-strong" download>
              {t("csv")}
            </a>
            <Link href={`/teach/quizzes/${quizId}`} className="text-brand-700 underline">
              {t("back")}
            </Link>
          </span>
        }
      />

      <section aria-labelledby="dist-heading">
        <h2 id="dist-heading" className="mb-3 text-xl font-semibold">
          {t("distribution")}
        </h2>
        {r.students.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <Card>
            <p className="mb-2 text-sm text-muted">{t("mean", { mean: pct(r.meanBest) })}</p>
            <ScoreChart buckets={buckets} studentsLabel={t("students")} />
            <table className="mt-4 w-full text-left text-sm">
              <caption className="mb-1 text-left text-sm text-muted">{t("distributionCaption")}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-1">{t("bucket")}</th>
                  <th scope="col" className="py-1">{t("students")}</th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((b) => (
                  <tr key={b.label} className="border-b border-line">
                    <td className="py-1">{b.label}</td>
                    <td className="py-1">{b.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-xl font-semibold">
          {t("perQuestion")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3">#</th>
                <th scope="col" className="py-2 pr-3">{t("question")}</th>
                <th scope="col" className="py-2 pr-3">{t("answered")}</th>
                <th scope="col" className="py-2 pr-3">{t("success")}</th>
                <th scope="col" className="py-2 pr-3">{t("fullMarks")}</th>
                <th scope="col" className="py-2 pr-3">{t("commonWrong")}</th>
              </tr>
            </thead>
            <tbody>
              {r.itemStats.map((s, i) => (
                <tr key={s.itemId} className="border-b border-line align-top">
                  <td className="py-2 pr-3">{i + 1}</td>
                  <td className="py-2 pr-3">{inlineMarkdown(s.label)}</td>
                  <td className="py-2 pr-3">{s.answered}</td>
                  <td className="py-2 pr-3 font-mono">{pct(s.meanScore)}</td>
                  <td className="py-2 pr-3">{s.fullMarks}</td>
                  <td className="py-2 pr-3">
                    {s.commonWrong.length === 0 ? (
                      "—"
                    ) : (
                      <ul className="list-disc pl-4">
                        {s.commonWrong.map((w) => (
                          <li key={w.answer}>{t("wrongCount", { answer: w.answer, count: w.count })}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="grades-heading">
        <h2 id="grades-heading" className="mb-3 text-xl font-semibold">
          {t("grades")}
        </h2>
        {r.students.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-3">{t("student")}</th>
                  <th scope="col" className="py-2 pr-3">{t("email")}</th>
                  <th scope="col" className="py-2 pr-3">{t("attempts")}</th>
                  <th scope="col" className="py-2 pr-3">{t("best")}</th>
                  <th scope="col" className="py-2 pr-3">{t("lastSubmitted")}</th>
                  <th scope="col" className="py-2 pr-3">
                    <span className="sr-only">{t("view")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.students.map((s) => (
                  <tr key={s.userId} className="border-b border-line">
                    <td className="py-2 pr-3">{s.name}</td>
                    <td className="py-2 pr-3">{s.email}</td>
                    <td className="py-2 pr-3">{s.attempts}</td>
                    <td className="py-2 pr-3 font-mono">{pct(s.bestScore)}</td>
                    <td className="py-2 pr-3">{s.lastSubmittedAt ? format.dateTime(s.lastSubmittedAt, DATE_TIME) : ""}</td>
                    <td className="py-2 pr-3">
                      {bestAttempt.get(s.userId) ? (
                        <Link href={`/quizzes/${quizId}/attempts/${bestAttempt.get(s.userId)}`} className="text-brand-700 underline">
                          {t("view")}
                          <span className="sr-only">: {s.name}</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
