import { requireUser } from "@/lib/server/auth";
import { readJson, withApi } from "@/lib/server/http";
import { listProgress, progressUpdateSchema, setLessonComplete } from "@/lib/server/progress";

// Per-user data behind a session cookie: never cached, never prerendered.
export const dynamic = "force-dynamic";
const noStore = { "Cache-Control": "private, no-store" };

/** GET: the signed-in user's completed lessons. */
export const GET = withApi(async () => {
  const user = await requireUser();
  return Response.json({ progress: await listProgress(user.id) }, { headers: noStore });
});

/** POST { slug, complete }: mark a lesson complete or not complete; returns the new progress. */
export const POST = withApi(async (request: Request) => {
  const user = await requireUser();
  const body = await readJson(request, progressUpdateSchema, 1024, { issueNamespace: "lessons.errors" });
  if (!body.ok) return body.response;
  return Response.json({ progress: await setLessonComplete(user.id, body.data) }, { headers: noStore });
});
