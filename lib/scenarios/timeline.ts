/**
 * An event table (what the student may see of a trace): calls, returns and segments up to a
 * time, with socket states left out — states are what the questions ask about.
 * Cells are language-neutral notation (→ sent, ← received, ✗ lost); column titles are localized.
 */
import type { CallEvent, ReturnEvent, SegmentEvent, Trace } from "@/lib/tcp";
import type { Localized } from "@/lib/core";
import { fmtMs } from "./trace-query";

export const EVENT_COLUMNS: Localized[] = [
  { en: "t (ms)", zh: "t（ms）" },
  { en: "host", zh: "主机" },
  { en: "event (→ sent, ← received, ✗ lost)", zh: "事件（→ 发送，← 收到，✗ 丢失）" },
];

export function formatCall(e: CallEvent): string {
  const a = e.args;
  const s = (k: string) => (a[k] === undefined || a[k] === null ? undefined : String(a[k]));
  switch (e.call) {
    case "connect":
      return `connect(${s("to") ?? ""})`;
    case "bind":
      return `bind(${s("ip") ? `${s("ip")}:` : ""}${s("port") ?? ""})`;
    case "listen":
      return `listen(${s("backlog") ?? ""})`;
    case "send":
      return `send(${s("bytes") ? `${s("bytes")} bytes` : s("data") !== undefined ? JSON.stringify(s("data")) : ""})`;
    case "shutdown":
      return `shutdown(${s("how") ?? ""})`;
    case "setsockopt":
      return `setsockopt(${s("opt") ?? ""}, ${a.value === true ? 1 : a.value === false ? 0 : (s("value") ?? "")}${s("opt") === "SO_LINGER" ? `, linger=${s("linger") ?? 0}` : ""})`;
    default:
      return `${e.call}()`;
  }
}

export function formatReturn(e: ReturnEvent): string {
  if (e.errno) return `${e.call}() = -1 ${e.errno}`;
  if (e.call === "recv" && e.value === 0) return "recv() = 0 (EOF)";
  return `${e.call}() = ${e.value ?? ""}`;
}

export function formatSent(s: SegmentEvent): string {
  return `→ [${s.flags.join(",")}] ${s.label}${s.len ? ` len=${s.len}` : ""}${s.fate === "dropped" ? " ✗" : ""}${s.retransmission ? " (retransmission)" : ""}`;
}

export function formatReceived(s: SegmentEvent): string {
  return `← [${s.flags.join(",")}] ${s.label}${s.len ? ` len=${s.len}` : ""}`;
}

type Row = { t: number; order: number; cells: string[] };

/**
 * Rows for every call, every return of a call that blocked (or failed), every segment sent
 * and every segment received before `until` (ms), in time order: strictly before by default,
 * up to and including `until` with `inclusive` (a question that says "up to t" must show what
 * happens at exactly t).
 */
export function eventRows(trace: Trace, until: number, opts: { hosts?: string[]; hideCalls?: string[]; inclusive?: boolean } = {}): string[][] {
  const rows: Row[] = [];
  const show = (h: string | null) => h !== null && (opts.hosts === undefined || opts.hosts.includes(h));
  const upTo = (t: number) => (opts.inclusive ? t <= until : t < until);
  for (const e of trace.events) {
    if (e.kind === "call" && upTo(e.t) && show(e.host) && !(opts.hideCalls ?? []).includes(e.call))
      rows.push({ t: e.t, order: e.seqNo * 2, cells: [fmtMs(e.t), e.host, formatCall(e)] });
    else if (e.kind === "return" && upTo(e.t) && show(e.host) && (e.blockedMs > 0 || e.errno !== null) && !(opts.hideCalls ?? []).includes(e.call))
      rows.push({ t: e.t, order: e.seqNo * 2, cells: [fmtMs(e.t), e.host, formatReturn(e)] });
    else if (e.kind === "segment") {
      if (upTo(e.t) && show(e.from)) rows.push({ t: e.t, order: e.seqNo * 2, cells: [fmtMs(e.t), e.from, formatSent(e)] });
      if (e.fate !== "dropped" && e.arriveAt !== null && upTo(e.arriveAt) && show(e.to))
        rows.push({ t: e.arriveAt, order: e.seqNo * 2 + 1, cells: [fmtMs(e.arriveAt), e.to ?? "", formatReceived(e)] });
    }
  }
  rows.sort((p, q) => p.t - q.t || p.order - q.order);
  return rows.map((r) => r.cells);
}
