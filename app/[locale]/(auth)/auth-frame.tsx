import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";

/** The sign-in and sign-up pages: a title, a line of introduction, the form, and the way to the other page. */
export function AuthFrame({ title, intro, children, other }: { title: string; intro: string; children: ReactNode; other: { text: string; href: string; label: string } }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p className="mt-2 mb-6 text-muted">{intro}</p>
      {children}
      <p className="mt-6 text-sm">
        {other.text}{" "}
        <Link href={other.href} className="text-brand-700 underline">
          {other.label}
        </Link>
      </p>
    </div>
  );
}
