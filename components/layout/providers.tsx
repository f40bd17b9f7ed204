"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  // Session is read on the client so that static pages (lessons) stay static.
  return <SessionProvider refetchOnWindowFocus={false}>{children}</SessionProvider>;
}
