/**
 * lib/tcp bundled the way production runs it, from this checkout or from any git ref, so two
 * versions of the simulator can run side by side in one process. Used by `npm run bench:sim`
 * (throughput against a baseline, bench/sim.bench.ts) and `npm run sim:equivalence`
 * (byte-identical output against a baseline, scripts/sim-equivalence.ts).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * Bundle `source` (TypeScript that imports through the `@/` alias) against the tree at `root`
 * into one CommonJS module and load it. Under tsx every cross-module call goes through a
 * CommonJS export getter, which roughly halves the simulator's throughput; one bundle is what
 * Next ships, so it is what is measured and compared.
 */
export function loadBundle<T>(root: string, source: string): T {
  const out = buildSync({
    stdin: { contents: source, resolveDir: root, loader: "ts", sourcefile: "sim-bundle-entry.ts" },
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
    alias: { "@": root },
    // A tree extracted from git has no node_modules of its own: resolve zod from this checkout.
    nodePaths: [path.join(process.cwd(), "node_modules")],
    logLevel: "error",
  });
  const code = out.outputFiles[0]?.text ?? "";
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  const load = new Function("module", "exports", "require", code) as (m: unknown, e: unknown, r: unknown) => void;
  load(mod, mod.exports, createRequire(path.join(process.cwd(), "package.json")));
  return mod.exports as T;
}

/** What the simulator is at a ref: lib/tcp and what it imports (lib/core, the preset files). */
const SIMULATOR_PATHS = ["lib/tcp", "lib/core", "content/scenarios"];

/**
 * Run `fn` on a temporary directory holding the simulator as it was at `ref` (git archive),
 * plus `fromCheckout` copied from this checkout: code built on lib/tcp (the question families)
 * stays the current one on both sides, so a difference can only come from the simulator.
 * Returns what `fn` returned and the ref's short commit id.
 */
export function withTreeAt<T>(ref: string, fn: (root: string) => T, fromCheckout: string[] = []): { value: T; label: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "tcplab-sim-baseline-"));
  try {
    const tar = execFileSync("git", ["archive", "--format=tar", ref, ...SIMULATOR_PATHS], { maxBuffer: 64 << 20 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    for (const p of fromCheckout) cpSync(path.join(process.cwd(), p), path.join(dir, p), { recursive: true });
    const label = execFileSync("git", ["rev-parse", "--short", ref], { encoding: "utf8" }).trim();
    return { value: fn(dir), label: `${ref} (${label})` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
