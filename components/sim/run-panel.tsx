"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import type { Locale } from "@/lib/core/locale";
import { formatTime } from "@/lib/diagram";
import { playbackLabels } from "./scenario-figure";
import { ShareLink } from "./share-link";
import { TraceView } from "./trace-view";
import type { RunState } from "./use-simulation";

/**
 * The playground's result column: a status line for screen readers, the share link, and the
 * run itself — the server-rendered first run, a progress note, the API's error with its
 * issues, or the trace (diagram, table, final sockets).
 */
export function RunPanel({ id, locale, run, runs, query, title, initialResult }: { id: string; locale: Locale; run: RunState; runs: number; query: string; title: string; initialResult: ReactNode }) {
  const t = useTranslations("sim.playground");
  const tf = useTranslations("sim.figure");

  let result: ReactNode;
  if (run.kind === "initial") result = initialResult;
  else if (run.kind === "running") result = <p className="text-sm text-muted">{t("running")}</p>;
  else if (run.kind === "error")
    result = (
      <Notice tone="error">
        <p>{run.message}</p>
        {run.issues.length ? (
          <ul className="mt-2 list-disc pl-5">
            {run.issues.map((i, k) => (
              <li key={k}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Notice>
    );
  else
    result = (
      <TraceView
        trace={run.trace}
        locale={locale}
        label={title}
        showFinal
        labels={{
          showTable: tf("showTable"),
          tableCaption: tf("tableCaption", { title }),
          finalTitle: tf("finalTitle", { time: formatTime(run.trace.endedAt) }),
          truncated: tf("truncated"),
          downloadPcap: tf("downloadPcap"),
          playback: playbackLabels(tf),
        }}
        pcapQuery={query}
      />
    );

  const segments = run.kind === "done" ? run.trace.events.filter((e) => e.kind === "segment").length : 0;

  return (
    <section aria-labelledby={`${id}-result`} className="flex min-w-0 flex-col gap-4">
      <h2 id={`${id}-result`} className="text-xl font-semibold">
        {t("result")}
      </h2>
      <p role="status" className="text-sm text-muted">
        {run.kind === "done" ? t("ranSummary", { events: run.trace.events.length, segments, end: formatTime(run.trace.endedAt) }) : run.kind === "running" ? t("running") : ""}
      </p>
      <ShareLink key={runs} id={`${id}-share`} path={`/${locale}/sim?${query}`} />
      <div data-testid="sim-result">{result}</div>
    </section>
  );
}
