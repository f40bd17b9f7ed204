"use client";

import { signOut, useSession } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Link, usePathname } from "@/i18n/navigation";
import { mainNav, roleRank } from "@/lib/site";
import { LanguageSwitch } from "./language-switch";

export function SiteHeader() {
  const t = useTranslations("common");
  const locale = useLocale();
  const pathname = usePathname();
  const { data: session, status } = useSession();
  const [open, setOpen] = useState(false);
  const role = session?.user?.role;
  const items = mainNav.filter((item) => !item.role || (role && roleRank[role] >= roleRank[item.role]));

  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
          tcplab
        </Link>
        <button
          type="button"
          className="ml-auto rounded-md border border-line px-3 py-1.5 text-sm md:hidden"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((v) => !v)}
        >
          {t("nav.menu")}
        </button>
        <nav id="main-nav" aria-label={t("nav.label")} className={`${open ? "flex" : "hidden"} w-full flex-col gap-1 md:flex md:w-auto md:flex-row md:gap-1`}>
          {items.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <Link
                key={item.key}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-50 font-medium text-brand-800" : "text-ink hover:bg-slate-50"}`}
              >
                {t(`nav.${item.key}`)}
              </Link>
            );
          })}
        </nav>
        <div className={`${open ? "flex" : "hidden"} w-full items-center gap-2 md:ml-auto md:flex md:w-auto`}>
          <LanguageSwitch />
          {status === "authenticated" && session.user ? (
            <>
              <Link href="/dashboard" className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50" title={t("user.signedInAs", { name: session.user.name ?? "" })}>
                {session.user.name}
              </Link>
              <button
                type="button"
                className="rounded-md px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50"
                onClick={() => void signOut({ callbackUrl: `/${locale}/signin?signedOut=1` })}
              >
                {t("user.signOut")}
              </button>
            </>
          ) : status === "unauthenticated" ? (
            <>
              <Link href="/signin" className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-50">
                {t("user.signIn")}
              </Link>
              <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                {t("user.signUp")}
              </Link>
            </>
          ) : (
            <span className="inline-block h-8 w-32" aria-hidden="true" />
          )}
        </div>
      </div>
    </header>
  );
}
