import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/quiz/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { NameLink } from "@/components/ui/name-link";
import { leaveClassAction } from "@/lib/server/actions/quiz";
import { quizStatus } from "@/lib/server/quiz/attempts";
import { getClassForMember } from "@/lib/server/quiz/classes";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("quiz.classes");

/** A class as its student sees it: the teacher and the quizzes assigned, with due dates. */
export default async function ClassPage({ params }: { params: Promise<{ locale: Locale; classId: string }> }) {
  const { locale, classId, user, t } = await openPage(params, "quiz.classes");
  const tq = await getTranslations("quiz.quizzes");
  const format = await getFormatter();
  const cls = await orNotFound(getClassForMember(user, classId));
  const now = new Date();
  const leave = leaveClassAction.bind(null, locale, classId);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={cls.name} intro={t("teacher", { name: cls.owner.name })} />
      <Section id="assigned" title={t("assigned")}>
        <Table
          rows={cls.quizzes}
          rowKey={({ quiz }) => quiz.id}
          cellClassName="py-2"
          empty={t("noQuizzes")}
          columns={[
            { header: tq("quiz"), cell: ({ quiz }) => <NameLink href={`/quizzes/${quiz.id}`}>{quiz.title}</NameLink> },
            { header: tq("mode"), cell: ({ quiz }) => tq(`modes.${quiz.mode}`) },
            { header: tq("due"), cell: ({ dueAt }) => (dueAt ? format.dateTime(dueAt, DATE_TIME) : tq("noDue")) },
            { header: tq("status"), cell: ({ quiz }) => tq(`statuses.${quizStatus(quiz, now)}`) },
          ]}
        />
      </Section>
      <div>
        <ActionForm action={leave} label={t("leave")} variant="secondary" confirmText={t("leaveConfirm", { name: cls.name })} />
      </div>
    </div>
  );
}
