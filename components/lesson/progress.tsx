"use client";

import Link from "next/link";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import type { LessonProgressEntry } from "@/lib/server/progress";

/**
 * Lesson progress in the browser. The lesson pages are static (one HTML for every visitor), so
 * a signed-in reader's progress is fetched from /api/progress after the page loads. Strings come
 * translated from the server page as props: no i18n runtime is shipped for them (issue #7).
 */

type LoadState = "anonymous" | "pending" | "ready" | "error";

type ProgressContextValue = {
  state: LoadState;
  completed: ReadonlySet<string>;
  saving: boolean;
  saveFailed: boolean;
  setComplete: (slug: string, complete: boolean) => Promise<void>;
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
  const [saving, setSaving] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);

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

  const setComplete = useCallback(async (slug: string, complete: boolean) => {
    setSaving(true);
    setSaveFailed(false);
    try {
      const response = await fetch("/api/progress", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug, complete }),
      });
      setLoaded({ state: "ready", completed: await readProgress(response) });
    } catch {
      setSaveFailed(true);
    } finally {
      setSaving(false);
    }
  }, []);

  const value = useMemo<ProgressContextValue>(() => {
    const state: LoadState = status === "unauthenticated" ? "anonymous" : status === "loading" || !loaded ? "pending" : loaded.state;
    return { state, completed: loaded?.completed ?? new Set(), saving, saveFailed, setComplete };
  }, [status, loaded, saving, saveFailed, setComplete]);

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

export type MarkCompleteLabels = { signIn: string; done: string; mark: string; unmark: string; saving: string; failed: string; loadFailed: string };

/** The lesson page's "mark as complete" control (or a sign-in link for anonymous readers). */
export function MarkComplete({ slug, signInHref, labels }: { slug: string; signInHref: string; labels: MarkCompleteLabels }) {
  const { state, completed, saving, saveFailed, setComplete } = useProgress();
  if (state === "anonymous") {
    return (
      <Link href={signInHref} className="font-medium text-brand-700 underline underline-offset-2">
        {labels.signIn}
      </Link>
    );
  }
  const done = completed.has(slug);
  return (
    <div className="flex flex-wrap items-center gap-3">
      {done ? (
        <p className="inline-flex items-center gap-1 font-medium text-ok">
          <span aria-hidden="true">✓</span> {labels.done}
        </p>
      ) : null}
      <Button variant={done ? "secondary" : "primary"} disabled={state !== "ready" || saving} onClick={() => void setComplete(slug, !done)}>
        {done ? labels.unmark : labels.mark}
      </Button>
      <span aria-live="polite" className="text-sm">
        {saving ? <span className="text-muted">{labels.saving}</span> : null}
        {saveFailed ? <span className="text-bad">{labels.failed}</span> : null}
        {state === "error" ? <span className="text-bad">{labels.loadFailed}</span> : null}
      </span>
    </div>
  );
}
