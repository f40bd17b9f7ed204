import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { nextPracticeAction } from "@/lib/server/actions/quiz";
import type { PracticeScope } from "@/lib/server/quiz/practice";
import { readStoredParams, readStoredResult } from "@/lib/server/quiz/types";
import { QuestionCard } from "./question-card";
import type { Locale } from "@/lib/core";

type Row = { id: string; params: unknown; feedback: unknown; submittedAt: Date | null; source: string; ref: string };

/**
 * One practice question: the form while unanswered, the feedback once graded, and a button for
 * the next variant (a server action: works without client JavaScript too).
 */
export async function PracticeView({ row, scope, locale }: { row: Row; scope: PracticeScope; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz.practice" });
  const params = readStoredParams(row.params);
  const result = row.submittedAt ? readStoredResult(row.feedback) : null;
  const next = nextPracticeAction.bind(null, locale, scope, row.id);
  return (
    <div className="flex flex-col gap-4">
      <QuestionCard
        questionAttemptId={row.id}
        prompt={params.prompt}
        locale={locale}
        state={result ? { kind: "graded", result } : { kind: "open", submitLabel: t("check") }}
      />
      <form action={next}>
        <button type="submit" className={buttonClass(result ? "primary" : "secondary")}>
          {result ? t("next") : t("skip")}
        </button>
      </form>
    </div>
  );
}
