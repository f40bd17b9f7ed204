"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { minutesAndSeconds, warningLevel } from "./time-left";

/** Time left as mm:ss (h:mm:ss from an hour), rounded up: a countdown shows 00:00 only at zero. */
export function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/**
 * Time left in an attempt. The server enforces the deadline (answers after it are refused and
 * the attempt is submitted); this only shows it, warns at 5 and 1 minutes through a polite live
 * region, and reloads the page at zero so the server can close the attempt. The warning says
 * the time actually left when it is given (issue #19): a page opened with 3:20 left says "3
 * minutes 20 seconds left", not "five minutes"; it is set once per threshold, so a screen reader
 * hears it once instead of every second.
 */
export function Countdown({ deadline }: { deadline: string }) {
  const t = useTranslations("quiz.attempt");
  const router = useRouter();
  const end = new Date(deadline).getTime();
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, []);

  const left = now === null ? null : end - now;
  const expired = left !== null && left <= 0;
  useEffect(() => {
    if (expired) router.refresh();
  }, [expired, router]);

  const level = left === null || expired ? -1 : warningLevel(left);
  const [warning, setWarning] = useState({ level: -1, text: "" });
  // Adjusting state while rendering when the level changes (React's pattern for state derived
  // from a changing value): the text keeps the time left at the moment the threshold was passed.
  // @see https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes
  if (left !== null && level !== warning.level) {
    const { minutes, seconds } = minutesAndSeconds(left);
    const parts = [minutes ? t("minutes", { n: minutes }) : "", seconds ? t("seconds", { n: seconds }) : ""].filter(Boolean);
    setWarning({ level, text: level < 0 ? "" : t("warning", { time: parts.join(" ") }) });
  }
  return (
    <div className={`rounded-md border px-4 py-2 ${left !== null && left <= 60_000 ? "border-red-200 bg-red-50 text-bad" : "border-line bg-surface"}`}>
      <span className="text-sm">{t("timeLeft")}</span>{" "}
      <span role="timer" aria-live="off" className="font-mono text-lg font-semibold">
        {left === null ? "--:--" : mmss(left)}
      </span>
      <span aria-live="polite" className="sr-only">
        {warning.text}
      </span>
    </div>
  );
}
