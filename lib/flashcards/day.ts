import { z } from "zod";

/**
 * Calendar days in the learner's time zone, given as a fixed offset from UTC. The server cannot
 * read the learner's clock, so the caller passes the offset (in a browser:
 * `-new Date().getTimezoneOffset()`, e.g. +480 for China Standard Time). A fixed offset keeps these
 * functions pure; across a DST change a day boundary may be off by an hour, which only moves a
 * card between "due today" and "due tomorrow" for that hour.
 */
export const utcOffsetMinutesSchema = z
  .number()
  .int()
  .min(-12 * 60)
  .max(14 * 60);

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** Midnight (local to the offset) that starts the day containing `at`, as a UTC instant. */
export function startOfDay(at: Date, utcOffsetMinutes = 0): Date {
  const shifted = at.getTime() + utcOffsetMinutes * MINUTE_MS;
  const localMidnight = Math.floor(shifted / DAY_MS) * DAY_MS;
  return new Date(localMidnight - utcOffsetMinutes * MINUTE_MS);
}

/** Midnight that ends the day containing `at` (exclusive upper bound of "today"). */
export function startOfNextDay(at: Date, utcOffsetMinutes = 0): Date {
  return new Date(startOfDay(at, utcOffsetMinutes).getTime() + DAY_MS);
}

/** `YYYY-MM-DD` of the local day containing `at`. */
export function dayKey(at: Date, utcOffsetMinutes = 0): string {
  return new Date(at.getTime() + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}
