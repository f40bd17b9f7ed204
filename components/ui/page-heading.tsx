import type { ReactNode } from "react";

/**
 * A page's title, its one-line introduction and whatever sits beside them: PageHeader's frame
 * (page-header.tsx), without the localized links, whose next-intl navigation module the Pages
 * Router's practice pages (issue #16) cannot load.
 */
export function PageHeading({ title, intro, actions }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        {intro ? <p className="mt-2 max-w-2xl text-muted">{intro}</p> : null}
      </div>
      {actions}
    </div>
  );
}
