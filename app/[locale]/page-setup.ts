import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import type { Locale } from "@/lib/core";
import type { Role } from "@/lib/core/role";
import { guardPage } from "@/lib/server/guard";
import { QuizError } from "@/lib/server/quiz/errors";

/**
 * The opening every page of the app wrote out (issue #13): its `<title>` from one message, and
 * the request's locale, user and translator. Kept in one place so the order stays the one the
 * access tests rely on: the locale is set before anything renders (next-intl's static
 * rendering), and the guard runs before the page reads any data.
 * @see https://next-intl.dev/docs/getting-started/app-router/with-i18n-routing#static-rendering
 */

/** `export const generateMetadata = titleFrom("quiz.classes")`: the title is that namespace's `key`. */
export function titleFrom(namespace: string, key = "title") {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const { locale } = await params;
    return { title: (await getTranslations({ locale, namespace }))(key) };
  };
}

/**
 * The route's params, the signed-in user (anonymous → sign-in, too low a role → 403; see
 * guardPage) and the translator of `namespace`.
 */
export async function openPage<P extends { locale: Locale }>(params: Promise<P>, namespace: string, role: Role = "STUDENT") {
  const route = await params;
  setRequestLocale(route.locale);
  const user = await guardPage(route.locale, role);
  const t = await getTranslations({ locale: route.locale, namespace });
  return { ...route, user, t };
}

/**
 * A quiz service's answer, or the 404 page when it refuses (unknown id, or not the caller's):
 * the same page for both, so a page does not tell who owns what.
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
}
