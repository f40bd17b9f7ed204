"use client";

import { useLocale, useTranslations } from "next-intl";
import { importGiftAction } from "@/lib/server/actions/quiz-teach";
import { ActionForm } from "./action-form";

/** GIFT upload (a file or pasted text), optionally with a second file in the other language. */
export function GiftImportForm({ topics }: { topics: { value: string; label: string }[] }) {
  const t = useTranslations("teach.gift");
  const locale = useLocale();
  const small = "rounded-md border border-line px-2 py-1 text-sm";
  return (
    <ActionForm action={importGiftAction.bind(null, locale)} label={t("import")} pendingLabel={t("importing")}>
      <label htmlFor="gift-locale" className="text-sm font-medium">
        {t("fileLanguage")}
      </label>
      <select id="gift-locale" name="locale" defaultValue={locale} className={small}>
        <option value="en">English</option>
        <option value="zh">中文</option>
      </select>
      <label htmlFor="gift-file" className="text-sm font-medium">
        {t("file")}
      </label>
      <input id="gift-file" name="file" type="file" accept=".gift,.txt,text/plain" className="text-sm" />
      <label htmlFor="gift-text" className="text-sm font-medium">
        {t("orPaste")}
      </label>
      <textarea id="gift-text" name="text" rows={5} className={`${small} font-mono`} placeholder="::q1:: What…? {=right ~wrong}" />
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">{t("translation")}</summary>
        <div className="mt-2 flex flex-col gap-2">
          <label htmlFor="gift-tfile" className="text-sm font-medium">
            {t("translationFile")}
          </label>
          <input id="gift-tfile" name="translationFile" type="file" accept=".gift,.txt,text/plain" className="text-sm" />
          <label htmlFor="gift-ttext" className="text-sm font-medium">
            {t("orPaste")}
          </label>
          <textarea id="gift-ttext" name="translationText" rows={4} className={`${small} font-mono`} />
        </div>
      </details>
      <label htmlFor="gift-topic" className="text-sm font-medium">
        {t("defaultTopic")}
      </label>
      <select id="gift-topic" name="defaultTopic" className={small}>
        {topics.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </ActionForm>
  );
}
