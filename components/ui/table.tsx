import type { ReactNode } from "react";
import { Empty } from "./empty";

/**
 * The one data table of the app (issue #13: the same `<table>` markup was written out on a dozen
 * pages). Columns are data: a header and how to render a row's cell. Headers are real `<th
 * scope="col">` so screen readers announce them with every cell (WCAG 1.3.1, technique H63);
 * a column of links or buttons may hide its header visually but keeps it for assistive tech, and
 * a `rowHeader` column names its row (`<th scope="row">`, H63 again). Wide tables scroll inside
 * their box at 390 px instead of widening the page, or with `stack` become one block per row on a
 * phone, each cell under its column's name (`.stack-table` in app/globals.css).
 */
export type Column<R> = {
  /** Header text: the column's name for everyone, including screen readers. */
  header: ReactNode;
  /** Keep the header for assistive technology only (e.g. a column of "Results" links). */
  hideHeader?: boolean;
  cell: (row: R, index: number) => ReactNode;
  /** Counts and scores: right-aligned, and the cells in figures of one width (font-mono). */
  numeric?: boolean;
  /** The cell names its row: `<th scope="row">` instead of `<td>`. */
  rowHeader?: boolean;
  /** Extra classes for this column's header and cells (alignment, width …). */
  className?: string;
  /** Extra classes for its body cells only (e.g. a row header's weight). */
  cellClassName?: string;
};

/** `data-*` attributes of a body row, for tests and scripts that find a row by its record. */
export type RowData = Record<`data-${string}`, string>;

/** A row's key is its `id` where it has one; rows without one say how to key them. */
type RowKey<R> = R extends { id: string } ? { rowKey?: (row: R, index: number) => string } : { rowKey: (row: R, index: number) => string };

export function Table<R>({
  columns,
  rows,
  rowKey = (row) => (row as { id: string }).id,
  rowData,
  caption,
  captionClassName = "mb-2 text-left font-medium",
  empty,
  cellClassName = "py-2 pr-3",
  className = "",
  width = "w-full",
  rowClassName = "",
  scroll = true,
  scrollClassName = "relative overflow-x-auto",
  stack = false,
}: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowData?: (row: R) => RowData;
  /** The table's name (`<caption>`); `captionClassName="sr-only"` names it for screen readers only. */
  caption?: ReactNode;
  captionClassName?: string;
  /** Shown instead of the table when there are no rows (the table is not rendered). */
  empty?: ReactNode;
  /** Padding of every header and cell. */
  cellClassName?: string;
  className?: string;
  /** "w-full" (default), or "w-auto" for a small table that keeps to its content. */
  width?: "w-full" | "w-auto";
  /** Extra classes for every body row (e.g. "align-top" for cells with lists), or by row (e.g. the current one in bold). */
  rowClassName?: string | ((row: R) => string);
  /**
   * Wrap in a scrolling box (default, horizontally; `scrollClassName` for another box). The box
   * is positioned (`relative`) so that it is the containing block of the visually hidden
   * (`sr-only`, position: absolute) header and link texts in its cells: otherwise they are placed
   * against the page and, in a table wider than a phone, widen the page past 390 px.
   * @see https://www.w3.org/TR/CSS2/visudet.html#containing-block-details
   */
  scroll?: boolean;
  scrollClassName?: string;
  /** Below the sm breakpoint, one stacked block per row instead of columns (issue #19). */
  stack?: boolean;
} & RowKey<R>) {
  if (empty !== undefined && rows.length === 0) return <Empty>{empty}</Empty>;
  const classes = (c: Column<R>, part: "th" | "td") =>
    [cellClassName, c.numeric ? (part === "td" ? "text-right font-mono" : "text-right") : "", c.rowHeader && part === "td" ? "text-left" : "", c.className ?? "", part === "td" ? (c.cellClassName ?? "") : ""].filter(Boolean).join(" ");
  const rowClasses = (row: R) => {
    const extra = typeof rowClassName === "function" ? rowClassName(row) : rowClassName;
    return extra ? `border-b border-line ${extra}` : "border-b border-line";
  };
  const table = (
    <table className={[width, "text-left text-sm", stack ? "stack-table" : "", className].filter(Boolean).join(" ")}>
      {caption ? <caption className={captionClassName}>{caption}</caption> : null}
      <thead>
        <tr className="border-b border-line">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={classes(c, "th")}>
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} className={rowClasses(row)} {...rowData?.(row)}>
            {columns.map((c, i) => {
              const label = stack && !c.hideHeader && typeof c.header === "string" ? c.header : undefined;
              return c.rowHeader ? (
                <th key={i} scope="row" className={classes(c, "td")} data-label={label}>
                  {c.cell(row, r)}
                </th>
              ) : (
                <td key={i} className={classes(c, "td")} data-label={label}>
                  {c.cell(row, r)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className={scrollClassName}>{table}</div> : table;
}
