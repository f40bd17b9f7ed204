import Link from "next/link";
import { localePath } from "@/i18n/routing";
import type { Translator } from "@/i18n/translator";
import { getTopic, type TopicId } from "@/lib/content/topics";
import type { FamilyId } from "@/lib/scenarios/types";
import type { Locale } from "@/lib/core";

/**
 * The end of every lesson: question families from its front matter (each a fresh, simulator-
 * generated question at /practice/<family>, named by the family's `linkTitle`) and its related
 * flashcard topics. `t`: `lessons`.
 */
export function CheckYourself({ locale, t, families, flashcardTopics }: { locale: Locale; t: Translator; families: { id: FamilyId; title: string }[]; flashcardTopics: TopicId[] }) {
  const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";
  return (
    <section aria-labelledby="check-yourself" className="mt-14 rounded-lg border border-line bg-surface p-6 shadow-sm">
      <h2 id="check-yourself" className="text-2xl font-semibold tracking-tight">
        {t("check.title")}
      </h2>
      <p className="mt-3 text-muted">{t("check.practice")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {families.map((family) => (
          <li key={family.id}>
            <Link href={localePath(locale, `/practice/${family.id}`)} className={linkClass}>
              {family.title}
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-5 text-muted">{t("check.flashcards")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {flashcardTopics.map((topic) => (
          <li key={topic}>
            <Link href={{ pathname: localePath(locale, "/flashcards"), query: { topic } }} className={linkClass}>
              {t("check.flashcardTopic", { topic: getTopic(topic).name[locale] })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
