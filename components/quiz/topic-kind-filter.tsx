import { getTranslations } from "next-intl/server";
import { FormField, Options } from "@/components/forms/form-field";
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
  const filters = [
    { name: "topic", label: t("items.topic"), value: topic, options: TOPICS.map((tp) => ({ value: tp.id, label: tp.name[locale] })) },
    { name: "kind", label: t("items.kind"), value: kind, options: AUTHORED_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })) },
  ];
  return (
    <form method="get" className={className}>
      {filters.map((f) => (
        <FormField key={f.name} id={`${idPrefix}-${f.name}`} label={f.label} labelClassName="text-sm font-medium">
          {(aria) => (
            <select {...aria} name={f.name} defaultValue={f.value ?? ""} className={select}>
              <option value="">{t("items.all")}</option>
              <Options options={f.options} />
            </select>
          )}
        </FormField>
      ))}
      <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50">
        {t("items.filter")}
      </button>
    </form>
  );
}
