import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { World } from "../tests/security/world";

/**
 * Every page of the app with who may open it: the page access matrix of e2e/security.spec.ts,
 * also the page list of the phone-width and accessibility sweeps (e2e/a11y.spec.ts), so a new
 * page is checked by all three once its row is added (security.spec.ts fails until it is).
 * `world` is read when a path is asked for (it is built in a beforeAll).
 */
export type Who = "anonymous" | keyof World["users"];
export const WHO: Who[] = ["anonymous", "student", "otherStudent", "otherInstructor", "instructor", "admin"];

export type PageRow = { pattern: string; path: () => string; expect: Record<Who, string> };
const all = (v: string): Record<Who, string> => Object.fromEntries(WHO.map((w) => [w, v])) as Record<Who, string>;
const learner = { ...all("ok"), anonymous: "signin" };
const staffPage = { ...all("ok"), anonymous: "signin", student: "403", otherStudent: "403" };
const staffOwned = { ...staffPage, otherInstructor: "404" };
const ownerOnly = { ...all("404"), anonymous: "signin", student: "ok" };

export function pageRows(world: () => World): PageRow[] {
  return [
    { pattern: "/[locale]", path: () => "/en", expect: all("ok") },
    { pattern: "/[locale]/lessons", path: () => "/en/lessons", expect: all("ok") },
    { pattern: "/[locale]/lessons/[slug]", path: () => "/en/lessons/three-way-handshake", expect: all("ok") },
    { pattern: "/[locale]/sim", path: () => "/en/sim", expect: all("ok") },
    { pattern: "/[locale]/signin", path: () => "/en/signin", expect: all("ok") },
    { pattern: "/[locale]/signup", path: () => "/en/signup", expect: all("ok") },
    { pattern: "/[locale]/[...rest]", path: () => "/en/no-such-page", expect: all("404") },
    ...["/dashboard", "/practice", "/practice/adaptive", "/practice/topic/[topic]", "/practice/[family]", "/classes", "/quizzes", "/flashcards", "/flashcards/cards", "/flashcards/cards/new", "/flashcards/settings", "/flashcards/stats", "/interview"].map(
      (p): PageRow => ({ pattern: `/[locale]${p}`, path: () => `/en${p.replace("[topic]", "handshake").replace("[family]", "handshake-numbers")}`, expect: learner }),
    ),
    ...["/teach", "/teach/classes", "/teach/quizzes", "/teach/quizzes/new", "/teach/questions", "/teach/questions/new"].map((p): PageRow => ({ pattern: `/[locale]${p}`, path: () => `/en${p}`, expect: staffPage })),
    { pattern: "/[locale]/admin", path: () => "/en/admin", expect: { ...staffPage, otherInstructor: "403", instructor: "403" } },
    // Resources of one person or one class.
    { pattern: "/[locale]/classes/[classId]", path: () => `/en/classes/${world().classId}`, expect: { ...ownerOnly, otherStudent: "ok" } },
    { pattern: "/[locale]/quizzes/[quizId]", path: () => `/en/quizzes/${world().quizId}`, expect: { ...ownerOnly, otherStudent: "ok" } },
    { pattern: "/[locale]/quizzes/[quizId]/attempts/[attemptId]", path: () => `/en/quizzes/${world().quizId}/attempts/${world().attemptId}`, expect: { ...ownerOnly, instructor: "ok", admin: "ok" } },
    { pattern: "/[locale]/flashcards/cards/[id]/edit", path: () => `/en/flashcards/cards/${world().cardId}/edit`, expect: ownerOnly },
    { pattern: "/[locale]/interview/[id]", path: () => `/en/interview/${world().interviewId}`, expect: ownerOnly },
    { pattern: "/[locale]/interview/[id]/report", path: () => `/en/interview/${world().interviewId}/report`, expect: ownerOnly },
    { pattern: "/[locale]/teach/classes/[classId]", path: () => `/en/teach/classes/${world().classId}`, expect: staffOwned },
    { pattern: "/[locale]/teach/quizzes/[quizId]", path: () => `/en/teach/quizzes/${world().quizId}`, expect: staffOwned },
    { pattern: "/[locale]/teach/quizzes/[quizId]/results", path: () => `/en/teach/quizzes/${world().quizId}/results`, expect: staffOwned },
    { pattern: "/[locale]/teach/quizzes/[quizId]/analysis", path: () => `/en/teach/quizzes/${world().quizId}/analysis`, expect: staffOwned },
    { pattern: "/[locale]/teach/quizzes/[quizId]/monitor", path: () => `/en/teach/quizzes/${world().quizId}/monitor`, expect: staffOwned },
    { pattern: "/[locale]/teach/quizzes/[quizId]/preview/[itemId]", path: () => `/en/teach/quizzes/${world().quizId}/preview/${world().itemId}`, expect: staffOwned },
    { pattern: "/[locale]/teach/questions/[questionId]", path: () => `/en/teach/questions/${world().authoredRowId}`, expect: staffOwned },
  ];
}

/** Every page route: App Router `page.tsx` files and Pages Router files (the lesson pages). */
export function pagePatterns(): string[] {
  const out: string[] = [];
  const walk = (dir: string, visit: (file: string) => void) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p, visit);
      else visit(p);
    }
  };
  const appRoot = path.join(process.cwd(), "app", "[locale]");
  walk(appRoot, (p) => {
    if (path.basename(p) !== "page.tsx") return;
    const rel = path.relative(appRoot, path.dirname(p)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
    out.push(["/[locale]", ...rel].join("/").replace(/\/$/, ""));
  });
  const pagesRoot = path.join(process.cwd(), "pages");
  walk(pagesRoot, (p) => {
    const rel = path.relative(pagesRoot, p).split(path.sep).join("/").replace(/\.tsx?$/, "");
    // _app and _document are Next's shell, not routes.
    if (!rel.split("/").some((s) => s.startsWith("_"))) out.push(`/${rel}`.replace(/\/index$/, "") || "/");
  });
  return out;
}


/**
 * Builds the accounts and resources the rows open (tests/security/world.ts, run as a child
 * process with the e2e database's DATABASE_URL, as lib/server/db binds one client per process).
 */
export function buildWorld(): World {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcplab-world-"));
  try {
    const out = path.join(dir, "world.json");
    const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["tests/security/world.ts", out], { stdio: "inherit", env: process.env });
    if (run.status !== 0) throw new Error("tests/security/world.ts failed");
    return JSON.parse(readFileSync(out, "utf8")) as World;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
