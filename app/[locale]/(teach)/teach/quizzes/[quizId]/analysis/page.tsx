import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { ItemChart } from "@/components/quiz/item-chart";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { regradeAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import { QuizError } from "@/lib/server/quiz/errors";
import { itemAnalysis } from "@/lib/server/quiz/item-analysis";
import { getManagedQuiz } from "@/lib/server/quiz/quizzes";
import type { Locale } from "@/lib/core";
import { inlineMarkdown } from "@/components/quiz/markdown";

type Props = { params: Promise<{ locale: Locale; quizId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.analysis" }))("title") };
}

const fixed = (x: number | null, digits = 2) => (x === null ? "—" : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

/** Item analysis (issue #15 item 6) and regrade (item 7) of one quiz, for its instructor. */
export default async function AnalysisPage({ params }: Props) {
  const { locale, quizId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach");
  let quiz;
  let rows;
  try {
    quiz = await getManagedQuiz(user, quizId);
    rows = await itemAnalysis(user, quizId, locale);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("analysis.heading", { title: quiz.title })}
        intro={t("analysis.intro")}
        actions={
          <span className="flex gap-4 text-sm">
            <Link href={`/teach/quizzes/${quiz.id}`} className="text-brand-700 underline">
              {t("monitor.back")}
            </Link>
            <a href={`/api/quiz/quizzes/${quiz.id}/items?locale=${locale}`} className="text-brand-700 underline" download>
              {t("analysis.csv")}
            </a>
          </span>
        }
      />
      <ItemChart
        data={rows.map((r) => ({ label: `Q${r.position}`, facility: r.facility ?? 0, discrimination: r.discrimination ?? 0 }))}
        facilityLabel={t("analysis.columns.facility")}
        discriminationLabel={t("analysis.columns.discrimination")}
      />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("analysis.caption")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.position")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.question")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.responses")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.facility")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.discrimination")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.meanSeconds")}</th>
              <th scope="col" className="py-2 pr-3">{t("analysis.columns.choices")}</th>
              <th scope="col" className="py-2">{t("regrade.title")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId} className="border-b border-line align-top" data-item={r.itemId}>
                <td className="py-2 pr-3">{r.position}</td>
                <th scope="row" className="py-2 pr-3 font-medium">{inlineMarkdown(r.label)}</th>
                <td className="py-2 pr-3">{r.responses}</td>
                <td className="py-2 pr-3">{pct(r.facility)}</td>
                <td className="py-2 pr-3">{fixed(r.discrimination)}</td>
                <td className="py-2 pr-3">{fixed(r.meanSeconds, 1)}</td>
                <td className="py-2 pr-3">
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
                </td>
                <td className="py-2">
                  <ActionForm action={regradeAction.bind(null, locale, quiz.id, r.itemId)} label={t("regrade.run", { n: r.position })} variant="secondary" confirmText={t("regrade.confirm")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
