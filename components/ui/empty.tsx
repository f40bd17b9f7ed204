import type { ReactNode } from "react";

/**
 * What a list or table shows when it has nothing yet ("No classes yet."): muted text in a
 * paragraph, so it reads as a sentence and not as an error (issue #13: the same `<p>` stood
 * before every list of the app).
 */
export function Empty({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <p className={className ? `text-muted ${className}` : "text-muted"}>{children}</p>;
}
