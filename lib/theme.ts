/**
 * The reader's colour theme (issue #19): "light" or "dark" when they chose one with the header's
 * toggle, stored in localStorage under THEME_KEY and set as <html data-theme> (app/globals.css
 * switches every colour token on it); absent, the page follows prefers-color-scheme.
 * public/theme.js (App Router pages, before the first paint) and public/lesson.js (the
 * script-free lesson pages) read the same key: they restate it, as plain scripts cannot import.
 */
export const THEME_KEY = "tcplab-theme";
export type Theme = "light" | "dark";
export const DARK_QUERY = "(prefers-color-scheme: dark)";
