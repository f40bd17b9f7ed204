import { switchLocalePath } from "@/i18n/routing";
import type { Translator } from "@/i18n/translator";
import { headerContent, HeaderShell, LanguageLink, MENU_TOGGLE_CLASS, NAV_CLASS, NavLinks, SignedInLinks, SignedOutLinks, THEME_TOGGLE_CLASS, USER_AREA_CLASS } from "./header-parts";
import type { Locale } from "@/lib/core";
import { ROLE_RANK } from "@/lib/core/role";

/**
 * The site header of pages that ship no React runtime (the Pages Router lesson pages, issue #7):
 * the same markup as the App Router's header (header-parts.tsx), made to work without
 * JavaScript.
 * - The small-screen menu is a <details> (`.site-menu` in app/globals.css): it opens and closes
 *   without script, and from the md breakpoint its content is always shown.
 * - The language switch is a plain link to the same page in the other language. It needs no
 *   script to remember the choice: it is a document request, and next-intl's proxy sets the
 *   NEXT_LOCALE cookie on those (next-intl middleware/syncCookie.js); only the App Router's soft
 *   navigations have to set it in the browser (language-switch.tsx).
 * - The dark-mode toggle is hidden until public/lesson.js wires it (theme-toggle.tsx's twin).
 * - Who is signed in is only known in the browser: the HTML shows the signed-out links, and
 *   public/lesson.js swaps in the signed-in part (`data-signed-in`), fills in the name and
 *   reveals the nav items of the user's role (`data-role`, ranked by `data-role-ranks`: the
 *   server's ROLE_RANK from lib/core/role.ts, so the script never restates it). Without JavaScript the visitor sees
 *   the signed-out header.
 */
export function StaticSiteHeader({ locale, pathname, t }: { locale: Locale; pathname: string; t: Translator }) {
  const { items, labels, hrefs, language, theme } = headerContent(locale, t);
  return (
    <HeaderShell locale={locale}>
      <details className="site-menu">
        <summary className={`${MENU_TOGGLE_CLASS} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>{labels.menu}</summary>
        <nav id="main-nav" aria-label={labels.nav} className={`flex ${NAV_CLASS}`} data-role-ranks={JSON.stringify(ROLE_RANK)}>
          <NavLinks items={items} pathname={pathname} hideRoleItems />
        </nav>
        <div className={`flex ${USER_AREA_CLASS}`}>
          {/* Wired and shown by public/lesson.js: without script it could not work. */}
          <button type="button" className={THEME_TOGGLE_CLASS} aria-pressed="false" data-theme-toggle="" hidden>
            {theme.dark}
          </button>
          <LanguageLink href={switchLocalePath(pathname, language.other)} other={language.other} text={language.text} label={language.label} />
          <span className="contents" data-signed-out="" data-session-pending="">
            <SignedOutLinks hrefs={hrefs} labels={labels} />
          </span>
          <span className="contents" data-signed-in="" data-signed-in-as={labels.signedInAs} hidden>
            <SignedInLinks name="" hrefs={hrefs} labels={labels} signOut={{ "data-sign-out": hrefs.signedOut }} />
          </span>
        </div>
      </details>
    </HeaderShell>
  );
}
