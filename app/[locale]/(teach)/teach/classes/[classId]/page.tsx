import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/quiz/action-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Link } from "@/i18n/navigation";
import { deleteClassAction, regenerateCodeAction, removeMemberAction, renameClassAction } from "@/lib/server/actions/quiz-teach";
import { guardPage } from "@/lib/server/guard";
import { formatJoinCode, getClassForStaff } from "@/lib/server/quiz/classes";
import { QuizError } from "@/lib/server/quiz/errors";
import { DATE_TIME } from "@/components/quiz/date-format";
import type { Locale } from "@/lib/core";
import { Table } from "@/components/ui/table";

type Props = { params: Promise<{ locale: Locale; classId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "teach.classes" }))("title") };
}

/** One class for its instructor: join code, members, published quizzes. */
export default async function TeachClassPage({ params }: Props) {
  const { locale, classId } = await params;
  setRequestLocale(locale);
  const user = await guardPage(locale, "INSTRUCTOR");
  const t = await getTranslations("teach.classes");
  const format = await getFormatter();
  let cls;
  try {
    cls = await getClassForStaff(user, classId);
  } catch (error) {
    if (error instanceof QuizError) notFound();
    throw error;
  }
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={cls.name}
        intro={t("ownedBy", { name: cls.owner.name })}
        actions={
          <Link href="/teach/classes" className="text-sm text-brand-700 underline">
            {t("back")}
          </Link>
        }
      />
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

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-xl font-semibold">
          {t("membersTitle", { count: cls.members.length })}
        </h2>
        {cls.members.length === 0 ? (
          <p className="text-muted">{t("noMembers")}</p>
        ) : (
          <Table
            rows={cls.members}
            rowKey={(m) => m.userId}
            cellClassName="py-2"
            scroll={false}
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
        )}
      </section>

      <section aria-labelledby="quizzes-heading">
        <h2 id="quizzes-heading" className="mb-3 text-xl font-semibold">
          {t("publishedTitle")}
        </h2>
        {cls.quizzes.length === 0 ? (
          <p className="text-muted">{t("noPublished")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {cls.quizzes.map((q) => (
              <li key={q.quizId}>
                <Link href={`/teach/quizzes/${q.quizId}`} className="font-medium text-brand-700 underline">
                  {q.quiz.title}
                </Link>{" "}
                <span className="text-sm text-muted">{q.dueAt ? t("due", { when: format.dateTime(q.dueAt, DATE_TIME) }) : t("noDue")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div>
        <ActionForm action={deleteClassAction.bind(null, locale, cls.id)} label={t("delete")} variant="danger" confirmText={t("deleteConfirm", { name: cls.name })} />
      </div>
    </div>
  );
}
