import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { guardPage } from "@/lib/server/guard";

// Instructor area: instructors and admins only; a student gets the 403 page.
export default async function TeachLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  await guardPage((await params).locale, "INSTRUCTOR");
  // Its client components translate with next-intl (the locale layout has no provider: issue #7).
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
