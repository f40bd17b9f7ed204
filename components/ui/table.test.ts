import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnHeads } from "./column-heads";
import { Table, type Column } from "./table";

type Row = { id: string; name: string; score: number };
const rows: Row[] = [
  { id: "a", name: "Ada", score: 3 },
  { id: "b", name: "Bo", score: 12 },
];
const columns: Column<Row>[] = [
  { header: "Name", rowHeader: true, cellClassName: "font-normal", cell: (r) => r.name },
  { header: "Score", numeric: true, cell: (r) => r.score },
  { header: "Open", hideHeader: true, cell: (r) => `open ${r.name}` },
];

const html = (props: Record<string, unknown>) => renderToStaticMarkup(createElement(Table<Row>, { rows, columns, ...props } as Parameters<typeof Table<Row>>[0]));

describe("Table", () => {
  it("should name every column with a th scope=col and every row with its row header", () => {
    const out = html({});
    expect(out.match(/<th scope="col"/g)).toHaveLength(3);
    expect(out).toContain('<th scope="row" class="py-2 pr-3 text-left font-normal">Ada</th>');
    expect(out).toContain('<th scope="row" class="py-2 pr-3 text-left font-normal">Bo</th>');
    // The row header's weight is its cells' only: the column header keeps the header weight.
    expect(out).toContain('<th scope="col" class="py-2 pr-3">Name</th>');
  });

  it("should right-align a numeric column, its figures in one width, its header aligned with them", () => {
    const out = html({});
    expect(out).toContain('<th scope="col" class="py-2 pr-3 text-right">Score</th>');
    expect(out).toContain('<td class="py-2 pr-3 text-right font-mono">12</td>');
  });

  it("should keep a hidden header for screen readers", () => {
    expect(html({})).toContain('<span class="sr-only">Open</span>');
  });

  it("should key rows by id, carry their data attributes and scroll in its own box", () => {
    const out = html({ rowData: (r: Row) => ({ "data-row": r.id }) });
    expect(out.startsWith('<div class="relative overflow-x-auto"><table')).toBe(true);
    expect(out).toContain('<tr class="border-b border-line" data-row="a">');
    expect(out).toContain('<tr class="border-b border-line" data-row="b">');
  });

  it("should add a row's own classes when they depend on the row", () => {
    const out = html({ rowClassName: (r: Row) => (r.score > 10 ? "font-semibold" : "") });
    expect(out).toContain('<tr class="border-b border-line">');
    expect(out).toContain('<tr class="border-b border-line font-semibold">');
  });

  it("should show the empty text instead of a table without rows, and a table when asked without one", () => {
    const empty = renderToStaticMarkup(createElement(Table<Row>, { rows: [], columns, empty: "Nothing yet." }));
    expect(empty).toBe('<p class="text-muted">Nothing yet.</p>');
    const bare = renderToStaticMarkup(createElement(Table<Row>, { rows: [], columns, scroll: false }));
    expect(bare.startsWith("<table")).toBe(true);
  });

  it("should name the table with its caption, visible or for screen readers only", () => {
    expect(html({ caption: "Scores", captionClassName: "sr-only" })).toContain('<caption class="sr-only">Scores</caption>');
  });

  it("should label each cell with its column for the phone layout when stacked, string headers only", () => {
    const out = html({ stack: true, scroll: false });
    expect(out).toContain('class="w-full text-left text-sm stack-table"');
    expect(out).toContain('<td class="py-2 pr-3 text-right font-mono" data-label="Score">3</td>');
    expect(out).not.toContain('data-label="Open"');
  });

  it("should head a table it does not draw: a th scope=col a name, all but the last spaced from the next", () => {
    const out = renderToStaticMarkup(createElement(ColumnHeads, { names: ["Host", "State", "Queues"], className: "border-b" }));
    expect(out).toBe('<thead><tr class="border-b"><th scope="col" class="py-1 pr-3">Host</th><th scope="col" class="py-1 pr-3">State</th><th scope="col" class="py-1">Queues</th></tr></thead>');
    expect(renderToStaticMarkup(createElement(ColumnHeads, { names: ["seq", "ack"], cellClassName: "px-2 py-1", gap: "" }))).toBe(
      '<thead><tr><th scope="col" class="px-2 py-1">seq</th><th scope="col" class="px-2 py-1">ack</th></tr></thead>',
    );
  });
});
