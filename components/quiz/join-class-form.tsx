"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { joinClassAction } from "@/lib/server/actions/quiz";
import { ActionForm } from "./action-form";

/** Join a class by the code the instructor shared (any case, spaces or dash allowed). */
export function JoinClassForm() {
  const t = useTranslations("quiz.classes");
  const locale = useLocale();
  return (
    <ActionForm action={joinClassAction.bind(null, locale)} label={t("join")} pendingLabel={t("joining")}>
      <FormField id="join-code" label={t("code")} hint={t("codeHint")} labelClassName="text-sm font-medium">
        {(aria) => (
          <input
            {...aria}
            name="code"
            required
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ACDE-FGHJ"
            className="rounded-md border border-line px-3 py-2 font-mono text-base uppercase tracking-widest"
          />
        )}
      </FormField>
    </ActionForm>
  );
}
