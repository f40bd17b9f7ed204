"use client";

import { useLocale, useTranslations } from "next-intl";
import { joinClassAction } from "@/lib/server/actions/quiz";
import { ActionForm } from "./action-form";

/** Join a class by the code the instructor shared (any case, spaces or dash allowed). */
export function JoinClassForm() {
  const t = useTranslations("quiz.classes");
  const locale = useLocale();
  return (
    <ActionForm action={joinClassAction.bind(null, locale)} label={t("join")} pendingLabel={t("joining")}>
      <div className="flex flex-col gap-1">
        <label htmlFor="join-code" className="text-sm font-medium">
          {t("code")}
        </label>
        <input
          id="join-code"
          name="code"
          required
          maxLength={20}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ACDE-FGHJ"
          aria-describedby="join-code-hint"
          className="rounded-md border border-line px-3 py-2 font-mono text-base uppercase tracking-widest"
        />
        <p id="join-code-hint" className="text-sm text-muted">
          {t("codeHint")}
        </p>
      </div>
    </ActionForm>
  );
}
