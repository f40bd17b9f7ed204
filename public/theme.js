// @ts-check
/**
 * Applies the colour theme the reader chose (lib/theme.ts: localStorage "tcplab-theme") to
 * <html data-theme> before the first paint: loaded without defer in the App Router's <head>
 * (app/[locale]/layout.tsx) and the static lesson pages' (pages/[locale]/lessons/[slug].tsx), so a
 * reader who chose the other theme than their system's never sees a flash of it. Without a choice
 * the page follows prefers-color-scheme (app/globals.css). The toggle itself is
 * components/layout/theme-toggle.tsx.
 */
(function () {
  "use strict";
  try {
    var theme = localStorage.getItem("tcplab-theme");
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
  } catch {
    // Storage blocked: follow the system preference.
  }
})();
