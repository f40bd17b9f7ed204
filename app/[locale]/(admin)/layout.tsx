import type { ReactNode } from "react";
import { guardPage } from "@/lib/server/guard";

export default async function AdminLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  await guardPage((await params).locale, "ADMIN");
  return children;
}
