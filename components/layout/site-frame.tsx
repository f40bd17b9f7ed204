import type { ReactNode } from "react";
import type { Translator } from "@/i18n/translator";

export type SiteFrameLabels = { skipToContent: string; footerAbout: string; footerSource: string };

/**
 * Skip link, header, main landmark and footer: the page frame shared by the App Router's locale
 * layout and the Pages Router's lesson pages (issue #7), so both have the same landmarks.
 */
export function SiteFrame({ header, labels, children }: { header: ReactNode; labels: SiteFrameLabels; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-surface focus:px-4 focus:py-2">
        {labels.skipToContent}
      </a>
      {header}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10">
        {children}
      </main>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted">
          <p>{labels.footerAbout}</p>
          <p className="mt-1">{labels.footerSource}</p>
        </div>
      </footer>
    </>
  );
}

/** The frame's strings from a `common` translator. */
export function siteFrameLabels(t: Translator): SiteFrameLabels {
  return { skipToContent: t("skipToContent"), footerAbout: t("footer.about"), footerSource: t("footer.source") };
}

/** `<html lang>` of a locale (BCP 47: Simplified Chinese is zh-CN). */
export function htmlLang(locale: string): string {
  return locale === "zh" ? "zh-CN" : "en";
}

/** The classes of the document body: fonts are set on <html> by the caller. */
export const BODY_CLASS = "flex min-h-screen flex-col font-sans antialiased";
