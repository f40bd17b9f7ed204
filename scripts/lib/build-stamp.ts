import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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

const stampFile = (root: string) => path.join(root, ".next", "tcplab-build-stamp");

export function buildIsCurrent(root = process.cwd()): boolean {
  const f = stampFile(root);
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(f) && readFileSync(f, "utf8") === sourceFingerprint(root);
}

export function markBuilt(root = process.cwd()): void {
  writeFileSync(stampFile(root), sourceFingerprint(root));
}
