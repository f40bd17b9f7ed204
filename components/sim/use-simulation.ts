"use client";

import { useState } from "react";
import type { Locale } from "@/lib/core/locale";
import { shareQuery } from "@/lib/sim/scenario-url";
import type { Trace } from "@/lib/tcp/types";
import { isRecord } from "./use-scenario-draft";

export type ApiIssue = { path: string; message: string };
export type RunState =
  | { kind: "initial" }
  | { kind: "running" }
  | { kind: "done"; trace: Trace }
  | { kind: "error"; message: string; issues: ApiIssue[] };

/**
 * Runs a scenario on the server (`POST /api/simulate`) and keeps the last run: its state, the
 * share query that reproduces it, and a counter of runs (a new run resets the share link's note).
 */
export function useSimulation({ locale, initialQuery, presets, messages }: { locale: Locale; initialQuery: string; presets: { id: string; scenario: unknown }[]; messages: { runFailed: (status: number) => string; network: string } }) {
  const [run, setRun] = useState<RunState>({ kind: "initial" });
  const [query, setQuery] = useState(initialQuery);
  const [runs, setRuns] = useState(0);

  async function simulate(value: unknown) {
    setRun({ kind: "running" });
    setRuns((n) => n + 1);
    try {
      const res = await fetch("/api/simulate", {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": locale },
        body: JSON.stringify(value),
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const err = isRecord(body) && isRecord(body.error) ? body.error : {};
        setRun({ kind: "error", message: typeof err.message === "string" ? err.message : messages.runFailed(res.status), issues: Array.isArray(err.issues) ? (err.issues as ApiIssue[]) : [] });
        return;
      }
      setRun({ kind: "done", trace: body as Trace });
      const q = shareQuery(value, presets);
      setQuery(q);
      // Keep the address bar shareable without adding a history entry per run.
      window.history.replaceState(null, "", `/${locale}/sim?${q}`);
    } catch {
      setRun({ kind: "error", message: messages.network, issues: [] });
    }
  }

  return { run, query, runs, simulate };
}
