"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useRouter } from "@/i18n/navigation";
import { formatInterval, RATINGS, type ReviewRating } from "@/lib/flashcards/scheduler";
import { formatLocal } from "./local-time";

export type RatingPreview = { label: string; due: string };

/** What the page hands over for the card on top of the queue (content already rendered on the server). */
export type ReviewCardView = {
  cardRef: string;
  front: ReactNode;
  back: ReactNode;
  meta: ReactNode;
  previews: Record<ReviewRating, RatingPreview>;
  /** Scenario cards: the variant being answered; the rating buttons appear once it is graded. */
  scenario?: { questionAttemptId: string; graded: boolean; suggested: ReviewRating | null; note: ReactNode };
};

type Status =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "rated"; rating: ReviewRating; due: string; interval: string }
  | { kind: "error"; message: string };

type ReviewResponse = { review: { rating: ReviewRating; due: string; intervalMs: number } } | { error: { code: string; message: string } };

const KEYS: Record<string, ReviewRating> = { "1": "again", "2": "hard", "3": "good", "4": "easy" };

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The review loop: front → Space (or the button) flips → back → rate with 1–4 (or the buttons,
 * each showing the interval it would give). The rating is posted to /api/flashcards/review (the
 * server applies it with its own clock) and the page is re-rendered with the next card. This
 * component stays mounted across cards, so the "next review" message of the card just rated
 * stays visible while the next one is shown.
 */
export function ReviewSession({ current, done, nextHref }: { current: ReviewCardView | null; done: ReactNode; nextHref: string | null }) {
  const t = useTranslations("flashcards");
  const locale = useLocale();
  const router = useRouter();
  const [flippedRef, setFlippedRef] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [posting, setPosting] = useState(false);
  const [loadingNext, startNext] = useTransition();
  const backHeading = useRef<HTMLHeadingElement>(null);
  const frontRegion = useRef<HTMLDivElement>(null);
  const lastRated = useRef<string | null>(null);

  const cardRef = current?.cardRef ?? null;
  const scenario = current?.scenario;
  const flipped = scenario ? scenario.graded : cardRef !== null && flippedRef === cardRef;
  const busy = posting || loadingNext;
  const canRate = current !== null && !busy && flipped;

  // A new card after a rating: move focus to it so keyboard and screen-reader users carry on there.
  useEffect(() => {
    if (cardRef && lastRated.current && lastRated.current !== cardRef) frontRegion.current?.focus();
  }, [cardRef]);

  const flip = useCallback(() => {
    if (!cardRef || scenario) return;
    setFlippedRef(cardRef);
    // After React has rendered the back.
    requestAnimationFrame(() => backHeading.current?.focus());
  }, [cardRef, scenario]);

  const rate = useCallback(
    async (rating: ReviewRating) => {
      if (!current || !canRate) return;
      setPosting(true);
      setStatus({ kind: "saving" });
      try {
        const res = await fetch("/api/flashcards/review", {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": locale },
          body: JSON.stringify({ cardRef: current.cardRef, rating, ...(current.scenario ? { questionAttemptId: current.scenario.questionAttemptId } : {}) }),
        });
        const body = (await res.json().catch(() => null)) as ReviewResponse | null;
        if (!res.ok || !body || !("review" in body)) {
          setStatus({ kind: "error", message: t("review.failed", { message: body && "error" in body ? body.error.message : res.statusText }) });
          return;
        }
        setStatus({ kind: "rated", rating: body.review.rating, due: body.review.due, interval: formatInterval(body.review.intervalMs)[locale === "zh" ? "zh" : "en"] });
        lastRated.current = current.cardRef;
        setFlippedRef(null);
        startNext(() => {
          if (nextHref) router.replace(nextHref);
          else router.refresh();
        });
      } catch {
        setStatus({ kind: "error", message: t("review.network") });
      } finally {
        setPosting(false);
      }
    },
    [current, canRate, locale, nextHref, router, t],
  );

  // The key handler reads the state of the render the learner sees: it is swapped in a layout
  // effect (before paint), while the one document listener stays put. Re-subscribing in a
  // passive effect left a window after the rating buttons appeared in which a key press still
  // met the previous handler (canRate false) and was dropped — seen on a loaded machine.
  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyRef.current = function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isEditable(event.target)) return;
      if (event.key === " ") {
        // On a focused button or link Space is its own click; elsewhere it flips the card.
        if (event.target instanceof HTMLElement && ["BUTTON", "A", "SUMMARY"].includes(event.target.tagName)) return;
        if (!flipped && !scenario && !busy && cardRef) {
          event.preventDefault();
          flip();
        }
        return;
      }
      const rating = KEYS[event.key];
      if (rating && canRate) {
        event.preventDefault();
        void rate(rating);
      }
    };
  }, [busy, canRate, cardRef, flip, flipped, rate, scenario]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onKeyRef.current(event);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" role="status" className="min-h-6 text-sm">
        {status.kind === "saving" ? <span className="text-muted">{t("review.saving")}</span> : null}
        {status.kind === "rated" ? (
          <span className="rounded-md bg-green-50 px-2 py-1 text-ok">
            {t("review.rated", { rating: t(`ratings.${status.rating}`), interval: status.interval })}{" "}
            <time dateTime={status.due} className="font-medium">
              {formatLocal(status.due, locale)}
            </time>
          </span>
        ) : null}
        {status.kind === "error" ? <span className="text-bad">{status.message}</span> : null}
        {loadingNext ? <span className="ml-2 text-muted">{t("review.loadingNext")}</span> : null}
      </div>

      {current ? (
        <section aria-label={t("review.cardLabel")} className="flex flex-col gap-5 rounded-lg border border-line bg-surface p-5 shadow-sm" data-card-ref={current.cardRef}>
          <div ref={frontRegion} tabIndex={-1} className="flex flex-col gap-3 outline-none">
            <h2 className="text-sm font-medium uppercase tracking-wide text-muted">{t("review.front")}</h2>
            {current.front}
          </div>

          {!scenario && !flipped ? (
            <div>
              <Button onClick={flip} disabled={busy} aria-keyshortcuts="Space">
                {t("review.show")} <kbd className="rounded border border-white/40 px-1.5 font-mono text-xs">Space</kbd>
              </Button>
            </div>
          ) : null}

          {scenario ? <div className="text-sm">{scenario.note}</div> : null}

          {flipped ? (
            <div className="flex flex-col gap-3 border-t border-line pt-4">
              <h2 ref={backHeading} tabIndex={-1} className="text-sm font-medium uppercase tracking-wide text-muted outline-none">
                {t("review.back")}
              </h2>
              {current.back}
              {current.meta}
            </div>
          ) : null}

          {flipped ? (
            <RatingButtons previews={current.previews} suggested={scenario?.suggested ?? null} disabled={!canRate} onRate={(r) => void rate(r)} />
          ) : null}
        </section>
      ) : (
        done
      )}
      <p className="text-sm text-muted">{t("review.keyHint")}</p>
    </div>
  );
}

