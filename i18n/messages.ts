import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "./routing";

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
