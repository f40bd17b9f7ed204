import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { PracticePage } from "@/components/quiz/practice-view";
import { redirect } from "@/i18n/navigation";
import { getTopic, topicIdSchema } from "@/lib/content/topics";
import { guardPage } from "@/lib/server/guard";
import { getPracticeRow, openPracticeVariant, topicCandidates } from "@/lib/server/quiz/practice";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; topic: string }>; searchParams: Promise<{ v?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, topic } = await params;
  const parsed = topicIdSchema.safeParse(topic);
  const t = await getTranslations({ locale, namespace: "quiz.practice" });
  return { title: parsed.success ? t("topicTitle", { topic: getTopic(parsed.data).name[locale] }) : t("title") };
}

/** /practice/topic/<topic>: bank questions and scenario families of one topic, mixed. */
export default async function TopicPracticePage({ params, searchParams }: Props) {
  const { locale, topic: topicParam } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.practice");
  const parsed = topicIdSchema.safeParse(topicParam);
  if (!parsed.success || topicCandidates(parsed.data).length === 0) notFound();
  const topic = parsed.data;
  const scope = { kind: "topic", topic } as const;
  const v = (await searchParams).v;
  const row = typeof v === "string" ? await getPracticeRow(user, v) : null;
  if (!row || row.topic !== topic) {
    redirect({ href: `/practice/topic/${topic}?v=${encodeURIComponent(await openPracticeVariant(user, scope))}`, locale });
  }
  return <PracticePage title={t("topicTitle", { topic: getTopic(topic).name[locale] })} intro={t("topicIntro")} row={row!} scope={scope} locale={locale} />;
}
