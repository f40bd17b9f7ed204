"use client";

import { useTranslations } from "next-intl";
import type { ScenarioDraft } from "./use-scenario-draft";

/** The scenario as JSON text, with its syntax error or the schema's issues under it. */
export function JsonEditor({ id, draft }: { id: string; draft: ScenarioDraft }) {
  const t = useTranslations("sim.playground");
  const { syntaxError, issues } = draft;
  const jsonError = syntaxError ? (syntaxError.message ? t("jsonSyntax", { message: syntaxError.message }) : t("jsonNotObject")) : null;
  const invalid = jsonError !== null || issues.length > 0;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {t("json")}
      </label>
      <p id={helpId} className="text-xs text-muted">
        {t("jsonHint")}
      </p>
      <textarea
        id={id}
        value={draft.text}
        onChange={(e) => draft.setText(e.target.value)}
        spellCheck={false}
        rows={12}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${helpId}${invalid ? ` ${errorId}` : ""}`}
        className={`w-full rounded-md border bg-surface px-3 py-2 font-mono text-xs leading-5 ${invalid ? "border-bad" : "border-line"}`}
      />
      {invalid ? (
        <div id={errorId} className="text-sm text-bad">
          {jsonError ? <p>{jsonError}</p> : null}
          {issues.length ? (
            <>
              <p>{t("issuesTitle")}</p>
              <ul className="list-disc pl-5">
                {issues.slice(0, 12).map((i, k) => (
                  <li key={k}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
