import type { ReactNode } from "react";

// The real root layout is app/[locale]/layout.tsx (it sets <html lang>); this one only exists so
// that app/not-found.tsx can render for paths outside any locale. @see https://next-intl.dev/docs/environments/error-files
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
