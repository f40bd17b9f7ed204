import Link from "next/link";
import type { ButtonHTMLAttributes, MouseEventHandler, ReactNode } from "react";
import { localePath } from "@/i18n/routing";
import type { Translator } from "@/i18n/translator";
import type { Role } from "@/lib/core/role";
import { mainNav } from "@/lib/site";
import type { Locale } from "@/lib/core";

/**
 * The pieces of the site header, as plain synchronous markup. Two headers are built from them:
 * the App Router's (site-header.tsx + the header-menu.tsx island) and the script-free one of the
 * Pages Router lesson pages (static-site-header.tsx), so both look the same (issue #7).
 */

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

export type HeaderHrefs = { dashboard: string; signIn: string; signUp: string; signedOut: string };

export type HeaderContent = {
  items: HeaderNavItem[];
  labels: HeaderMenuLabels;
  hrefs: HeaderHrefs;
  language: { other: Locale; text: string; label: string };
  /** The dark-mode toggle's label (theme-toggle.tsx; public/lesson.js on static pages). */
  theme: { dark: string };
};

/** Everything the header shows, translated (`t`: `common`): the same for both routers. */
export function headerContent(locale: Locale, t: Translator): HeaderContent {
  return {
    items: mainNav.map((item) => ({ key: item.key, href: localePath(locale, item.href), label: t(`nav.${item.key}`), role: item.role })),
    labels: {
      nav: t("nav.label"),
      menu: t("nav.menu"),
      signIn: t("user.signIn"),
      signUp: t("user.signUp"),
      signOut: t("user.signOut"),
      signedInAs: t("user.signedInAs", { name: "{name}" }),
    },
    hrefs: {
      dashboard: localePath(locale, "/dashboard"),
      signIn: localePath(locale, "/signin"),
      signUp: localePath(locale, "/signup"),
      signedOut: localePath(locale, "/signin?signedOut=1"),
    },
    language: { other: locale === "en" ? "zh" : "en", text: t("language.switchTo"), label: t("language.switchToLabel") },
    theme: { dark: t("theme.dark") },
  };
}

/** Is `pathname` the item's section (the item's page or one below it)? */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The small-screen menu toggle (a <button> in the App Router, a <summary> on script-free pages). */
export const MENU_TOGGLE_CLASS = "ml-auto rounded-md border border-line px-3 py-1.5 text-sm";
export const NAV_CLASS = "w-full flex-col gap-1 md:flex md:w-auto md:flex-row md:gap-1";
/** The dark-mode toggle button: its pressed state is visible, not only announced. */
export const THEME_TOGGLE_CLASS =
  "rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:font-medium aria-pressed:text-brand-800";
export const USER_AREA_CLASS = "w-full items-center gap-2 md:ml-auto md:flex md:w-auto";

export function HeaderShell({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href={localePath(locale, "/")} className="text-lg font-bold tracking-tight text-brand-700">
          tcplab
        </Link>
        {children}
      </div>
    </header>
  );
}

/**
 * The navigation links. `hidden` items (role-gated ones on a static page) stay in the HTML with
 * their `data-role` for the browser to reveal once it knows the visitor's role.
 */
export function NavLinks({ items, pathname, hideRoleItems = false }: { items: HeaderNavItem[]; pathname: string; hideRoleItems?: boolean }) {
  return items.map((item) => {
    const active = isActive(pathname, item.href);
    return (
      <Link
        key={item.key}
        href={item.href}
        aria-current={active ? "page" : undefined}
        hidden={hideRoleItems && item.role !== undefined}
        data-role={hideRoleItems ? item.role : undefined}
        className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-50 font-medium text-brand-800" : "text-ink hover:bg-slate-50"}`}
      >
        {item.label}
      </Link>
    );
  });
}

export function LanguageLink({ href, other, text, label, onClick }: { href: string; other: Locale; text: string; label: string; onClick?: MouseEventHandler<HTMLAnchorElement> }) {
  const lang = other === "zh" ? "zh-CN" : "en";
  return (
    <Link href={href} prefetch={false} onClick={onClick} hrefLang={lang} aria-label={label} className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50" lang={lang}>
      {text}
    </Link>
  );
}

export function SignedOutLinks({ hrefs, labels }: { hrefs: HeaderHrefs; labels: HeaderMenuLabels }) {
  return (
    <>
      <Link href={hrefs.signIn} className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50">
        {labels.signIn}
      </Link>
      <Link href={hrefs.signUp} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong">
        {labels.signUp}
      </Link>
    </>
  );
}

/** The signed-in user's name (to their dashboard) and the sign-out button. */
export function SignedInLinks({
  name,
  hrefs,
  labels,
  signOut,
}: {
  name: string;
  hrefs: HeaderHrefs;
  labels: HeaderMenuLabels;
  signOut: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "children"> & Record<`data-${string}`, string>;
}) {
  return (
    <>
      <Link href={hrefs.dashboard} className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50" title={name ? labels.signedInAs.replace("{name}", name) : undefined} data-user-name="">
        {name}
      </Link>
      <button type="button" className="rounded-md px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50" {...signOut}>
        {labels.signOut}
      </button>
    </>
  );
}
