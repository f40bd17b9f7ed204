import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { leaveClassAction } from "@/lib/server/actions/quiz";
import { guardPage } from "@/lib/server/guard";
import { quizStatus } from "@/lib/server/quiz/attempts";
import { getClassForMember } from "@/lib/server/quiz/classes";
import { QuizError } from "@/lib/server/quiz/errors";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";

type Props = { params: Promise<{ locale: Locale; classId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "quiz.classes" }))("title") };
}

async function load(user: { id: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" }, classId: string) {
  try {
    return await getClassForMember(user, classId);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
}

/** A class as its student sees it: the teacher and the quizzes assigned, with due dates. */
export default async function ClassPage({ params }: Props) {
  const { locale, classId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale);
  const t = await getTranslations("quiz.classes");
  const tq = await getTranslations("quiz.quizzes");
  const format = await getFormatter();
  const cls = await load(user, classId);
  const now = new Date();
  const leave = leaveClassAction.bind(null, locale, classId);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={cls.name} intro={t("teacher", { name: cls.owner.name })} />
      <section aria-labelledby="assigned">
        <h2 id="assigned" className="mb-3 text-xl font-semibold">
          {t("assigned")}
        </h2>
        {cls.quizzes.length === 0 ? (
          <p className="text-muted">{t("noQuizzes")}</p>
        ) : (
          <Table
            rows={cls.quizzes}
            rowKey={({ quiz }) => quiz.id}
            cellClassName="py-2"
            scroll={false}
            columns={[
              {
                header: tq("quiz"),
                cell: ({ quiz }) => (
                  <Link href={`/quizzes/${quiz.id}`} className="font-medium text-brand-700 underline">
                    {quiz.title}
                  </Link>
                ),
              },
              { header: tq("mode"), cell: ({ quiz }) => tq(`modes.${quiz.mode}`) },
              { header: tq("due"), cell: ({ dueAt }) => (dueAt ? format.dateTime(dueAt, DATE_TIME) : tq("noDue")) },
              { header: tq("status"), cell: ({ quiz }) => tq(`statuses.${quizStatus(quiz, now)}`) },
            ]}
          />
        )}
      </section>
      <div>
        <ActionForm action={leave} label={t("leave")} variant="secondary" confirmText={t("leaveConfirm", { name: cls.name })} />
      </div>
    </div>
  );
}
