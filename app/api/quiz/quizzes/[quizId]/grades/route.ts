import { requireUser } from "@/lib/server/auth";
import { queryLocale, translator, withApi } from "@/lib/server/http";
import { gradesCsv } from "@/lib/server/quiz/results";
import { csvResponse } from "@/app/api/download";

/**
 * GET /api/quiz/quizzes/:quizId/grades[?locale=zh] — the quiz's grades as CSV (one row per
 * student, best attempt), for the quiz's instructor or an admin. UTF-8 with a BOM so Excel
 * opens Chinese names correctly. A QuizError (not found, not the caller's) becomes its 4xx in withApi.
 */
export const GET = withApi(
  async (request: Request, context: { params: Promise<{ quizId: string }> }) => {
    const locale = queryLocale(request);
    const user = await requireUser("INSTRUCTOR");
    const { quizId } = await context.params;
    const t = translator(locale, "teach.results.csvHeaders");
    const { filename, csv } = await gradesCsv(user, quizId, locale, {
      name: t("name"),
      email: t("email"),
      attempts: t("attempts"),
      best: t("best"),
      lastSubmitted: t("lastSubmitted"),
      question: (n) => t("question", { n }),
    });
    return csvResponse(csv, filename);
  },
  { locale: queryLocale },
);
