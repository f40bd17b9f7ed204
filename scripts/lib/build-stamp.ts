import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "pages", "components", "lib", "content", "messages", "i18n", "public", "types", "proxy.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function walk(p: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), hash);
  } else {
    hash.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
  }
}

/** A fingerprint of everything `next build` reads, to rebuild only when something changed. */
export function sourceFingerprint(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const s of SOURCES) walk(path.join(root, s), hash);
  return hash.digest("hex");
}

/**
 * Each build folder has its own stamp: `npm start` builds into `.next`, `npm test` into
 * `.next-test`, the benchmarks into `out/bench`, so none of them makes another rebuild.
 */
const stampFile = (root: string, distDir: string) => path.join(root, distDir, "tcplab-build-stamp");

export function buildIsCurrent(distDir = ".next", root = process.cwd()): boolean {
  const f = stampFile(root, distDir);
  return existsSync(path.join(root, distDir, "BUILD_ID")) && existsSync(f) && readFileSync(f, "utf8") === sourceFingerprint(root);
}

export function markBuilt(distDir = ".next", root = process.cwd()): void {
  writeFileSync(stampFile(root, distDir), sourceFingerprint(root));
}

/**
 * `next build` into `distDir` (NEXT_DIST_DIR, read by next.config.js) and stamp it. A build into
 * any folder but `.next` rewrites tsconfig.json and next-env.d.ts to point at that folder's
 * generated types; both are tracked files, so they are put back byte for byte afterwards (a
 * clone's `git status` stays clean), and the generated types (only needed by tsc) removed.
 * Returns the exit status; with `quiet` the build's output is printed only when it fails.
 */
export function nextBuild(options: { distDir: string; env?: Record<string, string>; quiet?: boolean; root?: string }): number {
  const root = options.root ?? process.cwd();
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const kept = ["tsconfig.json", "next-env.d.ts"].map((f) => path.join(root, f)).map((f) => ({ f, text: existsSync(f) ? readFileSync(f, "utf8") : null }));
  let status: number;
  try {
    const run = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, NODE_ENV: "production", NEXT_DIST_DIR: options.distDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    status = run.status ?? 1;
    if (status !== 0 && options.quiet) {
      process.stderr.write(run.stdout?.toString() ?? "");
      process.stderr.write(run.stderr?.toString() ?? "");
    }
  } finally {
    for (const { f, text } of kept) {
      if (text !== null && (!existsSync(f) || readFileSync(f, "utf8") !== text)) writeFileSync(f, text);
    }
    if (options.distDir !== ".next") rmSync(path.join(root, options.distDir, "types"), { recursive: true, force: true });
  }
  if (status === 0) markBuilt(options.distDir, root);
  return status;
}
