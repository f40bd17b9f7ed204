import type { AppProps } from "next/app";
import { BODY_CLASS } from "@/components/layout/site-frame";
import "@/app/globals.css";
// The fonts' @font-face CSS: global CSS and next/font reach a Pages Router page only through
// _app; _document sets the variables on <html>.
import "@/components/layout/fonts";

/**
 * The Pages Router's app shell, for the lesson pages (pages/[locale]/lessons/[slug].tsx): the
 * same stylesheet and fonts as the App Router's locale layout. The Pages Router renders pages
 * inside <div id="__next">, so the body's flex column goes on a wrapper here.
 * @see https://nextjs.org/docs/pages/building-your-application/styling/css
 */
export default function App({ Component, pageProps }: AppProps) {
  return (
    <div className={BODY_CLASS}>
      <Component {...pageProps} />
    </div>
  );
}
