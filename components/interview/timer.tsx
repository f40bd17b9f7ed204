"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The visible clock of the current question, counting up from the server's start time. The
 * server sends the elapsed time at render (not a timestamp) so a skewed client clock cannot
 * distort it; the recorded duration is the server's own (shownAt → answeredAt).
 */
export function InterviewTimer({ elapsedMs, targetMs }: { elapsedMs: number; targetMs: number }) {
  const t = useTranslations("interview.run");
  const [ms, setMs] = useState(elapsedMs);
  useEffect(() => {
    const mounted = performance.now();
    const id = window.setInterval(() => setMs(elapsedMs + performance.now() - mounted), 1000);
    return () => window.clearInterval(id);
  }, [elapsedMs]);
  const over = ms > targetMs;
  return (
    <div className="flex items-baseline gap-2">
      <span className="text-sm text-muted">{t("timer")}</span>
      <span role="timer" aria-label={t("timer")} className={`font-mono text-2xl font-semibold tabular-nums ${over ? "text-warn" : "text-ink"}`}>
        {clock(ms)}
      </span>
      <span className="text-xs text-muted">{t("target", { minutes: Math.round(targetMs / 60_000) })}</span>
    </div>
  );
}
