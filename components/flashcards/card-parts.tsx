import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/quiz/markdown";
import { Link } from "@/i18n/navigation";
import { getTopic, splitLessonRef } from "@/lib/content/topics";
import type { CardStateName } from "@/lib/flashcards/scheduler";
import type { CatalogCard, DeckScope } from "@/lib/server/flashcards/catalog";
import { TOPICS } from "@/lib/content/topics";
import type { Locale } from "@/lib/core";

/**
 * Server-rendered pieces of a card. Card text is Markdown; a learner's own card is untrusted
 * input, so everything goes through the sanitizing renderer (components/quiz/markdown.tsx:
 * remark → rehype → rehype-sanitize → React elements, never an HTML string).
 */

export function cardSide(card: CatalogCard, side: "front" | "back", locale: Locale): string {
  return card.kind === "builtin" ? card[side][locale] : card[side];
}

export function CardText({ card, side, locale }: { card: CatalogCard; side: "front" | "back"; locale: Locale }) {
  return <Markdown text={cardSide(card, side, locale)} className="text-lg" />;
}

/** `/lessons/<slug>#<section>`: the lesson section a built-in card is about. */
export function lessonHref(ref: string): string {
  const { slug, section } = splitLessonRef(ref);
  return `/lessons/${slug}${section ? `#${section}` : ""}`;
}

export async function CardMeta({ card, state, locale }: { card: CatalogCard; state: CardStateName; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "flashcards" });
  const topic = card.topic ? getTopic(card.topic).name[locale] : t("review.noTopic");
  return (
    <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm text-muted sm:grid-cols-[auto_1fr]">
      <dt className="font-medium">{t("review.topic")}</dt>
      <dd>{topic}</dd>
      <dt className="font-medium">{t("review.state")}</dt>
      <dd>
        {t(`states.${state}`)}
        {card.kind === "user" ? ` · ${t("review.ownCard")}` : ""}
      </dd>
      {card.tags.length > 0 ? (
        <>
          <dt className="font-medium">{t("review.tags")}</dt>
          <dd className="font-mono">{card.tags.join(" ")}</dd>
        </>
      ) : null}
      {card.kind === "builtin" ? (
        <>
          <dt className="sr-only">{t("review.lesson")}</dt>
          <dd className="sm:col-span-2">
            <Link href={lessonHref(card.lesson)} className="text-brand-700 underline">
              {t("review.lesson")} →
            </Link>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Links to every deck; the current one is marked. `base` is the page the links point to. */
export async function DeckPicker({ scope, base, locale }: { scope: DeckScope; base: string; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "flashcards.decks" });
  const items = [
    { key: "all", label: t("all"), href: base, active: scope.kind === "all" },
    ...TOPICS.map((topic) => ({
      key: topic.id,
      label: topic.name[locale],
      href: `${base}?topic=${topic.id}`,
      active: scope.kind === "topic" && scope.topic === topic.id,
    })),
    { key: "own", label: t("own"), href: `${base}?topic=own`, active: scope.kind === "own" },
  ];
  return (
    <nav aria-label={t("label")} className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={item.active ? "page" : undefined}
              className={`inline-block rounded-full border px-3 py-1 text-sm ${item.active ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-line bg-surface hover:bg-slate-50"}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
