import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { Link } from "@/i18n/navigation";
import { clampDifficulty } from "@/lib/quiz/adaptive";
import { newVariantAction, nextPracticeAction } from "@/lib/server/actions/quiz";
import { MISSED_BELOW, relatedRefs } from "@/lib/server/flashcards/missed";
import type { PracticeScope } from "@/lib/server/quiz/practice";
import { readStoredParams, readStoredResult, type StoredParams } from "@/lib/server/quiz/types";
import { topicName } from "@/lib/server/quiz/variants";
import { QuestionCard } from "./question-card";
import type { Locale } from "@/lib/core";

type Row = { id: string; params: unknown; feedback: unknown; submittedAt: Date | null; source: string; ref: string; topic: string };

/** The difficulty a variant was asked at: a family's config, an authored question's own level. */
function difficultyOf(params: StoredParams): number {
  return clampDifficulty(params.kind === "family" ? params.config?.difficulty : params.question.difficulty);
}

/**
 * One practice question: the form while unanswered, the feedback once graded, a "new variant"
 * button (the same question with a fresh seed) and a button for the next question (server
 * actions: they work without client JavaScript too). The next question adapts to recent results
 * (lib/quiz/adaptive.ts); a missed question sends its flashcards back to the review queue
 * (lib/server/flashcards/missed.ts), which the feedback says.
 */
export async function PracticeView({ row, scope, locale }: { row: Row; scope: PracticeScope; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz.practice" });
  const params = readStoredParams(row.params);
  const result = row.submittedAt ? readStoredResult(row.feedback) : null;
  const next = nextPracticeAction.bind(null, locale, scope, row.id);
  const variant = newVariantAction.bind(null, locale, scope, row.id);
  const canVary = params.kind === "family" || row.source === "bank";
  const cards = result && result.score < MISSED_BELOW ? relatedRefs(row).length : 0;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted" data-testid="practice-level">
        {t("level", { topic: topicName(row.topic, locale), difficulty: difficultyOf(params) })}
      </p>
      <QuestionCard
        questionAttemptId={row.id}
        prompt={params.prompt}
        locale={locale}
        state={result ? { kind: "graded", result } : { kind: "open", submitLabel: t("check") }}
      />
      {cards > 0 ? (
        <Notice>
          {t("cardsQueued", { count: cards })}{" "}
          <Link href="/flashcards" className="font-medium underline">
            {t("reviewNow")}
          </Link>
        </Notice>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <form action={next}>
          <button type="submit" className={buttonClass(result ? "primary" : "secondary")}>
            {result ? t("next") : t("skip")}
          </button>
        </form>
        {canVary ? (
          <form action={variant}>
            <button type="submit" className={buttonClass("secondary")}>
              {t("newVariant")}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

/** A practice page: its heading, the way back to /practice, and the question (family, topic and adaptive pages). */
export async function PracticePage({ title, intro, row, scope, locale }: { title: string; intro: string; row: Row; scope: PracticeScope; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz.practice" });
  return (
    <div>
      <PageHeader
        title={title}
        intro={intro}
        actions={
          <Link href="/practice" className="text-sm text-brand-700 underline">
            {t("back")}
          </Link>
        }
      />
      <PracticeView row={row} scope={scope} locale={locale} />
    </div>
  );
}
