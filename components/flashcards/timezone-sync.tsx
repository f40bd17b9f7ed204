"use client";

import { useEffect } from "react";
import { useRouter } from "@/i18n/navigation";

const COOKIE = "tcplab-tz";

/**
 * Tells the server the browser's UTC offset (a cookie read by lib/server/flashcards/timezone.ts)
 * so "today" ends at the learner's midnight. `renderedWith` is the offset the server used for
 * this render (the cookie's, or the locale's default before the cookie exists). The page is
 * rendered again only when that offset was wrong: a refresh replaces the whole page with a
 * render taken at that moment, so an unneeded one could overwrite a card the learner has just
 * answered (seen in e2e/flashcards.spec.ts: the rating buttons vanished and a key press was lost).
 */
export function TimezoneSync({ renderedWith }: { renderedWith: number }) {
  const router = useRouter();
  useEffect(() => {
    const offset = -new Date().getTimezoneOffset();
    const current = document.cookie.match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`))?.[1];
    if (current !== String(offset)) document.cookie = `${COOKIE}=${offset}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    if (offset !== renderedWith) router.refresh();
  }, [router, renderedWith]);
  return null;
}
