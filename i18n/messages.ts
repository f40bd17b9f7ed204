import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "@/lib/core/locale";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Messages are split by feature: messages/<locale>/<namespace>.json, so each feature owns its
 * own file. The file name is the top-level namespace (`quiz.json` → t("quiz.…")).
 */
export function loadMessages(locale: Locale): Messages {
  const hit = cache.get(locale);
  if (hit) return hit;
  const dir = path.join(process.cwd(), "messages", locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    messages[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}

/**
 * The namespaces the client components under app/[locale]/(learn) translate with (useTranslations
 * in components/quiz, components/flashcards, components/interview; i18n/client-messages.test.ts
 * checks the list). The provider serialises its messages into every page's inline payload: all
 * namespaces were 41 KB of a practice question's 56 KB (issue #16).
 */
export const LEARN_CLIENT_NAMESPACES = ["quiz", "flashcards", "interview"] as const;

const picked = new Map<string, Messages>();

/**
 * Only the given namespaces, for a NextIntlClientProvider: what a client component can
 * translate with is serialised into every page under it, so a layout passes what its islands use.
 */
export function clientMessages(locale: Locale, namespaces: readonly string[]): Messages {
  const key = `${locale}:${namespaces.join(",")}`;
  const hit = picked.get(key);
  if (hit) return hit;
  const all = loadMessages(locale);
  const out = Object.fromEntries(namespaces.map((n) => [n, all[n]]));
  picked.set(key, out);
  return out;
}
