"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ColumnHeads } from "@/components/ui/column-heads";
// next/navigation's router, not next-intl's: a refresh needs no locale, and next-intl's
// navigation module does not load in the Pages Router's practice pages (issue #16). There,
// refresh() reloads the document (next/dist/shared/lib/router/adapters.js).
import { useRouter } from "next/navigation";
import type { ClientInput, DraftValue, SegmentDraft } from "./client-types";
import { OrderInput } from "./order-input";
import { initialDraft, toRawAnswer } from "./raw-answer";
import { Notice } from "@/components/ui/notice";
import { expectOutcome } from "./result-focus";
import { InlineHtml } from "./inline-html";

type SubmitResponse = { status: "graded" } | { error: { code: string; message: string } };

/**
 * The answer form for one generated question. It knows only the prompt's inputs; it posts the
 * raw answer to the server (the only grader) and then refreshes the page, which renders the
 * feedback server-side. A format error is shown here and costs nothing.
 */
export function AnswerForm({ questionAttemptId, inputs, submitLabel }: { questionAttemptId: string; inputs: ClientInput[]; submitLabel?: string }) {
  const t = useTranslations("quiz");
  const router = useRouter();
  const formId = useId();
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() => Object.fromEntries(inputs.map((i) => [i.id, initialDraft(i)])));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const set = (id: string, value: DraftValue) => setDrafts((d) => ({ ...d, [id]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/quiz/questions/${encodeURIComponent(questionAttemptId)}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answer: toRawAnswer(inputs, drafts) }),
      });
      const body = (await res.json().catch(() => null)) as SubmitResponse | null;
      if (res.ok && body && "status" in body) {
        expectOutcome(questionAttemptId);
        router.refresh();
        return;
      }
      setError(body && "error" in body ? body.error.message : t("submit.failed"));
    } catch {
      setError(t("submit.network"));
    } finally {
      setPending(false);
    }
  }

  const errorId = `${formId}-error`;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" aria-describedby={error ? errorId : undefined} noValidate>
      {inputs.map((input) => (
        <InputField key={input.id} formId={formId} input={input} value={drafts[input.id] ?? initialDraft(input)} onChange={(v) => set(input.id, v)} disabled={pending} />
      ))}
      {error ? (
        <Notice tone="error" id={errorId}>
          {error}
        </Notice>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submit.pending") : (submitLabel ?? t("submit.label"))}
        </Button>
      </div>
    </form>
  );
}

const inputClass = "rounded-md border border-line px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-brand-600";

function InputField({ formId, input, value, onChange, disabled }: { formId: string; input: ClientInput; value: DraftValue; onChange: (v: DraftValue) => void; disabled: boolean }) {
  const t = useTranslations("quiz");
  const id = `${formId}-${input.id}`;
  const labelId = `${id}-label`;
  switch (input.kind) {
    case "number":
    case "text": {
      const control = (
        <input
          id={id}
          name={input.id}
          type="text"
          inputMode={input.kind === "number" ? "decimal" : undefined}
          autoComplete="off"
          maxLength={input.kind === "text" ? input.maxLength : undefined}
          className={`${inputClass} ${input.kind === "number" ? "w-48 font-mono" : "max-w-md"}`}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
        />
      );
      return (
        <div className="flex flex-col gap-1">
          <label htmlFor={id} id={labelId} className="font-medium">
            <InlineHtml html={input.label} />
          </label>
          {input.kind === "number" ? (
            <div className="flex items-center gap-2">
              {control}
              {input.unit ? <span className="text-muted">{input.unit}</span> : null}
            </div>
          ) : (
            control
          )}
        </div>
      );
    }
    case "choice":
    case "multi": {
      const multi = input.kind === "multi";
      const selected = multi ? (Array.isArray(value) ? (value as string[]) : []) : typeof value === "string" ? [value] : [];
      return (
        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="mb-2 font-medium">
            <InlineHtml html={input.label} />
          </legend>
          {input.options.map((o) => {
            const optionId = `${id}-${o.id}`;
            const checked = selected.includes(o.id);
            return (
              <label
                key={o.id}
                htmlFor={optionId}
                className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${checked ? "border-brand-600 bg-brand-50" : "border-line bg-surface hover:bg-slate-50"}`}
              >
                <input
                  id={optionId}
                  type={multi ? "checkbox" : "radio"}
                  name={input.id}
                  value={o.id}
                  className="mt-1"
                  checked={checked}
                  disabled={disabled}
                  onChange={(e) => {
                    if (!multi) onChange(o.id);
                    else onChange(e.target.checked ? [...selected, o.id] : selected.filter((s) => s !== o.id));
                  }}
                />
                <span>
                  {/* Letter ids (a, b, c of authored questions) are worth showing; a family's ids
                      repeat the label ("LISTEN) LISTEN") and only add noise. */}
                  {/^[a-z]$/.test(o.id) ? <span className="mr-2 font-mono text-sm text-muted">{o.id})</span> : null}
                  <InlineHtml html={o.label} />
                </span>
              </label>
            );
          })}
        </fieldset>
      );
    }
    case "order":
      return (
        <div className="flex flex-col gap-2">
          <p id={labelId} className="font-medium">
            <InlineHtml html={input.label} />
          </p>
          <p className="text-sm text-muted">{t("order.help")}</p>
          <OrderInput id={id} labelledBy={labelId} items={input.items} order={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} disabled={disabled} />
        </div>
      );
    case "segments": {
      const rows = Array.isArray(value) ? (value as SegmentDraft[]) : [];
      const update = (i: number, patch: Partial<SegmentDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
      return (
        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="mb-2 font-medium">
            <InlineHtml html={input.label} />
          </legend>
          <div className="overflow-x-auto">
            <table className="stack-table min-w-full border-collapse text-sm">
              <ColumnHeads className="text-left" cellClassName="px-2 py-1" gap="" names={[t("segments.segment"), t("segments.flags"), "seq", "ack"]} />
              <tbody>
                {input.rows.map((rowLabel, i) => {
                  const row = rows[i] ?? { flags: [], seq: "", ack: "" };
                  return (
                    <tr key={i} className="border-t border-line align-top">
                      <th scope="row" className="px-2 py-2 text-left font-medium sm:font-normal">
                        {rowLabel}
                      </th>
                      <td className="px-2 py-2" data-label={t("segments.flags")}>
                        <div className="flex flex-wrap gap-2">
                          {input.flagOptions.map((flag) => (
                            <label key={flag} className="inline-flex items-center gap-1 font-mono">
                              <input
                                type="checkbox"
                                checked={row.flags.includes(flag)}
                                disabled={disabled}
                                aria-label={t("segments.flagLabel", { row: rowLabel, flag })}
                                onChange={(e) => update(i, { flags: e.target.checked ? [...row.flags, flag] : row.flags.filter((f) => f !== flag) })}
                              />
                              {flag}
                            </label>
                          ))}
                        </div>
                      </td>
                      {(["seq", "ack"] as const).map((field) => (
                        <td key={field} className="px-2 py-2" data-label={field}>
                          <input
                            type="text"
                            inputMode="numeric"
                            autoComplete="off"
                            className={`${inputClass} w-36 font-mono`}
                            aria-label={t(field === "seq" ? "segments.seqLabel" : "segments.ackLabel", { row: rowLabel })}
                            value={row[field]}
                            disabled={disabled}
                            onChange={(e) => update(i, { [field]: e.target.value })}
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="text-sm text-muted">{t("segments.help")}</p>
        </fieldset>
      );
    }
  }
}
