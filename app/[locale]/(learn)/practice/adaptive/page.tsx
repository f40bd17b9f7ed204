import { PracticePage } from "@/components/quiz/practice-view";
import { redirect } from "@/i18n/navigation";
import { getPracticeRow, openPracticeVariant } from "@/lib/server/quiz/practice";
import type { Locale } from "@/lib/core";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ v?: string | string[] }> };

export const generateMetadata = titleFrom("quiz.practice", "adaptiveTitle");

/**
 * /practice/adaptive: each next question comes from the student's weakest topic, one difficulty
 * level up or down by their recent results (lib/quiz/adaptive.ts, issue #19 item 4).
 */
export default async function AdaptivePracticePage({ params, searchParams }: Props) {
  const { locale, user, t } = await openPage(params, "quiz.practice");
  const scope = { kind: "adaptive" } as const;
  const v = (await searchParams).v;
  const row = typeof v === "string" ? await getPracticeRow(user, v) : null;
  if (!row || row.origin !== "practice") {
    redirect({ href: `/practice/adaptive?v=${encodeURIComponent(await openPracticeVariant(user, scope))}`, locale });
  }
  return <PracticePage title={t("adaptiveTitle")} intro={t("adaptiveIntro")} row={row!} scope={scope} locale={locale} />;
}
