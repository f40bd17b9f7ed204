"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useRouter } from "@/i18n/navigation";
import { TOPICS } from "@/lib/content/topics";

type ImportResponse = { imported: number } | { error: { code: string; message: string; lines?: { line: number; message: string }[] } };
type Result = { kind: "ok"; count: number } | { kind: "error"; message: string; lines: { line: number; message: string }[] };

/**
 * Uploads an Anki text file to /api/flashcards/import. The server imports all lines or none; on
 * failure every bad line is listed here with its number.
 */
export function ImportForm() {
  const t = useTranslations("flashcards.transfer");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setResult({ kind: "error", message: t("noFile"), lines: [] });
      return;
    }
    setPending(true);
    setResult(null);
    try {
      const res = await fetch("/api/flashcards/import", { method: "POST", body: form, headers: { "accept-language": locale } });
      const body = (await res.json().catch(() => null)) as ImportResponse | null;
      if (res.ok && body && "imported" in body) {
        setResult({ kind: "ok", count: body.imported });
        router.refresh();
      } else {
        setResult({ kind: "error", message: body && "error" in body ? body.error.message : res.statusText, lines: body && "error" in body ? (body.error.lines ?? []) : [] });
      }
    } catch {
      setResult({ kind: "error", message: t("network"), lines: [] });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" encType="multipart/form-data">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-file`} className="font-medium">
          {t("file")}
        </label>
        <input id={`${id}-file`} name="file" type="file" accept=".txt,.tsv,.csv,text/plain,text/tab-separated-values" className="text-sm" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-topic`} className="font-medium">
          {t("importTopic")}
        </label>
        <select id={`${id}-topic`} name="topic" defaultValue="" className="max-w-xs rounded-md border border-line bg-surface px-3 py-2">
          <option value="">—</option>
          {TOPICS.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name[locale === "zh" ? "zh" : "en"]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t("importing") : t("importButton")}
        </Button>
      </div>
      <div aria-live="polite">
        {result?.kind === "ok" ? <p className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-ok">{t("imported", { count: result.count })}</p> : null}
        {result?.kind === "error" ? (
          <div className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-bad">
            <p>{result.lines.length > 0 ? t("failedTitle") : result.message}</p>
            {result.lines.length > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {result.lines.map((l, i) => (
                  <li key={i}>
                    <span className="font-medium">{l.line > 0 ? t("line", { line: l.line }) : t("wholeFile")}</span>: {l.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
