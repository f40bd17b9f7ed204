import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages, LEARN_CLIENT_NAMESPACES } from "@/i18n/messages";
import { routing } from "@/i18n/routing";
import { guardPage } from "@/lib/server/guard";
import { isLocale } from "@/lib/core";

// Every page in (learn) needs a signed-in user of any role.
export default async function LearnLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  await guardPage(locale, "STUDENT");
  // Its client components translate with next-intl (the locale layout has no provider: issue #7).
  return <NextIntlClientProvider messages={clientMessages(isLocale(locale) ? locale : routing.defaultLocale, LEARN_CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>;
}
