import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeleteCardButton } from "@/components/flashcards/delete-card-button";
import { ImportForm } from "@/components/flashcards/import-form";
import { LocalTime } from "@/components/flashcards/local-time";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/i18n/navigation";
import { getTopic, TOPICS } from "@/lib/content/topics";
import { listUserCards, MAX_USER_CARDS } from "@/lib/server/flashcards/cards";
import { guardPage } from "@/lib/server/guard";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ saved?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "flashcards.cards" }))("metaTitle") };
}

/** Plain one-line excerpt of Markdown for the table (the full card renders in review and edit). */
function excerpt(markdown: string, max = 90): string {
  const plain = markdown
    // Only emphasis and code marks: underscores are part of names here (tcp_fin_timeout, SO_REUSEADDR).
    .replace(/[`*]/g, "")
    .replace(/^\s*(?:[#>]+|[-+]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

export default async function MyCardsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations({ locale, namespace: "flashcards" });
  const saved = (await searchParams).saved;
  const cards = await listUserCards(user.id);
  const notice = saved === "created" ? t("cards.created") : saved === "updated" ? t("cards.updated") : saved === "deleted" ? t("cards.deleted") : null;

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="my-cards-title">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="my-cards-title" className="text-2xl font-semibold">
              {t("cards.title")}
            </h2>
            <p className="mt-1 text-muted">{t("cards.intro")}</p>
          </div>
          <Link href="/flashcards/cards/new" className={buttonClass("primary")}>
            {t("cards.new")}
          </Link>
        </div>
        {notice ? <Notice tone="success">{notice}</Notice> : null}
        {cards.length === 0 ? (
          <p className="my-3">{t("cards.empty")}</p>
        ) : (
          <>
          <p className="my-3 text-sm text-muted">{t("cards.count", { count: cards.length, max: MAX_USER_CARDS })}</p>
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="px-2 py-2">
                    {t("cards.columns.front")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("cards.columns.topic")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("cards.columns.tags")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("cards.columns.due")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("cards.columns.actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cards.map((card) => {
                  const front = excerpt(card.front);
                  return (
                    <tr key={card.id} className="border-b border-line align-top">
                      <td className="max-w-md px-2 py-2">{front}</td>
                      <td className="px-2 py-2">{card.topic ? getTopic(card.topic).name[locale] : "—"}</td>
                      <td className="px-2 py-2 font-mono">{card.tags.join(" ") || "—"}</td>
                      <td className="px-2 py-2">{card.due ? <LocalTime iso={card.due.toISOString()} /> : <span className="text-muted">{t("cards.notStarted")}</span>}</td>
                      <td className="px-2 py-2">
                        <div className="flex flex-wrap items-center gap-1">
                          <Link href={`/flashcards/cards/${card.id}/edit`} className="rounded-md px-2 py-1 text-brand-700 underline" aria-label={t("cards.editLabel", { front })}>
                            {t("cards.edit")}
                          </Link>
                          <DeleteCardButton cardId={card.id} label={front} />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          </>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">{t("transfer.exportTitle")}</h2>
          <p className="mt-1 mb-4 text-sm text-muted">{t("transfer.exportIntro")}</p>
          {/* A plain GET form: the browser downloads the file, no script needed. */}
          <form method="get" action="/api/flashcards/export" className="flex flex-col gap-4">
            <input type="hidden" name="lang" value={locale} />
            <div className="flex flex-col gap-1">
              <label htmlFor="export-deck" className="font-medium">
                {t("transfer.exportDeck")}
              </label>
              <select id="export-deck" name="deck" defaultValue="own" className="max-w-xs rounded-md border border-line bg-surface px-3 py-2">
                <option value="own">{t("decks.own")}</option>
                {TOPICS.map((topic) => (
                  <option key={topic.id} value={topic.id}>
                    {topic.name[locale]}
                  </option>
                ))}
                <option value="all">{t("decks.all")}</option>
              </select>
            </div>
            <div>
              <button type="submit" className={buttonClass("secondary")}>
                {t("transfer.exportButton")}
              </button>
            </div>
          </form>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">{t("transfer.importTitle")}</h2>
          <p className="mt-1 mb-4 text-sm text-muted">{t("transfer.importIntro")}</p>
          <ImportForm />
        </Card>
      </div>
    </div>
  );
}
