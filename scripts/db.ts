/**
 * Database tooling (see README "Database"):
 *   generate        write prisma/postgres/schema.prisma from prisma/schema.prisma and generate both clients
 *   migrate <name>  create a migration for BOTH databases from the schema change (prisma migrate diff)
 *   deploy          apply pending migrations to DATABASE_URL (SQLite file by default)
 *
 * Each migration folder keeps the schema it leads to (`schema.prisma`), so the next migration is
 * a pure datamodel-to-datamodel diff and needs no shadow database (which Prisma 6.19's WASM engine
 * cannot drive here: docs/offline-setup.md).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type DbKind, migrate, migrationsDir } from "../lib/server/migrate";
import { loadEnvFiles } from "./lib/env-files";

loadEnvFiles();
const root = process.cwd();
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const pgSchema = path.join(root, "prisma", "postgres", "schema.prisma");
const prismaEnv = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  // A safety net: generate only downloads when it cannot find an engine; the client engine is unused.
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/false",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

function prisma(args: string[]): string {
  return execFileSync(path.join(root, "node_modules", ".bin", "prisma"), args, {
    env: prismaEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function writePostgresSchema(): void {
  const source = readFileSync(sqliteSchema, "utf8");
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/server/generated/sqlite"', 'output     = "../../lib/server/generated/postgres"')
    .replace(/^\/\/ The source of truth[\s\S]*?\n\n/m, "// GENERATED from prisma/schema.prisma by `npm run db:generate`. Do not edit.\n\n");
  if (out === source) throw new Error("could not rewrite the schema for PostgreSQL");
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, out);
}

function generate(): void {
  writePostgresSchema();
  prisma(["generate", "--schema", sqliteSchema]);
  prisma(["generate", "--schema", pgSchema]);
  console.log("generated Prisma clients for SQLite and PostgreSQL");
}

function latestSnapshot(kind: DbKind): string | null {
  const dir = migrationsDir(kind);
  if (!existsSync(dir)) return null;
  const last = readdirSync(dir).filter((n) => existsSync(path.join(dir, n, "schema.prisma"))).sort().at(-1);
  return last ? path.join(dir, last, "schema.prisma") : null;
}

function createMigration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits and _ only");
  writePostgresSchema();
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  for (const [kind, schema] of [["sqlite", sqliteSchema], ["postgres", pgSchema]] as const) {
    const from = latestSnapshot(kind);
    const sql = prisma([
      "migrate", "diff",
      ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
      "--to-schema-datamodel", schema,
      "--script",
    ]);
    if (!/CREATE|ALTER|DROP/.test(sql)) {
      console.log(`${kind}: no schema change`);
      continue;
    }
    const dir = path.join(migrationsDir(kind), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    copyFileSync(schema, path.join(dir, "schema.prisma"));
    console.log(`${kind}: wrote ${path.relative(root, dir)}`);
  }
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  if (command === "generate") return generate();
  if (command === "migrate" && arg) return createMigration(arg);
  if (command === "deploy") {
    const url = process.env.DATABASE_URL ?? "file:./data/tcplab.db";
    const applied = await migrate(url, (line) => console.log(line));
    console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
    return;
  }
  console.error("usage: tsx scripts/db.ts generate | migrate <name> | deploy");
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
