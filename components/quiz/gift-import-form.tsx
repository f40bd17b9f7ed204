"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FormField, Options } from "@/components/forms/form-field";
import { importGiftAction } from "@/lib/server/actions/quiz-teach";
import { ActionForm } from "./action-form";

const small = "rounded-md border border-line px-2 py-1 text-sm";
const giftFile = ".gift,.txt,text/plain";

/** A label and its control as items of the form's own column (`contents`: no wrapper box). */
function Item({ id, label, children }: { id: string; label: ReactNode; children: (aria: { id: string }) => ReactNode }) {
  return (
    <FormField id={id} label={label} className="contents" labelClassName="text-sm font-medium">
      {children}
    </FormField>
  );
}

/** GIFT upload (a file or pasted text), optionally with a second file in the other language. */
export function GiftImportForm({ topics }: { topics: { value: string; label: string }[] }) {
  const t = useTranslations("teach.gift");
  const locale = useLocale();
  return (
    <ActionForm action={importGiftAction.bind(null, locale)} label={t("import")} pendingLabel={t("importing")}>
      <Item id="gift-locale" label={t("fileLanguage")}>
        {(aria) => (
          <select {...aria} name="locale" defaultValue={locale} className={small}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        )}
      </Item>
      <Item id="gift-file" label={t("file")}>
        {(aria) => <input {...aria} name="file" type="file" accept={giftFile} className="text-sm" />}
      </Item>
      <Item id="gift-text" label={t("orPaste")}>
        {(aria) => <textarea {...aria} name="text" rows={5} className={`${small} font-mono`} placeholder="::q1:: What…? {=right ~wrong}" />}
      </Item>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">{t("translation")}</summary>
        <div className="mt-2 flex flex-col gap-2">
          <Item id="gift-tfile" label={t("translationFile")}>
            {(aria) => <input {...aria} name="translationFile" type="file" accept={giftFile} className="text-sm" />}
          </Item>
          <Item id="gift-ttext" label={t("orPaste")}>
            {(aria) => <textarea {...aria} name="translationText" rows={4} className={`${small} font-mono`} />}
          </Item>
        </div>
      </details>
      <Item id="gift-topic" label={t("defaultTopic")}>
        {(aria) => (
          <select {...aria} name="defaultTopic" className={small}>
            <Options options={topics} />
          </select>
        )}
      </Item>
    </ActionForm>
  );
}
