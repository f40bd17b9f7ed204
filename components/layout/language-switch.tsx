"use client";

import { usePathname } from "next/navigation";
import { LOCALE_COOKIE, switchLocalePath } from "@/i18n/routing";
import { LanguageLink } from "./header-parts";
import type { Locale } from "@/lib/core";

/**
 * Links to the same page in the other language and remembers the choice in the NEXT_LOCALE
 * cookie, so `/` opens it next time. next-intl's proxy sets that cookie only for document
 * requests; a soft navigation has to set it in the browser, as next-intl's own Link does
 * (navigation/shared/syncLocaleCookie.js, same name, path, max-age and SameSite).
 * @see https://next-intl.dev/docs/routing/configuration#locale-cookie
 */
export function LanguageSwitch({ other, text, label }: { other: Locale; text: string; label: string }) {
  // Typed nullable since the project also has a pages/ folder; in the App Router it is always set.
  const pathname = usePathname() ?? "/";
  const { name, maxAge } = LOCALE_COOKIE;
  return (
    <LanguageLink
      href={switchLocalePath(pathname, other)}
      other={other}
      text={text}
      label={label}
      onClick={() => {
        document.cookie = `${name}=${other}; path=/; max-age=${maxAge}; SameSite=Lax`;
      }}
    />
  );
}
