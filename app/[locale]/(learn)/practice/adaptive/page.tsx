import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PracticePage } from "@/components/quiz/practice-view";
import { redirect } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { getPracticeRow, openPracticeVariant } from "@/lib/server/quiz/practice";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ v?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.practice" }))("adaptiveTitle") };
}

/**
 * /practice/adaptive: each next question comes from the student's weakest topic, one difficulty
 * level up or down by their recent results (lib/quiz/adaptive.ts, issue #19 item 4).
 */
export default async function AdaptivePracticePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.practice");
  const scope = { kind: "adaptive" } as const;
  const v = (await searchParams).v;
  const row = typeof v === "string" ? await getPracticeRow(user, v) : null;
  if (!row || row.origin !== "practice") {
    redirect({ href: `/practice/adaptive?v=${encodeURIComponent(await openPracticeVariant(user, scope))}`, locale });
  }
  return <PracticePage title={t("adaptiveTitle")} intro={t("adaptiveIntro")} row={row!} scope={scope} locale={locale} />;
}
