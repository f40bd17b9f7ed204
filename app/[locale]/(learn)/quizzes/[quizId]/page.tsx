import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { Markdown } from "@/components/quiz/markdown";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { startAttemptAction } from "@/lib/server/actions/quiz";
import { guardPage } from "@/lib/server/guard";
import { quizOverview } from "@/lib/server/quiz/attempts";
import { QuizError } from "@/lib/server/quiz/errors";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";

type Props = { params: Promise<{ locale: Locale; quizId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.quizzes" }))("quiz") };
}

/** A quiz before (and between) attempts: its rules, the student's attempts, start/continue. */
export default async function QuizPage({ params }: Props) {
  const { locale, quizId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.quizzes");
  const format = await getFormatter();
  let o;
  try {
    o = await quizOverview(user, quizId);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
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
      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading" className="mb-3 text-xl font-semibold">
          {t("yourAttempts")}
        </h2>
        {o.attempts.length === 0 ? (
          <p className="text-muted">{t("noAttempts")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2">#</th>
                <th scope="col" className="py-2">{t("started")}</th>
                <th scope="col" className="py-2">{t("submitted")}</th>
                <th scope="col" className="py-2">{t("score")}</th>
              </tr>
            </thead>
            <tbody>
              {o.attempts.map((a) => (
                <tr key={a.id} className="border-b border-line">
                  <td className="py-2">
                    <Link href={`/quizzes/${quiz.id}/attempts/${a.id}`} className="text-brand-700 underline">
                      {t("attemptN", { n: a.number })}
                    </Link>
                  </td>
                  <td className="py-2">{when(a.startedAt)}</td>
                  <td className="py-2">{a.submittedAt ? when(a.submittedAt) : t("inProgress")}</td>
                  <td className="py-2 font-mono">{a.score !== null ? `${Math.round(a.score * 1000) / 10}%` : a.submittedAt ? t("hiddenUntilClose") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
