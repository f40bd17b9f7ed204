import { getTranslations } from "next-intl/server";
import { CardMeta, CardText, DeckPicker } from "@/components/flashcards/card-parts";
import { LocalTime } from "@/components/flashcards/local-time";
import { ReviewSession, type RatingPreview, type ReviewCardView } from "@/components/flashcards/review-session";
import { QuestionCard } from "@/components/quiz/question-card";
import { buttonClass } from "@/components/ui/button";
import { Link, redirect } from "@/i18n/navigation";
import { RATINGS, type ReviewRating } from "@/lib/flashcards/scheduler";
import { deckScopeParam, parseDeckScope } from "@/lib/server/flashcards/catalog";
import { getScenarioVariant, loadQueue, newScenarioVariant, previewFor, scenarioFamilyOf, type ReviewQueue } from "@/lib/server/flashcards/review";
import { learnerUtcOffset } from "@/lib/server/flashcards/timezone";
import { readStoredParams, readStoredResult } from "@/lib/server/quiz/types";
import type { Locale } from "@/lib/core";
import { formatPercent } from "@/lib/core/format";
import { openPage, titleFrom } from "@/app/[locale]/page-setup";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ topic?: string | string[]; v?: string | string[] }>;
};

export const generateMetadata = titleFrom("flashcards.review", "metaTitle");

/**
 * /flashcards?topic=<topic|own>: today's queue of one deck (all decks without `topic`), one card
 * at a time. A scenario card gets a fresh simulator variant per review (`&v=<variant id>` keeps
 * it across reloads); the quiz's answer form grades it on the server, then the rating buttons
 * appear with the rating its score suggests.
 */
export default async function FlashcardsReviewPage({ params, searchParams }: Props) {
  const { locale, user, t } = await openPage(params, "flashcards");
  const sp = await searchParams;
  const scope = parseDeckScope(typeof sp.topic === "string" ? sp.topic : undefined);
  const topicParam = deckScopeParam(scope);
  const baseHref = topicParam ? `/flashcards?topic=${topicParam}` : "/flashcards";
  const now = new Date();
  const queue = await loadQueue(user.id, scope, now, await learnerUtcOffset(locale));
  const top = queue.queue[0] ?? null;
  const v = typeof sp.v === "string" ? sp.v : undefined;

  let current: ReviewCardView | null = null;
  if (top) {
    const preview = previewFor(top.state, now, queue.settings);
    const previews = Object.fromEntries(RATINGS.map((r) => [r, { label: preview[r].label[locale], due: preview[r].due }])) as Record<ReviewRating, RatingPreview>;
    const meta = <CardMeta card={top} state={top.state.state} locale={locale} />;
    if (scenarioFamilyOf(top)) {
      const variant = await getScenarioVariant(user.id, top, top.state, v);
      if (!variant) {
        const id = await newScenarioVariant(user.id, top);
        redirect({ href: `${baseHref}${topicParam ? "&" : "?"}v=${encodeURIComponent(id)}`, locale });
      }
      const prompt = readStoredParams(variant!.params).prompt;
      const result = variant!.submittedAt ? readStoredResult(variant!.feedback) : null;
      const graded = result !== null && variant!.suggested !== null;
      current = {
        cardRef: top.ref,
        previews,
        meta,
        front: (
          <div className="flex flex-col gap-4">
            <p>
              <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">{t("review.scenario.badge")}</span>
            </p>
            <CardText card={top} side="front" locale={locale} />
            <p className="text-sm text-muted">{t("review.scenario.intro")}</p>
            <QuestionCard
              questionAttemptId={variant!.id}
              prompt={prompt}
              locale={locale}
              state={result ? { kind: "graded", result } : { kind: "open" }}
            />
          </div>
        ),
        // The back is sent only once the variant is graded: nothing that could help answer it
        // reaches the browser before submission.
        back: graded ? (
          <div>
            <h3 className="mb-1 font-medium">{t("review.scenario.framing")}</h3>
            <CardText card={top} side="back" locale={locale} />
          </div>
        ) : null,
        scenario: {
          questionAttemptId: variant!.id,
          graded,
          suggested: variant!.suggested,
          note: graded ? (
            <p className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2">
              {t("review.scenario.suggested", { score: formatPercent(variant!.score!, { locale }), rating: t(`ratings.${variant!.suggested!}`) })}
            </p>
          ) : (
            <p className="text-muted">{t("review.scenario.answerFirst")}</p>
          ),
        },
      };
    } else {
      current = {
        cardRef: top.ref,
        previews,
        meta,
        front: <CardText card={top} side="front" locale={locale} />,
        back: <CardText card={top} side="back" locale={locale} />,
      };
    }
  }

  return (
    <div>
      <DeckPicker scope={scope} base="/flashcards" locale={locale} />
      <p className="mb-4 text-sm text-muted">
        {t("review.remaining", { new: queue.counts.new, learning: queue.counts.learning, review: queue.counts.review })}
      </p>
      <ReviewSession current={current} nextHref={v ? baseHref : null} done={<DoneView queue={queue} scope={scope.kind} baseHref={baseHref} locale={locale} />} />
    </div>
  );
}

async function DoneView({ queue, scope, baseHref, locale }: { queue: ReviewQueue; scope: string; baseHref: string; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "flashcards.review.done" });
  if (queue.total === 0) {
    return (
      <section className="rounded-lg border border-line bg-surface p-5">
        <h2 className="text-xl font-semibold">{t("empty")}</h2>
        {scope === "own" ? (
          <p className="mt-4">
            <Link href="/flashcards/cards/new" className={buttonClass("primary")}>
              {t("createCard")}
            </Link>
          </p>
        ) : null}
      </section>
    );
  }
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-5">
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <p>{t("body")}</p>
      {queue.nextLearningDue ? (
        <p>
          {t("nextLearning")} <LocalTime iso={queue.nextLearningDue} style="time" />
        </p>
      ) : null}
      {queue.deferred.new > 0 ? <p className="text-sm text-muted">{t("deferredNew", { count: queue.deferred.new, limit: queue.settings.newPerDay })}</p> : null}
      {queue.deferred.review > 0 ? <p className="text-sm text-muted">{t("deferredReview", { count: queue.deferred.review, limit: queue.settings.reviewsPerDay })}</p> : null}
      <div className="flex flex-wrap gap-3">
        <Link href={baseHref} className={buttonClass("secondary")}>
          {t("refresh")}
        </Link>
        <Link href="/flashcards/stats" className={buttonClass("ghost")}>
          {t("stats")}
        </Link>
      </div>
    </section>
  );
}
