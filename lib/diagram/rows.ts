/**
 * The trace as rows of an accessible table: the text alternative of the sequence diagram
 * (WCAG 1.1.1), listing the same events — and the ones too fine to draw (delayed-ACK timers).
 */
import type { Locale } from "@/lib/core/locale";
import type { Trace, TraceEvent } from "@/lib/tcp";
import { callText, formatDuration, formatTime, returnText, segmentText, words } from "./text";

export type EventRow = {
  seqNo: number;
  t: number;
  time: string;
  host: string;
  kind: TraceEvent["kind"];
  /** Short: `[SYN] seq=x`, `ESTABLISHED`, `connect(server:80)`. */
  event: string;
  /** Longer: endpoints, fate, cause. */
  details: string;
};

export type RowOptions = {
  untilMs?: number;
  /** Also list timer set/cancel bookkeeping (default: only fires and the long timers). */
  allTimers?: boolean;
  /** At most this many rows (floods produce thousands); `omitted` says how many were left out. */
  limit?: number;
};

function row(ev: TraceEvent, locale: Locale): EventRow {
  const w = words(locale);
  const base = { seqNo: ev.seqNo, t: ev.t, time: formatTime(ev.t), kind: ev.kind };
  switch (ev.kind) {
    case "segment": {
      const details = [`${ev.src} → ${ev.dst}`];
      if (ev.retransmission) details.push(w.retransmission);
      if (ev.fate === "dropped") details.push(w.droppedBy[ev.cause ?? "fault"] ?? w.dropped);
      else if (ev.to === null) details.push(w.droppedBy["no-host"] ?? w.noHost);
      if (ev.copyOf !== undefined) details.push(`${w.droppedBy.duplicate} #${ev.copyOf}`);
      else if (ev.fate === "duplicated") details.push(w.duplicated);
      if (ev.fate === "delayed") details.push(w.delayed);
      if (ev.arriveAt !== null && ev.fate !== "dropped" && ev.to !== null) details.push(`→ ${ev.to} @ ${formatTime(ev.arriveAt)}`);
      if (ev.options) details.push(`win ${ev.win} [${ev.options}]`);
      return { ...base, host: `${ev.from} → ${ev.to ?? ev.dst}`, event: `#${ev.id} ${segmentText(ev)}`, details: details.join(" · ") };
    }
    case "state":
      return { ...base, host: ev.host, event: w.stateChange(ev.from, ev.to), details: `${ev.socket} · ${w.cause[ev.cause] ?? ev.cause}` };
    case "call":
      return { ...base, host: ev.host, event: callText(ev.call, ev.args), details: ev.socket && ev.socket !== ev.sock ? `${ev.sock} (${ev.socket})` : ev.sock };
    case "return": {
      const details: string[] = [ev.sock];
      if (ev.blockedMs > 0) details.push(w.blocked(formatDuration(ev.blockedMs)));
      if (ev.as && ev.accepted) details.push(w.accepted(ev.as, ev.accepted));
      if (ev.data !== undefined) details.push(ev.data === "" ? w.eof : w.received(ev.data));
      if (ev.soError !== undefined) details.push(`SO_ERROR=${ev.soError ?? 0}`);
      return { ...base, host: ev.host, event: `${ev.call}() ${returnText(ev)}`, details: details.join(" · ") };
    }
    case "timer": {
      const details: string[] = [ev.socket];
      if (ev.action === "set" && ev.at !== undefined) details.push(`→ ${formatTime(ev.at)}`);
      if (ev.retries) details.push(w.retries(ev.retries));
      return { ...base, host: ev.host, event: `${w.timer[ev.timer]} ${w.timerAction[ev.action]}`, details: details.join(" · ") };
    }
    case "note":
      return { ...base, host: ev.host ?? "—", event: ev.message[locale], details: ev.socket ?? "" };
  }
}

/** Rows for `<EventTable>`, in trace order. */
export function eventRows(trace: Trace, locale: Locale, options: RowOptions = {}): { rows: EventRow[]; omitted: number } {
  const rows: EventRow[] = [];
  let omitted = 0;
  const limit = options.limit ?? Infinity;
  for (const ev of trace.events) {
    if (options.untilMs !== undefined && ev.t > options.untilMs) break;
    if (ev.kind === "timer" && !options.allTimers && ev.action !== "fire" && !(ev.action === "set" && (ev.timer === "time-wait" || ev.timer === "fin-wait-2"))) continue;
    if (ev.kind === "state" && ev.from === ev.to) continue;
    if (rows.length >= limit) {
      omitted++;
      continue;
    }
    rows.push(row(ev, locale));
  }
  return { rows, omitted };
}
