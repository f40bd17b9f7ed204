import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_FREE_SECTIONS, outagePage, pageNeedingDatabase } from "./outage-page";

const root = process.cwd();
const localeDir = path.join(root, "app", "[locale]");
/** Localized pages live in the App Router and possibly the Pages Router. */
const localeDirs = [localeDir, path.join(root, "pages", "[locale]")].filter((d) => existsSync(d));

/**
 * The repository files `file` imports at run time (`import … from`, `import "…"`, `import(…)`,
 * `require(…)`; not `import type`, which TypeScript erases), following "@/…" and relative
 * specifiers; packages are left out.
 */
function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const statics = [...text.matchAll(/\b(?:import|export)(\s+type\b)?[^;'"]*?\bfrom\s*["']([^"']+)["']/g)].filter((m) => !m[1]).map((m) => m[2]!);
  const others = [...text.matchAll(/(?:\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  const specs = [...statics, ...others];
  return specs.flatMap((spec) => {
    const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) return [];
    const found = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((p) => existsSync(p) && statSync(p).isFile());
    return found ? [found] : [];
  });
}

/** Every repository file reachable from `entries` through imports. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file));
  }
  return seen;
}

/** Route files under a section (a folder, possibly inside route groups "(…)", or a Pages Router file `<section>.tsx`). */
function sectionFiles(section: string, dirs = localeDirs): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      if (!d.isDirectory()) return d.name.replace(/\.[jt]sx?$/, "") === section ? [p] : [];
      if (d.name === section) return allFiles(p);
      return /^\(.+\)$/.test(d.name) ? sectionFiles(section, [p]) : [];
    }),
  );
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe("pages during a database outage", () => {
  it("should answer every localized page with the 503 except the home page, the lessons and the simulator", () => {
    for (const p of ["/en/practice", "/zh/dashboard", "/en/teach/quizzes/x", "/en/admin", "/en/signin", "/zh/flashcards/cards/new", "/en/no-such-page", "/en/lessonsx"]) {
      expect(pageNeedingDatabase(p), p).toBe(p.slice(1, 3));
    }
    for (const p of ["/en", "/zh/", "/en/lessons", "/zh/lessons/listen-backlog", "/en/sim", "/", "/practice", "/fr/practice"]) {
      expect(pageNeedingDatabase(p), p).toBeNull();
    }
  });

  it("should keep only pages that never reach the database client in the database-free sections", () => {
    const entries = [
      path.join(root, "app", "layout.tsx"),
      path.join(localeDir, "layout.tsx"),
      path.join(localeDir, "(marketing)", "page.tsx"),
      // The Pages Router's _app/_document wrap each of its pages.
      ...["_app", "_document"].flatMap((f) => [".tsx", ".ts"].map((ext) => path.join(root, "pages", f + ext))).filter((f) => existsSync(f)),
      ...DATABASE_FREE_SECTIONS.flatMap((s) => sectionFiles(s)),
    ];
    expect(DATABASE_FREE_SECTIONS.every((s) => sectionFiles(s).length > 0)).toBe(true);
    const files = reachable(entries);
    // The walk does follow imports: the lesson page reaches the lesson loader.
    expect(files.has(path.join(root, "lib", "lessons", "loader.ts"))).toBe(true);
    expect([...files].filter((f) => f === path.join(root, "lib", "server", "db.ts"))).toEqual([]);
  });

  it("should find the database client from a page that uses it (the walk is not blind)", () => {
    expect(reachable([path.join(localeDir, "(learn)", "practice", "page.tsx")]).has(path.join(root, "lib", "server", "db.ts"))).toBe(true);
  });

  it("should answer a localized, uncached 503 with Retry-After and the URL escaped", async () => {
    const res = outagePage("zh", '/zh/dashboard?q="><script>x</script>');
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<h1>服务暂时不可用</h1>");
    expect(html).toContain('href="/zh/dashboard?q=&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
    expect(html).not.toContain("<script>x");
    expect(await outagePage("en", "/en/practice").text()).toContain("<h1>Temporarily unavailable</h1>");
  });
});
