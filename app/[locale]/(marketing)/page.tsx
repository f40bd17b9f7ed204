import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { Tiles } from "@/components/ui/tiles";
import { localePath } from "@/i18n/routing";
import { TOPICS } from "@/lib/content/topics";
import { isLocale } from "@/lib/core";

const featureKeys = ["lessons", "quizzes", "flashcards", "interview", "teach"] as const;

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("home");
  return (
    <div className="flex flex-col gap-14">
      <section className="max-w-3xl pt-6">
        <h1 className="text-4xl font-bold tracking-tight md:text-5xl">{t("heroTitle")}</h1>
        <p className="mt-5 text-lg text-muted">{t("heroBody")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href={localePath(locale, "/lessons")} className={buttonClass("primary", "px-5 py-2.5 text-base")}>
            {t("ctaStart")}
          </Link>
          <Link href={localePath(locale, "/sim")} className={buttonClass("secondary", "px-5 py-2.5 text-base")}>
            {t("ctaSimulator")}
          </Link>
          <Link href={localePath(locale, "/signup")} className={buttonClass("ghost", "px-5 py-2.5 text-base")}>
            {t("ctaSignUp")}
          </Link>
        </div>
      </section>
      <Section id="features-title" title={t("featuresTitle")} headingClassName="text-2xl font-semibold">
        <Tiles
          heading="h3"
          className="mt-6 grid gap-4 md:grid-cols-2 lg:grid-cols-3"
          tiles={featureKeys.map((key) => ({ key, title: t(`features.${key}.title`, { count: TOPICS.length }), body: t(`features.${key}.body`) }))}
        />
      </Section>
      <Section id="accuracy-title" title={t("accuracyTitle")} className="rounded-lg bg-brand-50 p-6" headingClassName="text-xl font-semibold text-brand-800">
        <p className="mt-2 max-w-3xl text-brand-800">{t("accuracyBody")}</p>
      </Section>
    </div>
  );
}
