"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session";
import type { Role } from "@/lib/server/generated/sqlite/enums";
import { roleRank } from "@/lib/site";

export type HeaderNavItem = { key: string; href: string; label: string; role?: Role };

export type HeaderMenuLabels = {
  nav: string;
  menu: string;
  signIn: string;
  signUp: string;
  signOut: string;
  /** "Signed in as {name}" with the placeholder left in: the name is only known in the browser. */
  signedInAs: string;
};

type Props = {
  items: HeaderNavItem[];
  labels: HeaderMenuLabels;
  /** Locale-prefixed targets of the user links. */
  hrefs: { dashboard: string; signIn: string; signUp: string; signedOut: string };
  languageSwitch: ReactNode;
};

/**
 * The interactive part of the header: the small-screen menu toggle, the navigation (which items
 * a visitor sees depends on the role, known only in the browser on static pages), and the user
 * links. Every string arrives translated from the server (site-header.tsx), so no i18n runtime
 * is shipped for it (issue #7).
 */
export function HeaderMenu({ items, labels, hrefs, languageSwitch }: Props) {
  const pathname = usePathname();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const role = session.status === "authenticated" ? session.user.role : undefined;
  const visible = items.filter((item) => !item.role || (role && roleRank[role] >= roleRank[item.role]));

  async function signOut() {
    // Loaded on click only: next-auth's own sign-out (CSRF token, POST, cross-tab broadcast).
    const { signOut: nextAuthSignOut } = await import("next-auth/react");
    await nextAuthSignOut({ callbackUrl: hrefs.signedOut });
  }

  return (
    <>
      <button
        type="button"
        className="ml-auto rounded-md border border-line px-3 py-1.5 text-sm md:hidden"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen((v) => !v)}
      >
        {labels.menu}
      </button>
      <nav id="main-nav" aria-label={labels.nav} className={`${open ? "flex" : "hidden"} w-full flex-col gap-1 md:flex md:w-auto md:flex-row md:gap-1`}>
        {visible.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.key}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-50 font-medium text-brand-800" : "text-ink hover:bg-slate-50"}`}
            >
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className={`${open ? "flex" : "hidden"} w-full items-center gap-2 md:ml-auto md:flex md:w-auto`}>
        {languageSwitch}
        {session.status === "authenticated" ? (
          <>
            <Link href={hrefs.dashboard} className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50" title={labels.signedInAs.replace("{name}", session.user.name)}>
              {session.user.name}
            </Link>
            <button type="button" className="rounded-md px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50" onClick={() => void signOut()}>
              {labels.signOut}
            </button>
          </>
        ) : session.status === "unauthenticated" ? (
          <>
            <Link href={hrefs.signIn} className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50">
              {labels.signIn}
            </Link>
            <Link href={hrefs.signUp} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              {labels.signUp}
            </Link>
          </>
        ) : (
          <span className="inline-block h-8 w-32" aria-hidden="true" />
        )}
      </div>
    </>
  );
}
