import { ActionForm } from "@/components/quiz/action-form";
import { inlineMarkdown, Markdown } from "@/components/quiz/markdown";
import { PromptView } from "@/components/quiz/question-card";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { tryAnswerAction } from "@/lib/server/actions/quiz-teach";
import { previewItem } from "@/lib/server/quiz/quizzes";
import { randomSeed } from "@/lib/server/quiz/variants";
import type { Locale } from "@/lib/core";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale; quizId: string; itemId: string }>; searchParams: Promise<{ seed?: string }> };

export const generateMetadata = titleFrom("teach.preview");

/** The instructor's view of one item for one seed: what a student sees, then the answer. */
export default async function PreviewPage({ params, searchParams }: Props) {
  const { locale, quizId, itemId, user, t } = await openPage(params, "teach.preview", "INSTRUCTOR");
  const seedParam = Number((await searchParams).seed);
  const seed = Number.isInteger(seedParam) && seedParam >= 0 && seedParam < 2 ** 31 ? seedParam : randomSeed();
  const p = await orNotFound(previewItem(user, quizId, itemId, seed));
  const { variant } = p;
  // Free-text and number answers can be tried here: what would a typed answer score?
  const typed = variant.prompt.inputs.length === 1 && (variant.prompt.inputs[0]?.kind === "text" || variant.prompt.inputs[0]?.kind === "number") ? variant.prompt.inputs[0] : undefined;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        intro={t("intro", { seed })}
        links={[
          { href: `/teach/quizzes/${quizId}/preview/${itemId}?seed=${randomSeed()}`, label: t("another") },
          { href: `/teach/quizzes/${quizId}`, label: t("back") },
        ]}
      />
      <form method="get" className="flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="seed" className="text-sm font-medium">
            {t("seed")}
          </label>
          <input id="seed" name="seed" type="number" min={0} max={2147483646} defaultValue={seed} className="w-40 rounded-md border border-line px-2 py-1 font-mono" />
        </div>
        <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("show")}
        </button>
      </form>
      <Card>
        <h2 className="mb-3 font-semibold">{t("student")}</h2>
        <PromptView prompt={variant.prompt} locale={locale} />
        <ul className="mt-4 list-disc pl-5 text-sm text-muted">
          {variant.prompt.inputs.map((i) => (
            <li key={i.id}>
              {inlineMarkdown(i.label[locale])} — {t(`inputKinds.${i.kind}`)}
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">{t("answer")}</h2>
        <dl className="grid gap-2 text-sm">
          {variant.prompt.inputs.map((i) => (
            <div key={i.id}>
              <dt className="font-medium">{inlineMarkdown(i.label[locale])}</dt>
              <dd className="font-mono">{p.correctDisplay[i.id]?.[locale] ?? "—"}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 font-medium">{t("explanation")}</h3>
        <Markdown text={p.explanation[locale]} className="mt-1" />
      </Card>
      {typed ? (
        <Card>
          <h2 className="mb-3 font-semibold">{t("tryTitle")}</h2>
          <ActionForm action={tryAnswerAction.bind(null, locale, quizId, itemId, seed, typed.id)} label={t("tryButton")} variant="secondary">
            <label htmlFor="typed" className="text-sm font-medium">
              {t("tryLabel")}
            </label>
            <input id="typed" name="typed" maxLength={200} className="rounded-md border border-line px-2 py-1" />
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
