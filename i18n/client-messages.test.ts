import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessages, LEARN_CLIENT_NAMESPACES, loadMessages } from "./messages";

/** The source file an import specifier names ("@/x" or relative), if it is one of ours. */
function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null;
  for (const f of [`${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) if (existsSync(f)) return f;
  return null;
}

/**
 * Every client component ("use client") that the files under `dir` import, directly or through
 * other modules, with the top-level namespaces it calls useTranslations with.
 */
function clientNamespaces(dir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const queue = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((n) => /\.tsx?$/.test(n)).map((n) => path.join(dir, n));
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.pop()!;
    const source = readFileSync(file, "utf8");
    if (/^["']use client["']/m.test(source)) {
      const calls = [...source.matchAll(/useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g)].map((m) => (m[1] ?? "").split(".")[0]!);
      if (calls.length) out.set(file, new Set(calls));
    }
    for (const m of source.matchAll(/from\s+["']([^"']+)["']/g)) {
      const next = resolve(file, m[1]!);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return out;
}

describe("the (learn) client provider's namespaces", () => {
  it("should cover every namespace the client components under (learn) use", () => {
    const used = clientNamespaces("app/[locale]/(learn)");
    expect(used.size).toBeGreaterThan(5);
    for (const [file, namespaces] of used)
      for (const ns of namespaces) expect({ file, ns, provided: (LEARN_CLIENT_NAMESPACES as readonly string[]).includes(ns) }).toEqual({ file, ns, provided: true });
  });

  it("should hand the provider those namespaces only, as loaded", () => {
    const picked = clientMessages("zh", LEARN_CLIENT_NAMESPACES);
    expect(Object.keys(picked).sort()).toEqual([...LEARN_CLIENT_NAMESPACES].sort());
    expect(picked.quiz).toBe(loadMessages("zh").quiz);
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(loadMessages("zh")).length / 2);
  });
});
