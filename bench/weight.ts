/**
 * `npm run bench:weight` — the JavaScript each page ships, measured the way a browser receives
 * it: the production build is served by `next start`, every page route of the build (App Router:
 * app-path-routes-manifest.json; Pages Router: pages-manifest.json, where the lesson pages live)
 * is fetched as the right kind of user, and every `<script src>` its HTML loads — Next's chunks
 * and our own files such as public/lesson.js alike — is downloaded and gzip-compressed (zlib
 * default level, what `next start` and most proxies send). `nomodule` polyfills are left out:
 * modern browsers never fetch them.
 * Inline scripts (Next's RSC payload, `self.__next_f.push(…)`) are counted separately, and the
 * HTML document itself is printed too. Budget: ≤ 120 KB of JS (gzip) on every lesson page, which
 * are measured in both languages.
 *
 *   tsx bench/weight.ts            (BENCH_REUSE_BUILD=1 reuses out/bench as is)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { BENCH_DIST_DIR, ensureBuild, startServer } from "./lib/app";
import { withDatabase } from "./lib/databases";
import { signIn } from "./lib/session";
import type { World } from "../tests/security/world";

export const LESSON_JS_BUDGET_KB = 120;
const kb = (bytes: number) => bytes / 1024;

type Script = { src?: string; inline?: string; nomodule: boolean };

/** The scripts of an HTML document (Next's output is regular enough for a tag scan). */
export function scriptsOf(html: string): Script[] {
  const out: Script[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? "";
    const src = /\bsrc="([^"]+)"/i.exec(attrs)?.[1];
    out.push({ ...(src ? { src } : { inline: m[2] ?? "" }), nomodule: /\bnomodule\b/i.test(attrs) });
  }
  return out;
}

export type PageWeight = {
  route: string;
  path: string;
  as: string;
  status: number;
  htmlBytes: number;
  htmlGzip: number;
  chunks: number;
  jsBytes: number;
  jsGzip: number;
  inlineGzip: number;
  largest: { src: string; gzip: number }[];
};

type Who = "anonymous" | "student" | "instructor" | "admin";

function audienceOf(manifestKey: string): Who {
  if (manifestKey.includes("/(admin)/")) return "admin";
  if (manifestKey.includes("/(teach)/")) return "instructor";
  if (manifestKey.includes("/(learn)/")) return "student";
  // The practice question pages: Pages Router since issue #16, so no route group in the key.
  if (manifestKey.startsWith("/[locale]/practice/")) return "student";
  return "anonymous";
}

