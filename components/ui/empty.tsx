import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";

/**
 * What a list or table shows when it has nothing yet ("No classes yet."): muted text in a
 * paragraph, so it reads as a sentence and not as an error, and where there is one, the link to
 * the page that fills it ("Create a class") (issue #13: the same `<p>` stood before every list of
 * the app).
 */
export function Empty({ children, link, className = "" }: { children: ReactNode; link?: { href: string; label: ReactNode }; className?: string }) {
  return (
    <p className={className ? `text-muted ${className}` : "text-muted"}>
      {children}
      {link ? (
        <>
          {" "}
          <Link href={link.href} className="text-brand-700 underline">
            {link.label}
          </Link>
        </>
      ) : null}
    </p>
  );
}
