import { DeleteCardButton } from "@/components/flashcards/delete-card-button";
import { ImportForm } from "@/components/flashcards/import-form";
import { LocalTime } from "@/components/flashcards/local-time";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/i18n/navigation";
import { getTopic, TOPICS } from "@/lib/content/topics";
import { listUserCards, MAX_USER_CARDS } from "@/lib/server/flashcards/cards";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ saved?: string | string[] }> };

export const generateMetadata = titleFrom("flashcards.cards", "metaTitle");

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

/** The export and import cards' headings and introductions. */
const TRANSFER_TITLE = "text-lg font-semibold";
const TRANSFER_INTRO = "mt-1 mb-4 text-sm text-muted";

export default async function MyCardsPage({ params, searchParams }: Props) {
  const { locale, user, t } = await openPage(params, "flashcards");
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
            <Table
              rows={cards.map((card) => ({ card, front: excerpt(card.front) }))}
              rowKey={({ card }) => card.id}
              cellClassName="px-2 py-2"
              rowClassName="align-top"
              columns={[
                { header: t("cards.columns.front"), cellClassName: "max-w-md", cell: ({ front }) => front },
                { header: t("cards.columns.topic"), cell: ({ card }) => (card.topic ? getTopic(card.topic).name[locale] : "—") },
                { header: t("cards.columns.tags"), cellClassName: "font-mono", cell: ({ card }) => card.tags.join(" ") || "—" },
                { header: t("cards.columns.due"), cell: ({ card }) => (card.due ? <LocalTime iso={card.due.toISOString()} /> : <span className="text-muted">{t("cards.notStarted")}</span>) },
                {
                  header: t("cards.columns.actions"),
                  cell: ({ card, front }) => (
                    <div className="flex flex-wrap items-center gap-1">
                      <Link href={`/flashcards/cards/${card.id}/edit`} className="rounded-md px-2 py-1 text-brand-700 underline" aria-label={t("cards.editLabel", { front })}>
                        {t("cards.edit")}
                      </Link>
                      <DeleteCardButton cardId={card.id} label={front} />
                    </div>
                  ),
                },
              ]}
            />
          </>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("transfer.exportTitle")} titleClassName={TRANSFER_TITLE} intro={t("transfer.exportIntro")} introClassName={TRANSFER_INTRO}>
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
        <Card title={t("transfer.importTitle")} titleClassName={TRANSFER_TITLE} intro={t("transfer.importIntro")} introClassName={TRANSFER_INTRO}>
          <ImportForm />
        </Card>
      </div>
    </div>
  );
}
