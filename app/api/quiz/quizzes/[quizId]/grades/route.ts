import { gradesCsv } from "@/lib/server/quiz/results";
import { quizCsvRoute } from "../quiz-csv";

/**
 * GET /api/quiz/quizzes/:quizId/grades[?locale=zh] — the quiz's grades as CSV (one row per
 * student, best attempt), for the quiz's instructor or an admin. UTF-8 with a BOM so Excel
 * opens Chinese names correctly. A QuizError (not found, not the caller's) becomes its 4xx in withApi.
 */
export const GET = quizCsvRoute("teach.results.csvHeaders", ({ user, quizId, locale, t }) =>
  gradesCsv(user, quizId, locale, {
    name: t("name"),
    email: t("email"),
    attempts: t("attempts"),
    best: t("best"),
    lastSubmitted: t("lastSubmitted"),
    question: (n) => t("question", { n }),
  }),
);
