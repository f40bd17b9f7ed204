import { TopicKindFilter } from "@/components/quiz/topic-kind-filter";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { GiftImportForm } from "@/components/quiz/gift-import-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { AUTHORED_KINDS } from "@/lib/content/questions";
import { TOPICS, topicIdSchema } from "@/lib/content/topics";
import { guardPage } from "@/lib/server/guard";
import { listAuthored } from "@/lib/server/quiz/authored-questions";
import { topicName } from "@/lib/server/quiz/variants";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { inlineMarkdown } from "@/components/quiz/markdown";
import { shortMarkdown } from "@/lib/core/format";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ topic?: string; kind?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.questions" }))("title") };
}

/** The instructor's own authored questions, GIFT import and export. */
export default async function QuestionsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach");
  const sp = await searchParams;
  const topic = topicIdSchema.safeParse(sp.topic);
  const kind = (AUTHORED_KINDS as readonly string[]).includes(sp.kind ?? "") ? sp.kind : undefined;
  const rows = await listAuthored(user, { ...(topic.success ? { topic: topic.data } : {}), ...(kind ? { kind } : {}) });
  // Imported questions whose other language is still a copy (issue #15 item 8), whatever the filter.
  const untranslated = (await listAuthored(user)).filter((r) => r.question.untranslated);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("questions.title")}
        intro={t("questions.intro")}
        actions={
          <Link href="/teach/questions/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
            {t("questions.new")}
          </Link>
        }
      />
      <TopicKindFilter idPrefix="f" topic={topic.success ? topic.data : undefined} kind={kind} locale={locale} />
      {rows.length === 0 ? (
        <p className="text-muted">{t("questions.none")}</p>
      ) : (
        <Table
          rows={rows}
          scroll={false}
          stack
          columns={[
            {
              header: t("questions.id"),
              className: "font-mono",
              cell: (r) => (
                <Link href={`/teach/questions/${r.id}`} className="text-brand-700 underline">
                  {r.question.id}
                </Link>
              ),
            },
            { header: t("items.topic"), cell: (r) => topicName(r.question.topic, locale) },
            { header: t("items.kind"), cell: (r) => t(`kinds.${r.question.kind}`) },
            {
              header: t("questions.prompt"),
              cell: (r) => (
                <>
                  {r.question.untranslated ? (
                    <span className="mr-2 rounded border border-warn px-1 text-xs">{t("questions.untranslated", { language: t(`questions.languages.${r.question.untranslated}`) })}</span>
                  ) : null}
                  {inlineMarkdown(shortMarkdown(r.question.prompt[locale], 120))}
                </>
              ),
            },
          ]}
        />
      )}
      {untranslated.length > 0 ? (
        <section aria-labelledby="untranslated-heading">
          <h2 id="untranslated-heading" className="mb-2 font-semibold">
            {t("questions.untranslatedTitle", { count: untranslated.length })}
          </h2>
          <ul className="list-disc pl-5 text-sm">
            {untranslated.map((r) => (
              <li key={r.id}>
                <Link href={`/teach/questions/${r.id}`} className="text-brand-700 underline">
                  {r.question.id}
                </Link>{" "}
                — {t("questions.untranslated", { language: t(`questions.languages.${r.question.untranslated ?? "zh"}`) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("gift.exportTitle")} titleClassName="mb-2 font-semibold" intro={t("gift.exportHelp")}>
          <p className="flex flex-wrap gap-3">
            <a href="/api/quiz/questions/gift?locale=en" className="rounded-md border border-line px-3 py-2 text-sm hover:bg-slate-50" download>
              {t("gift.exportEn")}
            </a>
            <a href="/api/quiz/questions/gift?locale=zh" className="rounded-md border border-line px-3 py-2 text-sm hover:bg-slate-50" download>
              {t("gift.exportZh")}
            </a>
          </p>
        </Card>
        <Card title={t("gift.importTitle")} titleClassName="mb-2 font-semibold" intro={t("gift.importHelp")}>
          <GiftImportForm topics={TOPICS.map((tp) => ({ value: tp.id, label: tp.name[locale] }))} />
        </Card>
      </div>
    </div>
  );
}
