/**
 * Date and time as the quiz pages show them. The app formats in UTC (i18n/request.ts), so the
 * zone is printed: deadlines must not be misread. (Intl forbids timeZoneName together with
 * dateStyle/timeStyle, hence the explicit fields.)
 */
export const DATE_TIME = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;
