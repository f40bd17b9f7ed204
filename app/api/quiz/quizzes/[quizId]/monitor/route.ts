import { requireUser } from "@/lib/server/auth";
import { withApi } from "@/lib/server/http";
import { monitorSnapshot } from "@/lib/server/quiz/monitor";

/**
 * GET /api/quiz/quizzes/:quizId/monitor — the live exam monitor's snapshot (who started,
 * answered how many, time left, finished), polled by components/quiz/exam-monitor.tsx. The
 * quiz's instructor or an admin only; never cached. A QuizError becomes its 4xx in withApi.
 */
export const GET = withApi(async (_request: Request, context: { params: Promise<{ quizId: string }> }) => {
  const user = await requireUser("INSTRUCTOR");
  const { quizId } = await context.params;
  return Response.json(await monitorSnapshot(user, quizId), { headers: { "cache-control": "no-store" } });
});
