import { cookies } from "next/headers";
import { utcOffsetMinutesSchema } from "@/lib/flashcards/day";
import type { Locale } from "@/lib/core";

/**
 * The learner's UTC offset decides where "today" ends (daily limits, due today). The server
 * cannot read the browser's clock, so components/flashcards/timezone-sync.tsx stores
 * `-new Date().getTimezoneOffset()` in this cookie. Until it is set (first page view), the
 * locale's most likely zone is assumed: China Standard Time (+8) for zh, UTC for en.
 */
export const TZ_COOKIE = "tcplab-tz";

export function defaultUtcOffset(locale: Locale): number {
  return locale === "zh" ? 480 : 0;
}

export async function learnerUtcOffset(locale: Locale): Promise<number> {
  const raw = (await cookies()).get(TZ_COOKIE)?.value;
  const parsed = utcOffsetMinutesSchema.safeParse(raw === undefined || raw === "" ? undefined : Number(raw));
  return parsed.success ? parsed.data : defaultUtcOffset(locale);
}
