import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { locales } from "@/lib/core/locale";

/** Every leaf key path of a message tree ("auth.errors.emailTaken"). */
function leafKeys(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe("UI messages", () => {
  it("should have the same namespace files in every language", () => {
    const files = locales.map((l) => readdirSync(path.join(process.cwd(), "messages", l)).sort());
    for (const list of files) expect(list).toEqual(files[0]);
  });

  it("should have every key in both languages, and no empty string", () => {
    const [en, zh] = locales.map((l) => leafKeys(loadMessages(l)).sort());
    expect(zh).toEqual(en);
    for (const l of locales) {
      const empty = leafKeys(loadMessages(l)).filter((k) => {
        const value = k.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], loadMessages(l));
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty, `${l}: empty or non-string messages`).toEqual([]);
    }
  });
});
