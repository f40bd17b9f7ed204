import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

// The sign-in and sign-up forms translate with next-intl (the locale layout has no provider: issue #7).
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
