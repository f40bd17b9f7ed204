import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localePath, routing } from "@/i18n/routing";
import { isLocale } from "@/lib/core";

/**
 * The 403 and 404 pages (forbidden.tsx, not-found.tsx): a title, a sentence and the way home, in
 * the request's language. A plain next/link to the localized home: these render outside the
 * page that failed, where the locale comes from the request (getLocale), not from params.
 */
export async function ErrorPage({ kind }: { kind: "forbidden" | "notFound" }) {
  const t = await getTranslations("common.errors");
  const locale = await getLocale();
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-semibold">{t(`${kind}Title`)}</h1>
      <p className="mt-3 text-muted">{t(`${kind}Body`)}</p>
      <Link href={localePath(isLocale(locale) ? locale : routing.defaultLocale, "/")} className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
