import { requireUser } from "@/lib/server/auth";
import { exportDeck, exportFileName } from "@/lib/server/flashcards/anki";
import { parseDeckScope } from "@/lib/server/flashcards/catalog";
import { requestLocale, withApi } from "@/lib/server/http";
import { isLocale } from "@/lib/core";
import { downloadResponse } from "@/app/api/download";

export const dynamic = "force-dynamic";

/**
 * GET /api/flashcards/export?deck=<topic id | own | all>&lang=<en|zh>
 * An Anki "Notes in Plain Text" file (lib/flashcards/anki.ts) as a download: a built-in topic
 * deck (without scenario cards), the learner's own cards, or both. Signed-in users only, and
 * "own" is always the caller's own cards.
 */
export const GET = withApi(async (request: Request) => {
  const user = await requireUser();
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const locale = isLocale(lang) ? lang : requestLocale(request);
  const scope = parseDeckScope(url.searchParams.get("deck") ?? "all");
  const { text } = await exportDeck(user.id, scope, locale);
  return downloadResponse(text, { filename: exportFileName(scope, locale), type: "text/plain; charset=utf-8", cacheControl: "private, no-store" });
});
