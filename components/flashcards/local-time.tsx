"use client";

import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";

type Style = "datetime" | "date" | "time";

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
};

export function formatLocal(iso: string, locale: string, style: Style = "datetime", timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { ...OPTIONS[style], ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

const subscribe = () => () => {};

/**
 * A date in the learner's own time zone. The server renders it in UTC (it cannot know the zone);
 * once hydrated, the browser formats it locally (useSyncExternalStore's server snapshot keeps the
 * first client render identical to the server's, so hydration never mismatches).
 */
export function LocalTime({ iso, style = "datetime" }: { iso: string; style?: Style }) {
  const locale = useLocale();
  const inBrowser = useSyncExternalStore(subscribe, () => true, () => false);
  const text = inBrowser ? formatLocal(iso, locale, style) : `${formatLocal(iso, locale, style, "UTC")} UTC`;
  return <time dateTime={iso}>{text}</time>;
}
