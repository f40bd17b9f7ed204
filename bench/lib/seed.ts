import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Seeded, SeedOptions } from "./seed-load";

export type { Seeded, SeedOptions, SeededAttempt, SeededUser } from "./seed-load";

/**
 * Seeds `databaseUrl` in a child process (lib/server/db binds one Prisma client per process, and
 * one run seeds both SQLite and PostgreSQL).
 */
export function seedDatabase(databaseUrl: string, options: SeedOptions): Seeded {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcplab-seed-"));
  const out = path.join(dir, "seed.json");
  try {
    const run = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["bench/lib/seed-load.ts", out, JSON.stringify(options)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    });
    if (run.status !== 0) throw new Error(`seeding failed (exit ${run.status})`);
    return JSON.parse(readFileSync(out, "utf8")) as Seeded;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
