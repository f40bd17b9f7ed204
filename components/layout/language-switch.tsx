"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LOCALE_COOKIE, switchLocalePath, type Locale } from "@/i18n/routing";

/**
 * Links to the same page in the other language and remembers the choice in the NEXT_LOCALE
 * cookie, so `/` opens it next time. next-intl's proxy sets that cookie only for document
 * requests; a soft navigation has to set it in the browser, as next-intl's own Link does
 * (navigation/shared/syncLocaleCookie.js, same name, path, max-age and SameSite).
 * @see https://next-intl.dev/docs/routing/configuration#locale-cookie
 */
export function LanguageSwitch({ other, text, label }: { other: Locale; text: string; label: string }) {
  const pathname = usePathname();
  const lang = other === "zh" ? "zh-CN" : "en";
  const { name, maxAge } = LOCALE_COOKIE;
  return (
    <Link
      href={switchLocalePath(pathname, other)}
      prefetch={false}
      onClick={() => {
        document.cookie = `${name}=${other}; path=/; max-age=${maxAge}; SameSite=Lax`;
      }}
      hrefLang={lang}
      aria-label={label}
      className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-slate-50"
      lang={lang}
    >
      {text}
    </Link>
  );
}
