import type { ReactNode } from "react";

/**
 * A titled part of a page: `<section>` named by its own `<h2>` (aria-labelledby), so it is a
 * region screen-reader users can jump to (WCAG 1.3.1 and 2.4.6; ARIA `region` needs a name to
 * count as a landmark). The id must be unique on the page.
 * @see https://www.w3.org/TR/wai-aria-1.2/#region
 */
export function Section({
  id,
  title,
  children,
  className,
  headingClassName = "mb-3 text-xl font-semibold",
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  className?: string;
  headingClassName?: string;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
