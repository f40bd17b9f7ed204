"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const subscribeNothing = () => () => {};

/**
 * The link that reopens this run (`/<locale>/sim?<query>`), with a copy button. Its parent
 * remounts it for every run (`key`), which clears the "copied" note.
 */
export function ShareLink({ id, path }: { id: string; path: string }) {
  const t = useTranslations("sim.playground");
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  // The page's origin is only known in the browser; the server renders a relative link.
  const origin = useSyncExternalStore(subscribeNothing, () => window.location.origin, () => "");
  const url = `${origin}${path}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {t("shareLabel")}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-line bg-slate-50 px-3 py-1.5 font-mono text-xs" />
        <Button variant="secondary" onClick={() => void copy()}>
          {t("copy")}
        </Button>
      </div>
      <p className="text-xs text-muted" aria-live="polite">
        {copyState === "copied" ? t("copied") : copyState === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
