import { TopicKindFilter } from "@/components/quiz/topic-kind-filter";
import { getFormatter, type getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/quiz/action-form";
import { QuizSettingsForm } from "@/components/quiz/quiz-settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { AUTHORED_KINDS, loadQuestionBank } from "@/lib/content/questions";
import { topicIdSchema } from "@/lib/content/topics";
import {
  addAuthoredItemAction,
  addBankItemAction,
  addFamilyItemAction,
  deleteQuizAction,
  moveItemAction,
  publishAction,
  removeItemAction,
  saveQuizAction,
  selfTestAction,
  setItemConfigAction,
  setItemPointsAction,
  unpublishAction,
} from "@/lib/server/actions/quiz-teach";
import { listAuthored } from "@/lib/server/quiz/authored-questions";
import { listManagedClasses } from "@/lib/server/quiz/classes";
import { availableFamilies } from "@/lib/server/quiz/families";
import { getQuizForStaff } from "@/lib/server/quiz/quizzes";
import { itemLabel } from "@/lib/server/quiz/results";
import { topicName } from "@/lib/server/quiz/variants";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { inlineMarkdown } from "@/components/quiz/markdown";
import { Empty } from "@/components/ui/empty";
import { Section } from "@/components/ui/section";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

type Props = { params: Promise<{ locale: Locale; quizId: string }>; searchParams: Promise<{ topic?: string; kind?: string }> };

export const generateMetadata = titleFrom("teach.quizzes", "edit");

/** `YYYY-MM-DDTHH:mm` in UTC for a datetime-local input. */
function utcInput(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16) : "";
}

const small = "rounded-md border border-line px-2 py-1 text-sm";

