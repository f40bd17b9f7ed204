import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";
import { Card } from "./card";

/** One card of a grid: a title, a short text and, where there is somewhere to go, a link. */
export type Tile = {
  key: string;
  title: ReactNode;
  body: ReactNode;
  /** A small line above the body (e.g. the lesson a scenario family practises). */
  eyebrow?: ReactNode;
  href?: string;
  action?: ReactNode;
  /**
   * Said after the action by screen readers only, so that several "Start" links on one page
   * tell apart out of context (WCAG 2.4.4, technique G53).
   */
  actionContext?: ReactNode;
};

/**
 * A grid of cards of the same shape, the link of each at its foot however long its text (issue
 * #13: the dashboard, the instructor's home, the practice area and the home page each wrote the
 * same card markup). `heading` keeps the outline: h2 under the page's h1, h3 under a section's h2.
 */
export function Tiles({ tiles, heading: Heading = "h2", className = "grid gap-4 md:grid-cols-2 lg:grid-cols-3" }: { tiles: readonly Tile[]; heading?: "h2" | "h3"; className?: string }) {
  return (
    <ul className={className}>
      {tiles.map((tile) => (
        <li key={tile.key}>
          <Card className="flex h-full flex-col">
            <Heading className="font-semibold">{tile.title}</Heading>
            {tile.eyebrow !== undefined ? <p className="mt-1 text-xs uppercase tracking-wide text-muted">{tile.eyebrow}</p> : null}
            <p className="mt-2 flex-1 text-sm text-muted">{tile.body}</p>
            {tile.href ? (
              <Link href={tile.href} className="mt-4 text-sm font-medium text-brand-700 underline">
                {tile.action}
                {tile.actionContext ? <span className="sr-only">: {tile.actionContext}</span> : null}
              </Link>
            ) : null}
          </Card>
        </li>
      ))}
    </ul>
  );
}
