import { requireUser } from "@/lib/server/auth";
import { requestLocale, withApi } from "@/lib/server/http";
import { QuizError } from "@/lib/server/quiz/errors";
import { quizErrorResponse } from "@/lib/server/quiz/http";
import { monitorSnapshot } from "@/lib/server/quiz/monitor";

/**
 * GET /api/quiz/quizzes/:quizId/monitor — the live exam monitor's snapshot (who started,
 * answered how many, time left, finished), polled by components/quiz/exam-monitor.tsx. The
 * quiz's instructor or an admin only; never cached.
 */
export const GET = withApi(async (request: Request, context: { params: Promise<{ quizId: string }> }) => {
  const locale = requestLocale(request);
  const user = await requireUser("INSTRUCTOR");
  const { quizId } = await context.params;
  try {
    return Response.json(await monitorSnapshot(user, quizId), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof QuizError) return quizErrorResponse(locale, error);
    throw error;
  }
});
