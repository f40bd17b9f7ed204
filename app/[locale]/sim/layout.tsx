import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

// The playground translates with next-intl (the locale layout has no provider: issue #7).
export default function SimLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
