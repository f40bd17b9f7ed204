import { itemAnalysis, itemAnalysisCsv } from "@/lib/server/quiz/item-analysis";
import { quizCsvRoute } from "../quiz-csv";

/**
 * GET /api/quiz/quizzes/:quizId/items[?locale=zh] — the quiz's item analysis as CSV (facility,
 * discrimination, mean time, option rates and scenario families' correct rate per drawn parameter, per question), for its instructor or an admin.
 * A QuizError (not found, not the caller's) becomes its 4xx in withApi, in the CSV's language.
 */
export const GET = quizCsvRoute("teach.analysis.columns", async ({ user, quizId, locale, t }) => {
  const rows = await itemAnalysis(user, quizId, locale);
  const csv = itemAnalysisCsv(rows, {
    position: t("position"),
    question: t("question"),
    responses: t("responses"),
    facility: t("facility"),
    discrimination: t("discrimination"),
    meanSeconds: t("meanSeconds"),
    choices: t("choices"),
    byParameter: t("byParameter"),
  });
  return { csv, filename: "item-analysis.csv" };
});
