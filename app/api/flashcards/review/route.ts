import { requireUser } from "@/lib/server/auth";
import { reviewCard, reviewInputSchema } from "@/lib/server/flashcards/review";
import { apiError, readJson, requestLocale, withApi } from "@/lib/server/http";
import { createLimiter } from "@/lib/server/rate-limit";

export const dynamic = "force-dynamic";

// A fast reviewer rates a card every few seconds; this only stops a script hammering the table.
const limitReview = createLimiter("flashcards-review", 300, 60, { onFailure: "allow" });

/**
 * POST /api/flashcards/review  { cardRef: "b:<id>" | "u:<id>", rating: "again"|"hard"|"good"|"easy",
 * questionAttemptId?: string }
 * 200 { review: { cardRef, rating, state, due, intervalMs, score } }: the state and the log row
 *     were written together (server clock);
 * 400 invalid body · 401 · 404 not the learner's card · 409 `answerFirst` (scenario card not yet
 * answered) or `conflict` (rated in another tab) · 413 · 415 · 429.
 * A scenario card's score is read from the server-graded variant; the body carries no score.
 */
export const POST = withApi(async (request: Request) => {
  const locale = requestLocale(request);
  const user = await requireUser();
  const limit = await limitReview(user.id);
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds } });
  const body = await readJson(request, reviewInputSchema, 2048);
  if (!body.ok) return body.response;
  const review = await reviewCard(user.id, body.data, new Date());
  return Response.json({ review }, { headers: { "Cache-Control": "private, no-store" } });
});
