"use client";

import { useSyncExternalStore } from "react";
import { DARK_QUERY, THEME_KEY, type Theme } from "@/lib/theme";
import { THEME_TOGGLE_CLASS } from "./header-parts";

const CHANGED = "tcplab-theme-change";

function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === "light" || t === "dark" ? t : null;
  } catch {
    return null;
  }
}

/** <html data-theme> follows the stored choice (another tab may have changed it). */
function apply(): void {
  const theme = storedTheme();
  if (theme) document.documentElement.setAttribute("data-theme", theme);
  else document.documentElement.removeAttribute("data-theme");
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_KEY && e.key !== null) return;
    apply();
    onChange();
  };
  media.addEventListener("change", onChange);
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGED, onChange);
  return () => {
    media.removeEventListener("change", onChange);
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** Is the page dark now: the reader's choice, else the system's. */
function isDark(): boolean {
  const chosen = document.documentElement.getAttribute("data-theme");
  return chosen ? chosen === "dark" : window.matchMedia(DARK_QUERY).matches;
}

/**
 * The header's dark-mode switch (issue #19): a toggle button (aria-pressed) whose choice is kept
 * in localStorage (lib/theme.ts) and applied before the first paint by public/theme.js. The
 * server cannot know the theme, so it renders the button unpressed; the browser's value
 * replaces it at hydration (useSyncExternalStore's server snapshot).
 */
export function ThemeToggle({ label }: { label: string }) {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  return (
    <button
      type="button"
      className={THEME_TOGGLE_CLASS}
      aria-pressed={dark}
      data-theme-toggle=""
      onClick={() => {
        const next: Theme = isDark() ? "light" : "dark";
        try {
          localStorage.setItem(THEME_KEY, next);
        } catch {
          // Storage blocked: the choice lasts for this page only.
        }
        document.documentElement.setAttribute("data-theme", next);
        window.dispatchEvent(new Event(CHANGED));
      }}
    >
      {label}
    </button>
  );
}
