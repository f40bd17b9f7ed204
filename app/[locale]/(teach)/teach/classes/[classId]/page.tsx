import { getFormatter } from "next-intl/server";
import { ActionForm } from "@/components/quiz/action-form";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { NameLink } from "@/components/ui/name-link";
import { deleteClassAction, regenerateCodeAction, removeMemberAction, renameClassAction } from "@/lib/server/actions/quiz-teach";
import { formatJoinCode, getClassForStaff } from "@/lib/server/quiz/classes";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";
import { openPage, orNotFound, titleFrom } from "@/app/[locale]/page-setup";

export const generateMetadata = titleFrom("teach.classes");

/** One class for its instructor: join code, members, published quizzes. */
export default async function TeachClassPage({ params }: { params: Promise<{ locale: Locale; classId: string }> }) {
  const { locale, classId, user, t } = await openPage(params, "teach.classes", "INSTRUCTOR");
  const format = await getFormatter();
  const cls = await orNotFound(getClassForStaff(user, classId));
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={cls.name} intro={t("ownedBy", { name: cls.owner.name })} links={[{ href: "/teach/classes", label: t("back") }]} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">{t("code")}</h2>
          <p className="my-3 font-mono text-3xl tracking-widest" data-testid="join-code">
            {formatJoinCode(cls.joinCode)}
          </p>
          <p className="mb-3 text-sm text-muted">{t("codeHelp")}</p>
          <ActionForm action={regenerateCodeAction.bind(null, locale, cls.id)} label={t("regenerate")} variant="secondary" confirmText={t("regenerateConfirm")} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">{t("rename")}</h2>
          <ActionForm action={renameClassAction.bind(null, locale, cls.id)} label={t("save")} variant="secondary">
            <label htmlFor="rename" className="text-sm font-medium">
              {t("name")}
            </label>
            <input id="rename" name="name" required maxLength={120} defaultValue={cls.name} className="rounded-md border border-line px-3 py-2" />
          </ActionForm>
        </Card>
      </div>

      <Section id="members-heading" title={t("membersTitle", { count: cls.members.length })}>
        <Table
          rows={cls.members}
          rowKey={(m) => m.userId}
          cellClassName="py-2"
          empty={t("noMembers")}
          columns={[
            { header: t("student"), cell: (m) => m.user.name },
            { header: t("email"), cell: (m) => m.user.email },
            { header: t("joined"), cell: (m) => format.dateTime(m.joinedAt, { dateStyle: "medium" }) },
            {
              header: t("actions"),
              hideHeader: true,
              cell: (m) => (
                <ActionForm
                  action={removeMemberAction.bind(null, locale, cls.id, m.userId)}
                  label={t("remove")}
                  ariaLabel={`${t("remove")}: ${m.user.name}`}
                  variant="ghost"
                  confirmText={t("removeConfirm", { name: m.user.name })}
                />
              ),
            },
          ]}
        />
      </Section>

      <Section id="quizzes-heading" title={t("publishedTitle")}>
        {cls.quizzes.length === 0 ? (
          <Empty>{t("noPublished")}</Empty>
        ) : (
          <ul className="flex flex-col gap-2">
            {cls.quizzes.map((q) => (
              <li key={q.quizId}>
                <NameLink href={`/teach/quizzes/${q.quizId}`}>{q.quiz.title}</NameLink>{" "}
                <span className="text-sm text-muted">{q.dueAt ? t("due", { when: format.dateTime(q.dueAt, DATE_TIME) }) : t("noDue")}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <div>
        <ActionForm action={deleteClassAction.bind(null, locale, cls.id)} label={t("delete")} variant="danger" confirmText={t("deleteConfirm", { name: cls.name })} />
      </div>
    </div>
  );
}
