import { z } from "zod";
import { localePath } from "@/i18n/routing";
import { DomainError, locales } from "@/lib/core";
import { getCurrentUser } from "@/lib/server/auth";
import { apiError, readBody, requestLocale, withApi } from "@/lib/server/http";
import { newPracticeVariant, newVariantOf, practicePath, practiceScopeSchema, type PracticeScope } from "@/lib/server/quiz/practice";
import { idOrEmpty } from "@/lib/server/sanitize";

/** A form of four short fields: anything longer is not one of ours. */
const MAX_FORM_BYTES = 1024;

/**
 * The fields of a practice page's two buttons (components/quiz/practice-view.tsx): which
 * button, the page's language and scope, and the question on the page (`id`: the variant to
 * replace on "Next"/"Skip", the question to vary on "New variant").
 */
const formSchema = z.object({
  op: z.enum(["next", "variant"]),
  locale: z.enum(locales),
  scope: z.enum(["family", "topic", "adaptive"]),
  family: z.string().max(64).optional(),
  topic: z.string().max(64).optional(),
  id: z.string().max(64).optional(),
});

/** 303: the browser follows with a GET (RFC 9110 §15.4.4), so a reload does not post again. */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/**
 * POST /api/practice (application/x-www-form-urlencoded, from the practice pages' plain forms;
 * they work without JavaScript): "Next question"/"Skip" makes a new variant in the page's
 * scope, deleting the skipped question if it was the caller's own and unanswered; "New
 * variant" makes the same question with a fresh seed. Then 303 to the new question's page.
 * The Pages Router that renders the practice pages has no server actions (issue #16); this is
 * what `nextPracticeAction`/`newVariantAction` did, with the same refusals: signed out → the
 * sign-in page, a question that is not the caller's → the practice list, nothing changed.
 * Malformed fields → 400, a cross-site post → 403 (withApi), a non-form body → 415.
 */
export const POST = withApi(
  async (request: Request) => {
    const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") return apiError(requestLocale(request), "unsupportedMediaType");
    const bytes = await readBody(request, MAX_FORM_BYTES);
    if (!bytes) return apiError(requestLocale(request), "tooLarge", { values: { limit: MAX_FORM_BYTES } });
    const form = formSchema.parse(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))));
    const scope: PracticeScope = practiceScopeSchema.parse({ kind: form.scope, family: form.family, topic: form.topic });
    const user = await getCurrentUser();
    if (!user) return seeOther(localePath(form.locale, "/signin"));
    const id = idOrEmpty(form.id);
    try {
      const next = form.op === "variant" ? await newVariantOf(user, id) : await newPracticeVariant(user, scope, id || undefined);
      return seeOther(localePath(form.locale, `${practicePath(scope)}?v=${encodeURIComponent(next)}`));
    } catch (error) {
      if (error instanceof DomainError) return seeOther(localePath(form.locale, "/practice"));
      throw error;
    }
  },
  { maxBytes: MAX_FORM_BYTES },
);
