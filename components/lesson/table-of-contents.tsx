import type { TocEntry } from "@/lib/lessons/pipeline";

/** In-page navigation from the lesson's h2/h3 (ids are the language-independent `{#id}`s). */
export function TableOfContents({ entries, title }: { entries: TocEntry[]; title: string }) {
  if (entries.length === 0) return null;
  return (
    <nav aria-labelledby="toc-title" className="text-sm">
      <h2 id="toc-title" className="font-semibold text-ink">
        {title}
      </h2>
      <ol className="mt-3 space-y-1.5 border-l border-line">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.depth === 3 ? "pl-6" : "pl-3"}>
            <a href={`#${entry.id}`} className="block rounded text-muted hover:text-brand-700 hover:underline">
              {entry.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
