import type { ReactNode } from "react";

/**
 * The `<thead>` of a table whose body the Table does not draw (rows written by a script, inputs
 * in every cell, …): one `<th scope="col">` a name, each padded by `cellClassName`, and all but
 * the last kept apart from the next by `gap`, as the Table's own cells are. In a file of its own:
 * the static lesson pages (Pages Router) draw event tables, and the Table's empty state links
 * through next-intl's App Router navigation, which those pages cannot load.
 */
export function ColumnHeads({ names, className, cellClassName = "py-1", gap = "pr-3" }: { names: readonly ReactNode[]; className?: string; cellClassName?: string; gap?: string }) {
  return (
    <thead>
      <tr className={className}>
        {names.map((name, i) => (
          <th key={i} scope="col" className={i < names.length - 1 && gap ? `${cellClassName} ${gap}` : cellClassName}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