function RatingButtons({
  previews,
  suggested,
  disabled,
  onRate,
}: {
  previews: Record<ReviewRating, RatingPreview>;
  suggested: ReviewRating | null;
  disabled: boolean;
  onRate: (rating: ReviewRating) => void;
}) {
  const t = useTranslations("flashcards");
  const tone: Record<ReviewRating, string> = {
    again: "border-red-300 hover:bg-red-50",
    hard: "border-amber-300 hover:bg-amber-50",
    good: "border-green-300 hover:bg-green-50",
    easy: "border-brand-100 hover:bg-brand-50",
  };
  return (
    <div role="group" aria-labelledby="rate-label" className="flex flex-col gap-2">
      <p id="rate-label" className="font-medium">
        {t("review.rateLabel")}
      </p>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {RATINGS.map((rating, i) => (
          <button
            key={rating}
            type="button"
            disabled={disabled}
            onClick={() => onRate(rating)}
            aria-keyshortcuts={String(i + 1)}
            autoFocus={suggested === rating}
            className={`flex flex-col items-center gap-0.5 rounded-md border-2 bg-surface px-3 py-2 disabled:cursor-not-allowed disabled:opacity-60 ${tone[rating]} ${suggested === rating ? "ring-2 ring-brand-600 ring-offset-2" : ""}`}
          >
            <span className="font-semibold">{t(`ratings.${rating}`)}</span>
            <span className="text-sm text-muted">{previews[rating].label}</span>
            <span className="text-xs text-muted">
              {t("review.key", { key: i + 1 })}
              {suggested === rating ? ` · ${t("review.scenario.suggestedBadge")}` : ""}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
