"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";

const SECTIONS = [
  { key: "review", href: "/flashcards" },
  { key: "cards", href: "/flashcards/cards" },
  { key: "stats", href: "/flashcards/stats" },
  { key: "settings", href: "/flashcards/settings" },
] as const;

/** Tabs between the flashcard pages; the current one is marked for assistive technology. */
export function FlashcardsNav() {
  const t = useTranslations("flashcards.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mb-6 border-b border-line">
      <ul className="flex flex-wrap gap-1">
        {SECTIONS.map((s) => {
          const active = s.href === "/flashcards" ? pathname === s.href : pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.key}>
              <Link
                href={s.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm ${active ? "border-brand-600 font-medium text-brand-800" : "border-transparent text-ink hover:border-line"}`}
              >
                {t(s.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
