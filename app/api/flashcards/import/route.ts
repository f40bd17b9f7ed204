import { topicIdSchema } from "@/lib/content/topics";
import { requireUser } from "@/lib/server/auth";
import { importCards } from "@/lib/server/flashcards/anki";
import { apiError, readBody, requestLocale, translator, withApi } from "@/lib/server/http";
import { createLimiter } from "@/lib/server/rate-limit";

export const dynamic = "force-dynamic";

const limitImport = createLimiter("flashcards-import", 20, 60 * 60, { onFailure: "deny" });

/**
 * Upper bound on the request: lib/flashcards/anki.ts accepts 5,000,000 characters; 6 MB of
 * UTF-8 holds that for Latin text and 2,000 full Chinese cards (the import limit) easily.
 */
const MAX_IMPORT_BYTES = 6 * 1024 * 1024;

/**
 * POST /api/flashcards/import  multipart/form-data: file=<Anki text file>, topic=<topic id or empty>
 * 200 { imported: n } — every card written in one transaction;
 * 422 { error: { code: "importInvalid", message, lines: [{ line, message }] } } — nothing written;
 * 400 no file / not UTF-8 text · 401 · 413 · 415 · 429.
 */
export const POST = withApi(async (request: Request) => {
  const locale = requestLocale(request);
  const t = translator(locale, "flashcards.errors");
  const user = await requireUser();
  if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) return apiError(locale, "unsupportedMediaType", { message: t("fileMissing") });
  const limit = await limitImport(user.id);
  if (!limit.ok) return apiError(locale, "rateLimited", { values: { seconds: limit.retryAfterSeconds } });

  const bytes = await readBody(request, MAX_IMPORT_BYTES);
  if (!bytes) return apiError(locale, "tooLarge", { message: t("fileTooLarge", { limit: MAX_IMPORT_BYTES / 1024 / 1024 }) });
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    return apiError(locale, "invalidInput", { message: t("fileMissing") });
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) return apiError(locale, "invalidInput", { message: t("fileMissing") });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return apiError(locale, "invalidInput", { message: t("notText") });
  }
  const topicField = form.get("topic");
  const topic = topicIdSchema.safeParse(topicField);
  if (topicField && topicField !== "" && !topic.success) return apiError(locale, "invalidInput");

  const outcome = await importCards(user.id, text, { topic: topic.success ? topic.data : null });
  if (!outcome.ok) {
    return Response.json(
      { error: { code: "importInvalid", message: t("importInvalid"), lines: outcome.errors.map((e) => ({ line: e.line, message: e.message[locale] })) } },
      { status: 422 },
    );
  }
  return Response.json({ imported: outcome.imported });
  // withApi refuses a declared body above the limit before anything runs; readBody bounds the
  // stream itself (a lying or absent Content-Length), with the route's own message.
}, { maxBytes: MAX_IMPORT_BYTES });
