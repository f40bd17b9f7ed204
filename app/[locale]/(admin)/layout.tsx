import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { guardPage } from "@/lib/server/guard";

export default async function AdminLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  await guardPage((await params).locale, "ADMIN");
  // Its client components translate with next-intl (the locale layout has no provider: issue #7).
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
