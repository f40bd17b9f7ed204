import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";
import { PageHeading } from "./page-heading";

/**
 * A link beside a page's title: a page of the app (`href` without the locale; the localized Link
 * adds it) or, with `download`, a file from an API route (a plain `<a download>`: those routes
 * are not under a locale). One `primary` link is the page's main action and looks like a button.
 */
export type HeaderLink = { href: string; label: ReactNode; primary?: boolean; download?: boolean };

const PRIMARY = "rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-accent-strong";
const PLAIN = "text-brand-700 underline";

function HeaderLinkView({ href, label, primary, download }: HeaderLink) {
  const className = primary ? PRIMARY : PLAIN;
  return download ? (
    <a href={href} className={className} download>
      {label}
    </a>
  ) : (
    <Link href={href} className={className}>
      {label}
    </Link>
  );
}

/**
 * A page's title, its one-line introduction and its actions: `links` for the usual "back" or
 * "new …" links (issue #13: seven pages wrote the same link markup), `actions` for anything else.
 */
export function PageHeader({ title, intro, actions, links }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode; links?: readonly HeaderLink[] }) {
  return (
    <PageHeading
      title={title}
      intro={intro}
      actions={
        <>
          {links && links.length > 0 ? (
            <span className="flex flex-wrap items-center gap-4 text-sm">
              {links.map((l) => (
                <HeaderLinkView key={l.href} {...l} />
              ))}
            </span>
          ) : null}
          {actions}
        </>
      }
    />
  );
}
