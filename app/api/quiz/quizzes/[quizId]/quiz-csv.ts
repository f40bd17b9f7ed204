import { requireUser, type SessionUser } from "@/lib/server/auth";
import { queryLocale, translator, withApi, type Translate } from "@/lib/server/http";
import type { Locale } from "@/lib/core";
import { csvResponse } from "@/app/api/download";

/**
 * GET /api/quiz/quizzes/:quizId/<export>[?locale=zh] — one of a quiz's CSV exports, for its
 * instructor or an admin: the caller and the quiz id are checked and read here, the CSV's
 * headers translated from `namespace` in the query's language, and `build` makes the file. A
 * QuizError (not found, not the caller's) becomes its 4xx in withApi, in the CSV's language.
 */
export function quizCsvRoute(namespace: string, build: (request: { user: SessionUser; quizId: string; locale: Locale; t: Translate }) => Promise<{ csv: string; filename: string }>) {
  return withApi(
    async (request: Request, context: { params: Promise<{ quizId: string }> }) => {
      const locale = queryLocale(request);
      const user = await requireUser("INSTRUCTOR");
      const { quizId } = await context.params;
      const { csv, filename } = await build({ user, quizId, locale, t: translator(locale, namespace) });
      return csvResponse(csv, filename);
    },
    { locale: queryLocale },
  );
}
