import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";

/**
 * The classes that define the font variables. They go on <html>: app/globals.css defines
 * `--font-sans: var(--font-geist-sans), …` on :root, where the variable must already exist.
 * Used by the App Router's locale layout and the Pages Router's _document; pages/_app imports
 * this module too, since only there does the fonts' CSS reach a Pages Router page.
 */
export const FONT_VARIABLES = `${GeistSans.variable} ${GeistMono.variable}`;
