import { getFormatter } from "next-intl/server";
import { ScoreChart } from "@/components/quiz/score-chart";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { Link } from "@/i18n/navigation";
import { BUCKETS, quizResults } from "@/lib/server/quiz/results";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { formatPercent } from "@/lib/core/format";
import { inlineMarkdown } from "@/components/quiz/markdown";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.results");

/** Results of one quiz: distribution, per-question success, common mistakes, grades, CSV. */
export default async function ResultsPage({ params }: { params: Promise<{ locale: Locale; quizId: string }> }) {
  const { locale, quizId, user, t } = await openPage(params, "teach.results", "INSTRUCTOR");
  const format = await getFormatter();
  const r = await orNotFound(quizResults(user, quizId, locale));
  const pct = (x: number | null) => formatPercent(x, { digits: 1, locale });
  const buckets = r.distribution.map((count, i) => ({ label: `${i * (100 / BUCKETS)}–${(i + 1) * (100 / BUCKETS)}%`, count }));
  // Each student's latest best-scoring attempt, for the "view" link (read with the grades).
  const bestAttempt = new Map(r.students.map((s) => [s.userId, s.bestAttemptId]));
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("title")}
        intro={t("intro", { title: r.quiz.title, students: r.students.length, attempts: r.submittedAttempts })}
        links={[
          { href: `/api/quiz/quizzes/${encodeURIComponent(quizId)}/grades?locale=${locale}`, label: t("csv"), primary: true, download: true },
          { href: `/teach/quizzes/${quizId}`, label: t("back") },
        ]}
      />

      <Section id="dist-heading" title={t("distribution")}>
        {r.students.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <Card>
            <p className="mb-2 text-sm text-muted">{t("mean", { mean: pct(r.meanBest) })}</p>
            <ScoreChart buckets={buckets} studentsLabel={t("students")} />
            <Table
              rows={buckets}
              rowKey={(b) => b.label}
              caption={t("distributionCaption")}
              captionClassName="mb-1 text-left text-sm text-muted"
              className="mt-4"
              cellClassName="py-1"
              scroll={false}
              columns={[
                { header: t("bucket"), cell: (b) => b.label },
                { header: t("students"), cell: (b) => b.count },
              ]}
            />
          </Card>
        )}
      </Section>

      <Section id="items-heading" title={t("perQuestion")}>
        <Table
          rows={r.itemStats}
          rowKey={(s) => s.itemId}
          rowClassName="align-top"
          columns={[
            { header: "#", cell: (_, i) => i + 1 },
            { header: t("question"), cell: (s) => inlineMarkdown(s.label) },
            { header: t("answered"), cell: (s) => s.answered },
            { header: t("success"), cellClassName: "font-mono", cell: (s) => pct(s.meanScore) },
            { header: t("fullMarks"), cell: (s) => s.fullMarks },
            {
              header: t("commonWrong"),
              cell: (s) =>
                s.commonWrong.length === 0 ? (
                  "—"
                ) : (
                  <ul className="list-disc pl-4">
                    {s.commonWrong.map((w) => (
                      <li key={w.answer}>{t("wrongCount", { answer: w.answer, count: w.count })}</li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </Section>

      <Section id="grades-heading" title={t("grades")}>
        <Table
          rows={r.students}
          rowKey={(s) => s.userId}
          empty={t("none")}
          columns={[
            { header: t("student"), cell: (s) => s.name },
            { header: t("email"), cell: (s) => s.email },
            { header: t("attempts"), cell: (s) => s.attempts },
            { header: t("best"), cellClassName: "font-mono", cell: (s) => pct(s.bestScore) },
            { header: t("lastSubmitted"), cell: (s) => (s.lastSubmittedAt ? format.dateTime(s.lastSubmittedAt, DATE_TIME) : "") },
            {
              header: t("view"),
              hideHeader: true,
              cell: (s) =>
                bestAttempt.get(s.userId) ? (
                  <Link href={`/quizzes/${quizId}/attempts/${bestAttempt.get(s.userId)}`} className="text-brand-700 underline">
                    {t("view")}
                    <span className="sr-only">: {s.name}</span>
                  </Link>
                ) : null,
            },
          ]}
        />
      </Section>
    </div>
  );
}
