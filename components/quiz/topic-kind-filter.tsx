import { getTranslations } from "next-intl/server";
import { AUTHORED_KINDS } from "@/lib/content/questions";
import { TOPICS } from "@/lib/content/topics";
import type { Locale } from "@/lib/core";

const select = "rounded-md border border-line px-2 py-1 text-sm";

/**
 * The GET form that filters questions by topic and kind (`?topic=&kind=`), shared by the question
 * list and the quiz editor's bank picker. Values are the already-validated ones (or undefined).
 */
export async function TopicKindFilter({ idPrefix, topic, kind, locale, className = "flex flex-wrap items-end gap-3" }: { idPrefix: string; topic?: string; kind?: string; locale: Locale; className?: string }) {
  const t = await getTranslations("teach");
  return (
    <form method="get" className={className}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-topic`} className="text-sm font-medium">
          {t("items.topic")}
        </label>
        <select id={`${idPrefix}-topic`} name="topic" defaultValue={topic ?? ""} className={select}>
          <option value="">{t("items.all")}</option>
          {TOPICS.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {tp.name[locale]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-kind`} className="text-sm font-medium">
          {t("items.kind")}
        </label>
        <select id={`${idPrefix}-kind`} name="kind" defaultValue={kind ?? ""} className={select}>
          <option value="">{t("items.all")}</option>
          {AUTHORED_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50">
        {t("items.filter")}
      </button>
    </form>
  );
}
