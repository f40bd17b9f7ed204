import type { ReactNode } from "react";

/**
 * The one data table of the app (issue #13: the same `<table>` markup was written out on a dozen
 * pages). Columns are data: a header and how to render a row's cell. Headers are real `<th
 * scope="col">` so screen readers announce them with every cell (WCAG 1.3.1, technique H63);
 * a column of links or buttons may hide its header visually but keeps it for assistive tech.
 * Wide tables scroll inside their box at 390 px instead of widening the page, or with `stack`
 * become one block per row on a phone, each cell under its column's name (`.stack-table` in
 * app/globals.css).
 */
export type Column<R> = {
  /** Header text: the column's name for everyone, including screen readers. */
  header: ReactNode;
  /** Keep the header for assistive technology only (e.g. a column of "Results" links). */
  hideHeader?: boolean;
  cell: (row: R, index: number) => ReactNode;
  /** Extra classes for this column's header and cells (alignment, monospace …). */
  className?: string;
};

export function Table<R>({
  columns,
  rows,
  rowKey,
  caption,
  cellClassName = "py-2 pr-3",
  className = "",
  rowClassName = "",
  scroll = true,
  stack = false,
}: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string;
  caption?: ReactNode;
  /** Padding of every header and cell. */
  cellClassName?: string;
  className?: string;
  /** Extra classes for every body row (e.g. "align-top" for cells with lists). */
  rowClassName?: string;
  /** Wrap in a horizontally scrolling box (default). */
  scroll?: boolean;
  /** Below the sm breakpoint, one stacked block per row instead of columns (issue #19). */
  stack?: boolean;
}) {
  const table = (
    <table className={`w-full text-left text-sm ${stack ? "stack-table" : ""} ${className}`}>
      {caption ? <caption className="mb-2 text-left font-medium">{caption}</caption> : null}
      <thead>
        <tr className="border-b border-line">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={`${cellClassName} ${c.className ?? ""}`}>
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} className={`border-b border-line ${rowClassName}`}>
            {columns.map((c, i) => (
              <td key={i} className={`${cellClassName} ${c.className ?? ""}`} data-label={stack && !c.hideHeader && typeof c.header === "string" ? c.header : undefined}>
                {c.cell(row, r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className="overflow-x-auto">{table}</div> : table;
}
