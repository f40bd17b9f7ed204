/** The exam countdown's arithmetic (components/quiz/countdown.tsx), pure for unit tests. */

/** Warnings at these times left (ms): 5 minutes, then 1 minute. */
export const WARN_AT = [5 * 60_000, 60_000] as const;

/** Which warning applies `left` ms before the deadline: the index of the last threshold passed, -1 for none. */
export function warningLevel(left: number): number {
  let level = -1;
  WARN_AT.forEach((at, i) => {
    if (left <= at) level = i;
  });
  return level;
}

/** `ms` as whole minutes and seconds, rounded up to the second as the visible timer shows it. */
export function minutesAndSeconds(ms: number): { minutes: number; seconds: number } {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return { minutes: Math.floor(s / 60), seconds: s % 60 };
}
