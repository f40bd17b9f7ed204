import { ColumnHeads } from "@/components/ui/column-heads";
import type { Locale } from "@/lib/core/locale";
import type { EventRow } from "@/lib/diagram";
import { words } from "@/lib/diagram";

/**
 * The diagram's events as a table: the text alternative screen-reader users (and anyone who
 * wants exact numbers) read instead of the SVG.
 */
export function EventTable({ rows, caption, locale, omitted = 0, highlightSeqNo }: { rows: EventRow[]; caption: string; locale: Locale; omitted?: number; highlightSeqNo?: number }) {
  const w = words(locale);
  return (
    <div className="overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full border-collapse text-left text-sm" data-testid="event-table">
        <caption className="mb-2 text-left text-sm font-medium text-muted">{caption}</caption>
        <ColumnHeads
          className="border-b border-line"
          cellClassName="py-1 font-semibold"
          names={[<span key="time" className="whitespace-nowrap">{w.timeCol}</span>, w.hostCol, w.eventCol, w.detailsCol]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.seqNo} data-kind={r.kind} className={`border-b border-line/60 align-top ${r.seqNo === highlightSeqNo ? "bg-brand-50 font-semibold" : ""}`}>
              <td className="py-1 pr-3 font-mono text-xs whitespace-nowrap">{r.time}</td>
              <td className="py-1 pr-3 whitespace-nowrap">{r.host}</td>
              <td className={`py-1 pr-3 ${r.kind === "segment" || r.kind === "call" || r.kind === "return" ? "font-mono text-xs" : ""}`}>{r.event}</td>
              <td className="py-1 text-xs text-muted">{r.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {omitted > 0 ? <p className="mt-2 text-sm text-muted">{w.moreRows(omitted)}</p> : null}
    </div>
  );
}
