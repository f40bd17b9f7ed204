import { ActionForm } from "@/components/quiz/action-form";
import { ItemChart } from "@/components/quiz/item-chart";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { regradeAction } from "@/lib/server/actions/quiz-teach";
import { itemAnalysis } from "@/lib/server/quiz/item-analysis";
import { getManagedQuiz } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";
import { formatNumber, formatPercent, NO_VALUE } from "@/lib/core/format";
import { inlineMarkdown } from "@/components/quiz/markdown";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.analysis");

/** Item analysis (issue #15 item 6) and regrade (item 7) of one quiz, for its instructor. */
export default async function AnalysisPage({ params }: { params: Promise<{ locale: Locale; quizId: string }> }) {
  const { locale, quizId, user, t } = await openPage(params, "teach", "INSTRUCTOR");
  const quiz = await orNotFound(getManagedQuiz(user, quizId));
  const rows = await orNotFound(itemAnalysis(user, quizId, locale));
  // Statistics to a fixed number of decimals, so a column's figures line up.
  const fixed = (x: number | null, digits = 2) => (x === null ? NO_VALUE : formatNumber(x, { digits, fixed: true, locale }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("analysis.heading", { title: quiz.title })}
        intro={t("analysis.intro")}
        links={[
          { href: `/teach/quizzes/${quiz.id}`, label: t("monitor.back") },
          { href: `/api/quiz/quizzes/${quiz.id}/items?locale=${locale}`, label: t("analysis.csv"), download: true },
        ]}
      />
      <ItemChart
        data={rows.map((r) => ({ label: `Q${r.position}`, facility: r.facility ?? 0, discrimination: r.discrimination ?? 0 }))}
        facilityLabel={t("analysis.columns.facility")}
        discriminationLabel={t("analysis.columns.discrimination")}
      />
      <Table
        rows={rows}
        rowKey={(r) => r.itemId}
        rowData={(r) => ({ "data-item": r.itemId })}
        caption={t("analysis.caption")}
        captionClassName="sr-only"
        className="min-w-[40rem]"
        rowClassName="align-top"
        columns={[
          { header: t("analysis.columns.position"), cell: (r) => r.position },
          { header: t("analysis.columns.question"), rowHeader: true, cellClassName: "font-medium", cell: (r) => inlineMarkdown(r.label) },
          { header: t("analysis.columns.responses"), cell: (r) => r.responses },
          { header: t("analysis.columns.facility"), cell: (r) => formatPercent(r.facility, { locale }) },
          { header: t("analysis.columns.discrimination"), cell: (r) => fixed(r.discrimination) },
          { header: t("analysis.columns.meanSeconds"), cell: (r) => fixed(r.meanSeconds, 1) },
          {
            header: t("analysis.columns.choices"),
            cell: (r) => (
              <>
                {r.choices.length > 0 ? (
                  <ul>
                    {r.choices.map((c) => (
                      <li key={c.choice}>{t("analysis.choiceRate", { choice: c.choice, rate: Math.round(c.rate * 100), count: c.count })}</li>
                    ))}
                  </ul>
                ) : null}
                {r.byParameter.length > 0 ? (
                  <ul>
                    {r.byParameter.map((p) => (
                      <li key={`${p.name}=${p.value}`}>{t("analysis.parameterRate", { parameter: p.parameter, value: p.value, rate: Math.round(p.correctRate * 100), count: p.responses })}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ),
          },
          {
            header: t("regrade.title"),
            cell: (r) => <ActionForm action={regradeAction.bind(null, locale, quiz.id, r.itemId)} label={t("regrade.run", { n: r.position })} variant="secondary" confirmText={t("regrade.confirm")} />,
          },
        ]}
      />
    </div>
  );
}
