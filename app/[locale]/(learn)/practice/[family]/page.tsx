import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { PracticePage } from "@/components/quiz/practice-view";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { Link, redirect } from "@/i18n/navigation";
import { FAMILY_IDS, type FamilyId } from "@/lib/scenarios/types";
import { guardPage } from "@/lib/server/guard";
import { getScenarioFamily } from "@/lib/server/quiz/families";
import { getPracticeRow, openPracticeVariant } from "@/lib/server/quiz/practice";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; family: string }>; searchParams: Promise<{ v?: string | string[] }> };

function familyOf(id: string): FamilyId | undefined {
  return (FAMILY_IDS as readonly string[]).includes(id) ? (id as FamilyId) : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, family } = await params;
  const f = familyOf(family) ? getScenarioFamily(family as FamilyId) : undefined;
  const t = await getTranslations({ locale, namespace: "quiz.practice" });
  return { title: f ? f.title[locale] : t("title") };
}

/**
 * /practice/<family>: a fresh variant of one scenario family (lessons deep-link here). Without
 * `?v=` it reuses the latest unanswered variant or makes one, then shows it by id, so reloading
 * or going back shows the same question and its feedback.
 */
export default async function FamilyPracticePage({ params, searchParams }: Props) {
  const { locale, family: familyParam } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.practice");
  const id = familyOf(familyParam);
  if (!id) notFound();
  const family = getScenarioFamily(id);
  if (!family) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <Notice tone="warning">{t("familyUnavailable")}</Notice>
        <p className="mt-4">
          <Link href="/practice" className="text-brand-700 underline">
            {t("back")}
          </Link>
        </p>
      </div>
    );
  }
  const scope = { kind: "family", family: id } as const;
  const v = (await searchParams).v;
  const row = typeof v === "string" ? await getPracticeRow(user, v) : null;
  if (!row || row.source !== "family" || row.ref !== id) {
    redirect({ href: `/practice/${id}?v=${encodeURIComponent(await openPracticeVariant(user, scope))}`, locale });
  }
  return <PracticePage title={family.title[locale]} intro={family.description[locale]} row={row!} scope={scope} locale={locale} />;
}
