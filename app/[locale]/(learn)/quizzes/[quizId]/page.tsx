import { getFormatter } from "next-intl/server";
import { ActionForm } from "@/components/quiz/action-form";
import { Markdown } from "@/components/quiz/markdown";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { startAttemptAction } from "@/lib/server/actions/quiz";
import { quizOverview } from "@/lib/server/quiz/attempts";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { formatPercent } from "@/lib/core/format";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("quiz.quizzes", "quiz");

/** A quiz before (and between) attempts: its rules, the student's attempts, start/continue. */
export default async function QuizPage({ params }: { params: Promise<{ locale: Locale; quizId: string }> }) {
  const { locale, quizId, user, t } = await openPage(params, "quiz.quizzes");
  const format = await getFormatter();
  const o = await orNotFound(quizOverview(user, quizId));
  const { quiz } = o;
  const when = (d: Date) => format.dateTime(d, DATE_TIME);
  const rules: string[] = [
    t(`modeRules.${quiz.mode}`),
    ...(quiz.mode === "EXAM" && quiz.attemptLimit !== null ? [t("attemptLimit", { limit: quiz.attemptLimit, remaining: o.remaining ?? 0 })] : []),
    ...(quiz.timeLimitMin !== null ? [t("timeLimit", { minutes: quiz.timeLimitMin })] : []),
    ...(quiz.opensAt ? [t("opensAt", { when: when(quiz.opensAt) })] : []),
    ...(quiz.closesAt ? [t("closesAt", { when: when(quiz.closesAt) })] : []),
    t("questions", { count: quiz._count.items }),
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={quiz.title} intro={t("by", { name: quiz.owner.name, classes: quiz.classes.map((c) => c.class.name).join(", ") })} />
      {quiz.description ? <Markdown text={quiz.description} /> : null}
      <Card>
        <h2 className="mb-2 font-semibold">{t("rules")}</h2>
        <ul className="list-disc pl-5 text-sm">
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {quiz.classes.map((c) => (c.dueAt ? <li key={c.class.id}>{t("dueIn", { className: c.class.name, when: when(c.dueAt) })}</li> : null))}
        </ul>
      </Card>
      {o.status === "notOpen" ? <Notice tone="info">{t("notOpenYet")}</Notice> : null}
      {o.status === "closed" ? <Notice tone="info">{t("closedNotice")}</Notice> : null}
      {o.inProgress ? (
        <div>
          <Link href={`/quizzes/${quiz.id}/attempts/${o.inProgress.id}`} className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">
            {t("continue")}
          </Link>
        </div>
      ) : o.canStart ? (
        <ActionForm action={startAttemptAction.bind(null, locale, quiz.id)} label={o.attempts.length === 0 ? t("start") : t("startAgain")} pendingLabel={t("starting")} />
      ) : null}
      <Section id="attempts-heading" title={t("yourAttempts")}>
        <Table
          rows={o.attempts}
          cellClassName="py-2"
          empty={t("noAttempts")}
          columns={[
            {
              header: "#",
              cell: (a) => (
                <Link href={`/quizzes/${quiz.id}/attempts/${a.id}`} className="text-brand-700 underline">
                  {t("attemptN", { n: a.number })}
                </Link>
              ),
            },
            { header: t("started"), cell: (a) => when(a.startedAt) },
            { header: t("submitted"), cell: (a) => (a.submittedAt ? when(a.submittedAt) : t("inProgress")) },
            { header: t("score"), cellClassName: "font-mono", cell: (a) => (a.score !== null ? formatPercent(a.score, { digits: 1, locale }) : a.submittedAt ? t("hiddenUntilClose") : "—") },
          ]}
        />
      </Section>
    </div>
  );
}
