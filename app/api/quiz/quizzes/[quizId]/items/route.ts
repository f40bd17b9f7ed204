import { isLocale } from "@/i18n/routing";
import { requireUser } from "@/lib/server/auth";
import { requestLocale, translator, withApi } from "@/lib/server/http";
import { QuizError } from "@/lib/server/quiz/errors";
import { quizErrorResponse } from "@/lib/server/quiz/http";
import { itemAnalysis, itemAnalysisCsv } from "@/lib/server/quiz/item-analysis";

/**
 * GET /api/quiz/quizzes/:quizId/items[?locale=zh] — the quiz's item analysis as CSV (facility,
 * discrimination, mean time, option rates per question), for its instructor or an admin.
 */
export const GET = withApi(async (request: Request, context: { params: Promise<{ quizId: string }> }) => {
  const q = new URL(request.url).searchParams.get("locale");
  const locale = isLocale(q) ? q : requestLocale(request);
  const user = await requireUser("INSTRUCTOR");
  const { quizId } = await context.params;
  const t = translator(locale, "teach.analysis.columns");
  try {
    const rows = await itemAnalysis(user, quizId, locale);
    const csv = itemAnalysisCsv(rows, {
      position: t("position"),
      question: t("question"),
      responses: t("responses"),
      facility: t("facility"),
      discrimination: t("discrimination"),
      meanSeconds: t("meanSeconds"),
      choices: t("choices"),
    });
    return new Response(`\uFEFF${csv}\r\n`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="item-analysis.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof QuizError) return quizErrorResponse(locale, error);
    throw error;
  }
});
