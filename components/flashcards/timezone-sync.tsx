"use client";

import { useEffect } from "react";
import { useRouter } from "@/i18n/navigation";

const COOKIE = "tcplab-tz";

/**
 * Tells the server the browser's UTC offset (a cookie read by lib/server/flashcards/timezone.ts)
 * so "today" ends at the learner's midnight. Re-renders the page once if the offset changed.
 */
export function TimezoneSync() {
  const router = useRouter();
  useEffect(() => {
    const offset = String(-new Date().getTimezoneOffset());
    const current = document.cookie.match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`))?.[1];
    if (current === offset) return;
    document.cookie = `${COOKIE}=${offset}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}
