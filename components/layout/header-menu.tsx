"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session";
import { roleAtLeast } from "@/lib/core/role";
import { MENU_TOGGLE_CLASS, NAV_CLASS, NavLinks, SignedInLinks, SignedOutLinks, USER_AREA_CLASS, type HeaderHrefs, type HeaderMenuLabels, type HeaderNavItem } from "./header-parts";

type Props = {
  items: HeaderNavItem[];
  labels: HeaderMenuLabels;
  /** Locale-prefixed targets of the user links. */
  hrefs: HeaderHrefs;
  languageSwitch: ReactNode;
  themeToggle: ReactNode;
};

/**
 * The interactive part of the header: the small-screen menu toggle, the navigation (which items
 * a visitor sees depends on the role, known only in the browser on static pages), and the user
 * links. Every string arrives translated from the server (site-header.tsx), so no i18n runtime
 * is shipped for it (issue #7). The markup is header-parts.tsx's, shared with the script-free
 * header of the lesson pages.
 */
export function HeaderMenu({ items, labels, hrefs, languageSwitch, themeToggle }: Props) {
  // Typed nullable since the project also has a pages/ folder; in the App Router it is always set.
  const pathname = usePathname() ?? "/";
  const session = useSession();
  const [open, setOpen] = useState(false);
  const role = session.status === "authenticated" ? session.user.role : undefined;
  const visible = items.filter((item) => !item.role || (role && roleAtLeast(role, item.role)));

  async function signOut() {
    // Loaded on click only: next-auth's own sign-out (CSRF token, POST, cross-tab broadcast).
    const { signOut: nextAuthSignOut } = await import("next-auth/react");
    await nextAuthSignOut({ callbackUrl: hrefs.signedOut });
  }

  return (
    <>
      <button type="button" className={`${MENU_TOGGLE_CLASS} md:hidden`} aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen((v) => !v)}>
        {labels.menu}
      </button>
      <nav id="main-nav" aria-label={labels.nav} className={`${open ? "flex" : "hidden"} ${NAV_CLASS}`}>
        <NavLinks items={visible} pathname={pathname} />
      </nav>
      <div className={`${open ? "flex" : "hidden"} ${USER_AREA_CLASS}`}>
        {themeToggle}
        {languageSwitch}
        {session.status === "authenticated" ? (
          <SignedInLinks name={session.user.name} hrefs={hrefs} labels={labels} signOut={{ onClick: () => void signOut() }} />
        ) : session.status === "unauthenticated" ? (
          <SignedOutLinks hrefs={hrefs} labels={labels} />
        ) : (
          <span className="inline-block h-8 w-32" aria-hidden="true" />
        )}
      </div>
    </>
  );
}
