import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { guardPage } from "@/lib/server/guard";

// Every page in (learn) needs a signed-in user of any role.
export default async function LearnLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  await guardPage((await params).locale, "STUDENT");
  // Its client components translate with next-intl (the locale layout has no provider: issue #7).
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
