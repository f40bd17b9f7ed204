import { Head, Html, Main, NextScript, type DocumentProps } from "next/document";
import { FONT_VARIABLES } from "@/components/layout/fonts";
import { htmlLang } from "@/components/layout/site-frame";

/**
 * <html lang> per page: the locale is the route's first segment (`/[locale]/…`), which Next
 * passes in the document's query. NextScript adds nothing on pages with
 * `unstable_runtimeJS: false` (no __NEXT_DATA__, no chunks), but the Pages Router requires it.
 */
export default function Document({ __NEXT_DATA__ }: DocumentProps) {
  const locale = __NEXT_DATA__.query.locale;
  return (
    <Html lang={htmlLang(typeof locale === "string" ? locale : "en")} className={FONT_VARIABLES}>
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
