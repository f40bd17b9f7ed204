import { requireUser } from "@/lib/server/auth";
import { requestLocale, withApi } from "@/lib/server/http";
import { exportGift, listAuthored } from "@/lib/server/quiz/authored-questions";
import { isLocale } from "@/lib/core";
import { downloadResponse } from "@/app/api/download";

/**
 * GET /api/quiz/questions/gift?locale=en|zh — the caller's authored questions as a Moodle GIFT
 * file in one language (import both files back to restore both languages). Ordering questions
 * have no GIFT type; they are listed as comments in the file.
 */
export const GET = withApi(async (request: Request) => {
  const q = new URL(request.url).searchParams.get("locale");
  const locale = isLocale(q) ? q : requestLocale(request);
  const user = await requireUser("INSTRUCTOR");
  const { text } = exportGift(await listAuthored(user), locale);
  return downloadResponse(text, { filename: `tcplab-questions-${locale}.gift`, type: "text/plain; charset=utf-8" });
});