export default async function EditQuizPage({ params, searchParams }: Props) {
  const { locale, quizId, user, t } = await openPage(params, "teach", "INSTRUCTOR");
  const format = await getFormatter();
  const quiz = await orNotFound(getQuizForStaff(user, quizId));
  const sp = await searchParams;
  const topic = topicIdSchema.safeParse(sp.topic);
  const kind = (AUTHORED_KINDS as readonly string[]).includes(sp.kind ?? "") ? sp.kind : undefined;
  const bank = loadQuestionBank().filter((q) => (!topic.success || q.topic === topic.data) && (!kind || q.kind === kind));
  const inQuiz = new Set(quiz.items.map((i) => i.bankId ?? i.questionId ?? ""));
  const [mine, classes] = await Promise.all([listAuthored(user), listManagedClasses(user)]);
  const families = availableFamilies();
  const published = new Map(quiz.classes.map((c) => [c.classId, c]));

  return (
    <div className="flex flex-col gap-10">
      <PageHeader
        title={quiz.title}
        intro={t("quizzes.editIntro")}
        links={[
          { href: "/teach/quizzes", label: t("quizzes.back") },
          { href: `/teach/quizzes/${quiz.id}/results`, label: t("quizzes.results") },
          { href: `/teach/quizzes/${quiz.id}/monitor`, label: t("monitor.title") },
          { href: `/teach/quizzes/${quiz.id}/analysis`, label: t("analysis.title") },
        ]}
      />

      <Section id="settings-heading" title={t("quizzes.settings")}>
        <Card className="max-w-2xl">
          <QuizSettingsForm
            action={saveQuizAction.bind(null, locale, quiz.id)}
            submitLabel={t("save")}
            initial={{
              title: quiz.title,
              description: quiz.description,
              mode: quiz.mode,
              attemptLimit: quiz.attemptLimit === null ? "" : String(quiz.attemptLimit),
              timeLimitMin: quiz.timeLimitMin === null ? "" : String(quiz.timeLimitMin),
              opensAt: utcInput(quiz.opensAt),
              closesAt: utcInput(quiz.closesAt),
            }}
          />
        </Card>
      </Section>

      <Section id="items-heading" title={t("items.title", { count: quiz.items.length })}>
        {quiz.items.length === 0 ? <Empty>{t("items.none")}</Empty> : null}
        <ol className="flex flex-col gap-3">
          {quiz.items.map((item, index) => {
            const label = itemLabel(item, locale);
            return (
              <li key={item.id} className="rounded-lg border border-line bg-surface p-4" data-item={item.id}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="text-xs uppercase tracking-wide text-muted">
                      {t("items.position", { n: index + 1 })} · {t(`items.sources.${item.source}`)}
                      {item.bankId ? ` · ${item.bankId}` : ""}
                    </p>
                    <p className="font-medium">{inlineMarkdown(label)}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <ActionForm action={moveItemAction.bind(null, locale, quiz.id, item.id, "up")} label="↑" ariaLabel={t("items.moveUp", { n: index + 1 })} variant="secondary" />
                    <ActionForm action={moveItemAction.bind(null, locale, quiz.id, item.id, "down")} label="↓" ariaLabel={t("items.moveDown", { n: index + 1 })} variant="secondary" />
                    <Link href={`/teach/quizzes/${quiz.id}/preview/${item.id}`} className="rounded-md border border-line px-3 py-2 text-sm hover:bg-slate-50">
                      {t("items.preview")}
                      <span className="sr-only"> {index + 1}</span>
                    </Link>
                    <ActionForm action={removeItemAction.bind(null, locale, quiz.id, item.id)} label={t("items.remove")} ariaLabel={`${t("items.remove")}: ${t("items.position", { n: index + 1 })}`} variant="ghost" confirmText={t("items.removeConfirm")} />
                  </div>
                </div>
                <div className="mt-3 grid gap-4 md:grid-cols-2">
                  <ActionForm action={setItemPointsAction.bind(null, locale, quiz.id, item.id)} label={t("items.setPoints")} variant="secondary" className="max-w-xs">
                    <label htmlFor={`points-${item.id}`} className="text-sm font-medium">
                      {t("items.points")}
                    </label>
                    <input id={`points-${item.id}`} name="points" type="number" step="0.5" min={0.5} max={100} defaultValue={item.points} className={small} />
                  </ActionForm>
                  <ActionForm action={selfTestAction.bind(null, locale, quiz.id, item.id)} label={t("selfTest.run")} pendingLabel={t("selfTest.running")} variant="secondary">
                    <p className="text-sm text-muted">{item.source === "family" ? t("selfTest.familyHint") : t("selfTest.authoredHint")}</p>
                  </ActionForm>
                </div>
                {item.source === "family" ? (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("items.config")}</summary>
                    <ActionForm action={setItemConfigAction.bind(null, locale, quiz.id, item.id)} label={t("save")} variant="secondary" className="mt-2 max-w-xl">
                      <FamilyConfigFields idPrefix={`cfg-${item.id}`} config={item.config as Record<string, unknown> | null} t={t} />
                    </ActionForm>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      </Section>

      <Section id="add-heading" title={t("items.add")} className="flex flex-col gap-6" headingClassName="text-xl font-semibold">
        <Card>
          <h3 className="mb-3 font-semibold">{t("items.addFamily")}</h3>
          {families.length === 0 ? (
            <Empty>{t("items.noFamilies")}</Empty>
          ) : (
            <ActionForm action={addFamilyItemAction.bind(null, locale, quiz.id)} label={t("items.addButton")} className="max-w-xl">
              <label htmlFor="add-family" className="text-sm font-medium">
                {t("items.family")}
              </label>
              <select id="add-family" name="family" className={small} required>
                {families.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title[locale]} ({topicName(f.topic, locale)})
                  </option>
                ))}
              </select>
              <FamilyConfigFields idPrefix="add" config={null} t={t} />
            </ActionForm>
          )}
        </Card>

        <Card>
          <h3 className="mb-3 font-semibold">{t("items.addBank")}</h3>
          <TopicKindFilter idPrefix="bank" topic={topic.success ? topic.data : undefined} kind={kind} locale={locale} className="mb-4 flex flex-wrap items-end gap-3" />
          <p className="mb-2 text-sm text-muted">{t("items.bankCount", { count: bank.length })}</p>
          <ul className="flex max-h-[32rem] flex-col gap-2 overflow-y-auto">
            {bank.map((q) => (
              <li key={q.id} className="flex items-center justify-between gap-3 border-b border-line py-2">
                <span className="min-w-0 flex-1 text-sm">
                  <span className="mr-2 font-mono text-xs text-muted">{q.id}</span>
                  <span className="mr-2 text-xs text-muted">
                    {topicName(q.topic, locale)} · {t(`kinds.${q.kind}`)}
                  </span>
                  {q.prompt[locale].replace(/\s+/g, " ").slice(0, 140)}
                </span>
                {inQuiz.has(q.id) ? (
                  <span className="text-sm text-muted">{t("items.inQuiz")}</span>
                ) : (
                  <ActionForm action={addBankItemAction.bind(null, locale, quiz.id, q.id)} label={t("items.addButton")} ariaLabel={`${t("items.addButton")}: ${q.id}`} variant="secondary" />
                )}
              </li>
            ))}
          </ul>
        </Card>

        <Card>
          <h3 className="mb-3 font-semibold">{t("items.addMine")}</h3>
          {mine.length === 0 ? (
            <Empty className="text-sm" link={{ href: "/teach/questions/new", label: t("questions.new") }}>
              {t("items.noMine")}
            </Empty>
          ) : (
            <ul className="flex flex-col gap-2">
              {mine.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-3 border-b border-line py-2">
                  <span className="min-w-0 flex-1 text-sm">
                    <span className="mr-2 font-mono text-xs text-muted">{r.question.id}</span>
                    {r.question.prompt[locale].replace(/\s+/g, " ").slice(0, 140)}
                  </span>
                  {inQuiz.has(r.id) ? (
                    <span className="text-sm text-muted">{t("items.inQuiz")}</span>
                  ) : (
                    <ActionForm action={addAuthoredItemAction.bind(null, locale, quiz.id, r.id)} label={t("items.addButton")} ariaLabel={`${t("items.addButton")}: ${r.question.id}`} variant="secondary" />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </Section>

      <Section id="publish-heading" title={t("publish.title")}>
        {classes.length === 0 ? (
          <Empty link={{ href: "/teach/classes", label: t("classes.create") }}>{t("publish.noClasses")}</Empty>
        ) : (
          <ul className="flex flex-col gap-3">
            {classes.map((c) => {
              const link = published.get(c.id);
              return (
                <li key={c.id} className="rounded-lg border border-line bg-surface p-4">
                  <p className="font-medium">{c.name}</p>
                  <p className="mb-2 text-sm text-muted">
                    {link
                      ? link.dueAt
                        ? t("publish.publishedDue", { when: format.dateTime(link.dueAt, DATE_TIME) })
                        : t("publish.publishedNoDue")
                      : t("publish.notPublished")}
                  </p>
                  <div className="flex flex-wrap items-end gap-4">
                    <ActionForm action={publishAction.bind(null, locale, quiz.id)} label={link ? t("publish.update") : t("publish.publish")}>
                      <input type="hidden" name="classId" value={c.id} />
                      <label htmlFor={`due-${c.id}`} className="text-sm font-medium">
                        {t("publish.dueAt", { name: c.name })}
                      </label>
                      <input id={`due-${c.id}`} name="dueAt" type="datetime-local" defaultValue={utcInput(link?.dueAt ?? null)} className={small} />
                    </ActionForm>
                    {link ? <ActionForm action={unpublishAction.bind(null, locale, quiz.id, c.id)} label={t("publish.unpublish")} variant="ghost" confirmText={t("publish.unpublishConfirm", { name: c.name })} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <div>
        <ActionForm action={deleteQuizAction.bind(null, locale, quiz.id)} label={t("quizzes.delete")} variant="danger" confirmText={t("quizzes.deleteConfirm", { title: quiz.title })} />
      </div>
    </div>
  );
}

/** Difficulty (1–3) and any further parameter ranges as JSON, checked by the family's configSchema. */
function FamilyConfigFields({ idPrefix, config, t }: { idPrefix: string; config: Record<string, unknown> | null; t: Awaited<ReturnType<typeof getTranslations<"teach">>> }) {
  const { difficulty, ...rest } = config ?? {};
  return (
    <>
      <label htmlFor={`${idPrefix}-difficulty`} className="text-sm font-medium">
        {t("items.difficulty")}
      </label>
      <select id={`${idPrefix}-difficulty`} name="difficulty" defaultValue={String(difficulty ?? 2)} className={small}>
        {[1, 2, 3].map((d) => (
          <option key={d} value={d}>
            {t(`difficulty.${d}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-config`} className="text-sm font-medium">
        {t("items.ranges")}
      </label>
      <textarea id={`${idPrefix}-config`} name="config" rows={3} defaultValue={Object.keys(rest).length > 0 ? JSON.stringify(rest) : ""} placeholder='{"maxDataBytes": 500}' aria-describedby={`${idPrefix}-config-hint`} className={`${small} font-mono`} />
      <p id={`${idPrefix}-config-hint`} className="text-sm text-muted">
        {t("items.rangesHint")}
      </p>
    </>
  );
}
