import { getTranslations } from "next-intl/server";
import { getTopic } from "@/lib/content/topics";
import { MASTERY_WINDOW, type TopicMastery } from "@/lib/server/quiz/mastery";
import type { Locale } from "@/lib/core";

/**
 * Per-topic mastery (server component): one bar per topic with the mean score of the latest
 * answers, and the number they are based on. The page reads the rows (masteryByTopic in
 * lib/server/quiz/mastery.ts); components never query the database.
 */
export async function Mastery({ rows, locale }: { rows: readonly TopicMastery[]; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "quiz.mastery" });
  const any = rows.some((r) => r.answered > 0);
  return (
    <section aria-labelledby="mastery-heading">
      <h2 id="mastery-heading" className="mb-1 text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="mb-4 text-sm text-muted">{t("intro", { window: MASTERY_WINDOW })}</p>
      {!any ? <p className="text-muted">{t("empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {rows.map((r) => {
          const pct = r.mastery === null ? 0 : Math.round(r.mastery * 100);
          const name = getTopic(r.topic).name[locale];
          return (
            <li key={r.topic} className="grid grid-cols-[10rem_1fr_6rem] items-center gap-3 text-sm sm:grid-cols-[14rem_1fr_8rem]">
              <span className="font-medium">{name}</span>
              <span
                role="meter"
                aria-label={name}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct}
                aria-valuetext={r.mastery === null ? t("none") : t("value", { percent: pct, count: r.answered })}
                className="h-3 overflow-hidden rounded-full bg-slate-100"
              >
                <span className={`block h-full rounded-full ${pct >= 80 ? "bg-ok" : pct >= 50 ? "bg-warn" : "bg-bad"}`} style={{ width: `${pct}%` }} />
              </span>
              <span className="text-muted">{r.mastery === null ? t("none") : t("short", { percent: pct, count: r.answered })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
