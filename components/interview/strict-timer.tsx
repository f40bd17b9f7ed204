"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { mmss } from "@/components/quiz/countdown";
import { useRouter } from "@/i18n/navigation";

/**
 * The strict timer's countdown from `strictMs` (the time left, computed by the server at render):
 * the time left, and whether it is up. The server keeps the time (lib/server/interview/sessions.ts);
 * this only shows it and lets the page act at zero.
 */
export function useStrictCountdown(strictMs: number | undefined): { left: number | undefined; timeUp: boolean } {
  const [left, setLeft] = useState(strictMs);
  const [timeUp, setTimeUp] = useState(false);
  useEffect(() => {
    if (strictMs === undefined) return;
    const start = performance.now();
    const id = window.setInterval(() => {
      const remaining = strictMs - (performance.now() - start);
      setLeft(remaining);
      if (remaining <= 0) {
        window.clearInterval(id);
        setTimeUp(true);
      }
    }, 250);
    return () => window.clearInterval(id);
  }, [strictMs]);
  return { left, timeUp };
}

/** "Time left 01:23", red under 30 s, and at zero what happens now (`upText`), announced. */
export function StrictTimerDisplay({ left, timeUp, upText, children }: { left: number; timeUp: boolean; upText: string; children?: React.ReactNode }) {
  const t = useTranslations("interview.run");
  return (
    <div className="flex items-baseline gap-2" data-testid="strict-timer">
      <span className="text-sm text-muted">{t("strictLeft")}</span>
      <span role="timer" aria-label={t("strictLeft")} className={`font-mono text-2xl font-semibold tabular-nums ${left < 30_000 ? "text-bad" : "text-ink"}`}>
        {mmss(left)}
      </span>
      {timeUp ? (
        <span role="status" className="text-sm font-medium text-bad">
          {upText}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/**
 * A scenario question's strict timer. At zero the question ends on the server (expireScenario,
 * once the grace for an answer already on its way has passed); the page then reloads itself to
 * show the next step. Stopping this script changes nothing: the server ends the question at the
 * next request either way.
 */
export function ScenarioStrictTimer({ strictMs, graceMs }: { strictMs: number; graceMs: number }) {
  const t = useTranslations("interview.run");
  const router = useRouter();
  const { left, timeUp } = useStrictCountdown(strictMs);
  useEffect(() => {
    if (!timeUp) return;
    const id = window.setTimeout(() => router.refresh(), graceMs + 500);
    return () => window.clearTimeout(id);
  }, [timeUp, graceMs, router]);
  return <StrictTimerDisplay left={left ?? strictMs} timeUp={timeUp} upText={t("strictUpScenario")} />;
}
