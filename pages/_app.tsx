import type { AppProps } from "next/app";
import { AppShell } from "@/components/layout/app-shell";
import "@/app/globals.css";
// The fonts' @font-face CSS: global CSS and next/font reach a Pages Router page only through
// _app; _document sets the variables on <html>.
import "@/components/layout/fonts";

/**
 * The Pages Router's app shell, for the lesson and practice question pages (pages/[locale]/…): the
 * same stylesheet and fonts as the App Router's locale layout, and the shell (app-shell.tsx).
 * @see https://nextjs.org/docs/pages/building-your-application/styling/css
 */
export default function App({ Component, pageProps }: AppProps) {
  return (
    <AppShell>
      <Component {...pageProps} />
    </AppShell>
  );
}
