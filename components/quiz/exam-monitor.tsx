"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ActionForm } from "@/components/quiz/action-form";
import { ColumnHeads } from "@/components/ui/column-heads";
import { extendTimeAction, forceFinishAction } from "@/lib/server/actions/quiz-teach";
import type { MonitorSnapshot } from "@/lib/server/quiz/monitor";

const POLL_MS = 3000;

function mmss(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The live exam monitor (issue #15 item 5): polls GET /api/quiz/quizzes/:id/monitor every few
 * seconds (a snapshot is one grouped query, so polling is cheap and needs no open connection per
 * instructor) and renders who started, answered how many, time left, finished. Extend-time and
 * finish act on one student through server actions; the next poll shows their effect.
 */
export function ExamMonitor({ locale, quizId, initial }: { locale: string; quizId: string; initial: MonitorSnapshot }) {
  const t = useTranslations("teach.monitor");
  const format = useFormatter();
  const [snap, setSnap] = useState(initial);
  const [stale, setStale] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch(`/api/quiz/quizzes/${quizId}/monitor`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      setSnap((await res.json()) as MonitorSnapshot);
      setStale(false);
    } catch {
      setStale(true);
    }
  }, [quizId]);

  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  return (
    <div className="flex flex-col gap-4">
      <p role="status" aria-live="polite" className="text-sm text-muted">
        {t("summary", { started: snap.started, finished: snap.finished, total: snap.rows.length })}
        {stale ? ` ${t("stale")}` : ""}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <ColumnHeads className="border-b border-line" cellClassName="py-2" names={[t("student"), t("status"), t("answered"), t("timeLeft"), t("actions")]} />
          <tbody>
            {snap.rows.map((r) => (
              <tr key={r.userId} className="border-b border-line align-top" data-student={r.email}>
                <th scope="row" className="py-2 pr-3 font-medium">
                  {r.name}
                  <span className="block text-xs font-normal text-muted">{r.email}</span>
                </th>
                <td className="py-2 pr-3">
                  {t(`statuses.${r.status}`)}
                  {r.submittedAt ? <span className="block text-xs text-muted">{format.dateTime(new Date(r.submittedAt), { timeStyle: "short" })}</span> : null}
                </td>
                <td className="py-2 pr-3">{t("answeredOf", { answered: r.answered, items: snap.items })}</td>
                <td className="py-2 pr-3">{r.secondsLeft === null ? "—" : mmss(r.secondsLeft)}</td>
                <td className="py-2">
                  {r.status === "inProgress" && r.attemptId ? (
                    <div className="flex flex-col gap-2">
                      <ActionForm action={extendTimeAction.bind(null, locale, quizId, r.attemptId)} label={t("extend")} variant="secondary" className="max-w-xs">
                        <label className="flex items-center gap-2">
                          <span>{t("extendMinutes", { name: r.name })}</span>
                          <input name="minutes" type="number" min={1} max={1440} defaultValue={10} required className="w-20 rounded-md border border-line px-2 py-1" />
                        </label>
                      </ActionForm>
                      <ActionForm action={forceFinishAction.bind(null, locale, quizId, r.attemptId)} label={t("finish", { name: r.name })} variant="ghost" confirmText={t("finishConfirm", { name: r.name })} />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
