"use client";

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session";
import type { LessonProgressEntry } from "@/lib/server/progress";

/**
 * Lesson progress in the browser, for the course list (app/[locale]/lessons): the page is static
 * (one HTML for every visitor), so a signed-in reader's progress is fetched from /api/progress
 * after the page loads. The lesson pages themselves ship no React and mark a lesson complete
 * with public/lesson.js (lesson-completion.tsx). Strings come translated from the server page as
 * props: no i18n runtime is shipped for them (issue #7).
 */

type LoadState = "anonymous" | "pending" | "ready" | "error";

type ProgressContextValue = {
  state: LoadState;
  completed: ReadonlySet<string>;
};

const ProgressContext = createContext<ProgressContextValue | null>(null);

function useProgress(): ProgressContextValue {
  const value = useContext(ProgressContext);
  if (!value) throw new Error("useProgress outside <ProgressProvider>");
  return value;
}

async function readProgress(response: Response): Promise<Set<string>> {
  if (!response.ok) throw new Error(`progress: HTTP ${response.status}`);
  const body = (await response.json()) as { progress: LessonProgressEntry[] };
  return new Set(body.progress.map((p) => p.slug));
}

export function ProgressProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const [loaded, setLoaded] = useState<{ state: "ready" | "error"; completed: Set<string> } | null>(null);

  useEffect(() => {
    if (status !== "authenticated") return;
    let cancelled = false;
    fetch("/api/progress", { cache: "no-store" })
      .then(readProgress)
      .then(
        (completed) => !cancelled && setLoaded({ state: "ready", completed }),
        () => !cancelled && setLoaded({ state: "error", completed: new Set() }),
      );
    return () => {
      cancelled = true;
    };
  }, [status]);

  const value = useMemo<ProgressContextValue>(() => {
    const state: LoadState = status === "unauthenticated" ? "anonymous" : status === "loading" || !loaded ? "pending" : loaded.state;
    return { state, completed: loaded?.completed ?? new Set() };
  }, [status, loaded]);

  return <ProgressContext.Provider value={value}>{children}</ProgressContext.Provider>;
}

/** "Completed" / "Not completed yet" beside a lesson in the list; nothing for anonymous readers. */
export function ProgressBadge({ slug, labels }: { slug: string; labels: { done: string; notDone: string } }) {
  const { state, completed } = useProgress();
  if (state !== "ready") return null;
  return completed.has(slug) ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-green-50 px-2.5 py-0.5 text-sm font-medium text-ok">
      <span aria-hidden="true">✓</span>
      <span>{labels.done}</span>
    </span>
  ) : (
    <span className="inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-sm text-muted">{labels.notDone}</span>
  );
}

/**
 * "3 of 7 lessons completed", announced politely when it appears. `summaries[n]` is the sentence
 * for n lessons done (0…slugs.length), formatted on the server with the locale's plural rules.
 */
export function ProgressSummary({ slugs, summaries, loadFailed }: { slugs: string[]; summaries: string[]; loadFailed: string }) {
  const { state, completed } = useProgress();
  const done = slugs.filter((s) => completed.has(s)).length;
  return (
    <div aria-live="polite" className="min-h-6">
      {state === "ready" ? <p className="font-medium text-ink">{summaries[done]}</p> : null}
      {state === "error" ? <p className="text-bad">{loadFailed}</p> : null}
    </div>
  );
}
