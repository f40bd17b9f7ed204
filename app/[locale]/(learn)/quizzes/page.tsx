import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { guardPage } from "@/lib/server/guard";
import { assignedQuizzes } from "@/lib/server/quiz/attempts";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.quizzes" }))("title") };
}

/** Every quiz assigned to the student's classes, soonest due first. */
export default async function QuizzesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.quizzes");
  const format = await getFormatter();
  const rows = await assignedQuizzes(user);
  return (
    <div>
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/classes" className="text-sm font-medium text-brand-700 underline">
            {t("myClasses")}
          </Link>
        }
      />
      {rows.length === 0 ? (
        <p className="text-muted">
          {t("none")}{" "}
          <Link href="/classes" className="text-brand-700 underline">
            {t("joinHint")}
          </Link>
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3">{t("quiz")}</th>
                <th scope="col" className="py-2 pr-3">{t("class")}</th>
                <th scope="col" className="py-2 pr-3">{t("mode")}</th>
                <th scope="col" className="py-2 pr-3">{t("due")}</th>
                <th scope="col" className="py-2 pr-3">{t("status")}</th>
                <th scope="col" className="py-2 pr-3">{t("progress")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.classId}-${r.quizId}`} className="border-b border-line">
                  <td className="py-2 pr-3">
                    <Link href={`/quizzes/${r.quizId}`} className="font-medium text-brand-700 underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{r.className}</td>
                  <td className="py-2 pr-3">{t(`modes.${r.mode}`)}</td>
                  <td className="py-2 pr-3">{r.dueAt ? format.dateTime(r.dueAt, DATE_TIME) : t("noDue")}</td>
                  <td className="py-2 pr-3">{t(`statuses.${r.status}`)}</td>
                  <td className="py-2 pr-3">
                    {r.submitted === 0 ? t("notTaken") : r.best === null ? t("submittedHidden", { n: r.submitted }) : t("submittedBest", { n: r.submitted, best: Math.round(r.best * 100) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
