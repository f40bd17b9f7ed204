import type { ReactNode } from "react";

/**
 * A boxed part of a page. With a `title` it opens with that `<h2>` and, with an `intro`, a
 * muted line under it (the report's calibration and time cards, the export and import cards):
 * the classes set the heading's size and the space below for the page's rhythm.
 */
export function Card({
  children,
  className = "",
  title,
  titleClassName = "mb-1 text-lg font-semibold",
  intro,
  introClassName = "mb-3 text-sm text-muted",
}: {
  children: ReactNode;
  className?: string;
  title?: ReactNode;
  titleClassName?: string;
  intro?: ReactNode;
  introClassName?: string;
}) {
  return (
    <div className={`rounded-lg border border-line bg-surface p-5 shadow-sm ${className}`}>
      {title ? <h2 className={titleClassName}>{title}</h2> : null}
      {intro ? <p className={introClassName}>{intro}</p> : null}
      {children}
    </div>
  );
}