/** Concrete paths for a route pattern (records from the security world), or null if unknown. */
function concretePaths(pattern: string, lessonSlugs: string[], w: World): string[] | null {
  // Lessons (the budgeted pages) in both languages, every other page in English.
  let paths = (pattern.includes("[slug]") ? ["en", "zh"] : ["en"]).map((locale) => pattern.replace("[locale]", locale));
  if (pattern.includes("[slug]")) paths = paths.flatMap((p) => lessonSlugs.map((s) => p.replace("[slug]", s)));
  const id = pattern.includes("/flashcards/") ? w.cardId : w.interviewId;
  paths = paths.map((p) =>
    p
      .replace("[topic]", "handshake")
      .replace("[family]", "handshake-numbers")
      .replace("[classId]", w.classId)
      .replace("[quizId]", w.quizId)
      .replace("[attemptId]", w.attemptId)
      .replace("[questionId]", w.authoredRowId)
      .replace("[itemId]", w.authoredItemId)
      .replace("[id]", id),
  );
  return paths.some((p) => /\[/.test(p)) ? null : paths;
}

/** The e2e security world (accounts, a class, a quiz, an attempt, a card, an interview). */
function buildWorld(databaseUrl: string): World {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcplab-weight-"));
  try {
    const out = path.join(dir, "world.json");
    const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["tests/security/world.ts", out], { stdio: "inherit", env: { ...process.env, DATABASE_URL: databaseUrl } });
    if (run.status !== 0) throw new Error("tests/security/world.ts failed");
    return JSON.parse(readFileSync(out, "utf8")) as World;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureBuild();
  const dist = path.join(process.cwd(), BENCH_DIST_DIR);
  // Both routers' pages as [manifest key, route pattern]: App Router keys end in "/page" (and
  // carry route groups, which audienceOf reads); the Pages Router's are the pattern itself,
  // without Next's own _app/_document/_error and its generated 404.
  const appRoutes = JSON.parse(readFileSync(path.join(dist, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const pagesRoutes = JSON.parse(readFileSync(path.join(dist, "server", "pages-manifest.json"), "utf8")) as Record<string, string>;
  const routes: [string, string][] = [
    ...Object.entries(appRoutes).filter(([key]) => key.endsWith("/page")),
    ...Object.keys(pagesRoutes)
      .filter((key) => !key.startsWith("/_") && key !== "/404" && key !== "/500")
      .map((key): [string, string] => [key, key]),
  ];
  const prerendered = Object.keys((JSON.parse(readFileSync(path.join(dist, "prerender-manifest.json"), "utf8")) as { routes: Record<string, unknown> }).routes);
  const lessonSlugs = prerendered.filter((r) => r.startsWith("/en/lessons/")).map((r) => r.slice("/en/lessons/".length));

  const results: PageWeight[] = [];
  const skipped: string[] = [];
  await withDatabase("sqlite", "weight", async (fresh) => {
    const world = buildWorld(fresh.url);
    const server = await startServer({ databaseUrl: fresh.url });
    try {
      const cookies: Record<Who, string> = {
        anonymous: "",
        student: (await signIn(server.url, world.users.student.email, world.password)).cookie,
        instructor: (await signIn(server.url, world.users.instructor.email, world.password)).cookie,
        admin: (await signIn(server.url, world.users.admin.email, world.password)).cookie,
      };
      const chunkCache = new Map<string, { bytes: number; gzip: number }>();
      const chunk = async (src: string) => {
        const hit = chunkCache.get(src);
        if (hit) return hit;
        const res = await fetch(new URL(src, server.url), { headers: { "accept-encoding": "identity" } });
        const body = Buffer.from(await res.arrayBuffer());
        const size = { bytes: body.length, gzip: gzipSync(body).length };
        chunkCache.set(src, size);
        return size;
      };
      for (const [key, pattern] of routes.sort(([, a], [, b]) => a.localeCompare(b))) {
        if (pattern.startsWith("/_") || pattern.includes("[...")) continue;
        const paths = concretePaths(pattern, lessonSlugs, world);
        if (!paths) {
          skipped.push(pattern);
          continue;
        }
        const who = audienceOf(key);
        for (const p of paths) {
          const res = await fetch(server.url + p, { headers: { cookie: cookies[who], "accept-encoding": "identity" } });
          const html = await res.text();
          const scripts = scriptsOf(html).filter((s) => !s.nomodule);
          const external = [...new Set(scripts.flatMap((s) => (s.src ? [s.src] : [])))];
          const sizes = await Promise.all(external.map(async (src) => ({ src, ...(await chunk(src)) })));
          const inline = scripts.map((s) => s.inline ?? "").join("\n");
          results.push({
            route: pattern,
            path: p,
            as: who,
            status: res.status,
            htmlBytes: Buffer.byteLength(html),
            htmlGzip: gzipSync(html).length,
            chunks: external.length,
            jsBytes: sizes.reduce((n, s) => n + s.bytes, 0),
            jsGzip: sizes.reduce((n, s) => n + s.gzip, 0),
            inlineGzip: inline ? gzipSync(inline).length : 0,
            largest: sizes
              .sort((a, b) => b.gzip - a.gzip)
              .slice(0, 3)
              .map((s) => ({ src: s.src.replace(/^\/_next\/static\/chunks\//, ""), gzip: s.gzip })),
          });
        }
      }
    } finally {
      await server.stop();
    }
  });

  const head = ["page", "as", "status", "JS chunks", "JS KB", "JS gzip KB", "inline gzip KB", "HTML KB", "HTML gzip KB"];
  // Record pages are shown by their route (their ids mean nothing to a reader), the others by
  // their path (lessons are measured in both languages).
  const shown = (r: PageWeight) => (/\[(?!locale|slug|topic|family)/.test(r.route) ? r.route.replace("[locale]", "en") : r.path);
  const body = results.map((r) => [shown(r), r.as, String(r.status), String(r.chunks), kb(r.jsBytes).toFixed(1), kb(r.jsGzip).toFixed(1), kb(r.inlineGzip).toFixed(1), kb(r.htmlBytes).toFixed(1), kb(r.htmlGzip).toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n=== Page weight (production build ${BENCH_DIST_DIR}, gzip level 6) ===\n`);
  console.log([line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n"));
  if (skipped.length) console.log(`\nnot measured (no record to fill the route's parameters): ${skipped.join(", ")}`);
  // The runtime every App Router page loads (build-manifest.json rootMainFiles): the floor of
  // those pages. The Pages Router lesson pages load none of it (unstable_runtimeJS: false).
  const manifest = JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const floor = manifest.rootMainFiles.reduce((n, f) => n + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  console.log(`\nframework floor (Next.js + React runtime, rootMainFiles, on every App Router page): ${kb(floor).toFixed(1)} KB gzip`);

  const lessons = results.filter((r) => r.route.includes("/lessons/[slug]"));
  const worst = lessons.reduce<PageWeight | undefined>((w, r) => (!w || r.jsGzip > w.jsGzip ? r : w), undefined);
  if (worst) {
    console.log(`\nlargest chunks on ${worst.path}: ${worst.largest.map((c) => `${c.src} ${kb(c.gzip).toFixed(1)} KB`).join(", ")}`);
    for (const r of lessons) {
      const met = r.status === 200 && r.jsGzip <= LESSON_JS_BUDGET_KB * 1024;
      console.log(`budget line ${r.path}: ${kb(r.jsGzip).toFixed(1)} KB in ${r.chunks} script(s), HTTP ${r.status}: ${met ? "MET" : "MISSED"}`);
    }
    const ok = lessons.every((r) => r.status === 200) && worst.jsGzip <= LESSON_JS_BUDGET_KB * 1024;
    console.log(`budget: JS on a lesson page ≤ ${LESSON_JS_BUDGET_KB} KB gzip: ${ok ? "MET" : "MISSED"} (heaviest lesson ${kb(worst.jsGzip).toFixed(1)} KB, ${worst.path})`);
    const html = lessons.reduce((w, r) => (r.htmlGzip > w.htmlGzip ? r : w));
    console.log(`(for reference: the heaviest lesson document is ${kb(html.htmlBytes).toFixed(0)} KB of HTML, ${kb(html.htmlGzip).toFixed(0)} KB gzip, ${html.path})`);
  } else {
    console.log("\nno lesson page in this build: budget not checked");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
