import { requireUser } from "@/lib/server/auth";
import { apiError, readJson, requestLocale, withApi } from "@/lib/server/http";
import { createLimiter } from "@/lib/server/rate-limit";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { MAX_SUBMIT_BYTES, submitBodySchema } from "@/lib/server/quiz/types";

// Grading runs the simulator: a generous per-user budget that still stops a script hammering it.
const limitSubmit = createLimiter("quiz-submit", 120, 60, { onFailure: "allow" });

/**
 * POST /api/quiz/questions/:id/submit  { answer: { <inputId>: value } }
 * 200 { status: "graded", result | null }: graded now or earlier (idempotent; `result` is null
 *     while an exam's results are hidden);
 * 422 { error: { code: "formatError", message } }: nothing was recorded, try again;
 * 401/403/404/409/413/415/429 with a localized message. The body's other fields (seed, params,
 * score …) are ignored: the stored row is the only truth.
 */
export const POST = withApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const locale = requestLocale(request);
  const user = await requireUser();
  const limit = await limitSubmit(user.id);
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds } });
  const body = await readJson(request, submitBodySchema, MAX_SUBMIT_BYTES);
  if (!body.ok) return body.response;
  const { id } = await context.params;
  const outcome = await submitAnswer(user, id, body.data.answer, locale);
  if (outcome.status === "formatError") {
    return Response.json({ error: { code: "formatError", message: outcome.error[locale] } }, { status: 422 });
  }
  return Response.json({ status: "graded", alreadySubmitted: outcome.alreadySubmitted, result: outcome.result });
});
