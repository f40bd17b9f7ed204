import type { ReactNode } from "react";

type Tone = "info" | "success" | "error" | "warning";
const tones: Record<Tone, string> = {
  info: "border-brand-100 bg-brand-50 text-brand-800",
  success: "border-green-200 bg-green-50 text-ok",
  error: "border-red-200 bg-red-50 text-bad",
  warning: "border-amber-200 bg-amber-50 text-warn",
};

/**
 * A message box. Errors use role="alert" so screen readers announce them; note that Next's route
 * announcer also has role="alert" (docs/offline-setup.md), so tests should locate by text.
 */
export function Notice({ tone = "info", children, id }: { tone?: Tone; children: ReactNode; id?: string }) {
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
