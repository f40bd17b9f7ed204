/**
 * Applies the committed SQL migrations of the selected database (prisma/migrations for SQLite,
 * prisma/postgres/migrations for PostgreSQL) in name order, each in its own transaction, and
 * records them in `_tcplab_migrations`.
 *
 * Why not `prisma migrate deploy`: on this stack the Prisma 6.19 CLI talks to PostgreSQL through
 * @prisma/adapter-pg, whose catalog queries fail ("Column type 'name' could not be
 * deserialized", prisma/orm#27403; docs/offline-setup.md). The SQL files themselves are still
 * written by `prisma migrate diff` (scripts/db.ts), so Prisma stays the author of the schema.
 * PostgreSQL runs use an advisory lock so several app instances can start at once.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type DbKind = "sqlite" | "postgres";

export function dbKindOf(url: string): DbKind {
  return url.startsWith("postgres://") || url.startsWith("postgresql://") ? "postgres" : "sqlite";
}

export function migrationsDir(kind: DbKind, root = process.cwd()): string {
  return kind === "postgres"
    ? path.join(root, "prisma", "postgres", "migrations")
    : path.join(root, "prisma", "migrations");
}

type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(kind: DbKind, root = process.cwd()): Migration[] {
  const dir = migrationsDir(kind, root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** A `file:` URL relative to the working directory, as Prisma and libsql resolve it. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export async function migrate(url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  return dbKindOf(url) === "postgres" ? migratePostgres(url, log) : migrateSqlite(url, log);
}

async function migrateSqlite(url: string, log: (line: string) => void): Promise<string[]> {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: `file:${sqliteFilePath(url)}` });
  try {
    // WAL lets readers proceed while one writer commits; it is a property of the file, so
    // setting it once here covers every later connection. @see https://sqlite.org/wal.html
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute(
      `CREATE TABLE IF NOT EXISTS "_tcplab_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`,
    );
    const done = new Set((await client.execute(`SELECT name FROM "_tcplab_migrations"`)).rows.map((r) => String(r.name)));
    const applied: string[] = [];
    for (const m of readMigrations("sqlite")) {
      if (done.has(m.name)) continue;
      // executeMultiple runs the whole script; BEGIN/COMMIT make it all-or-nothing.
      await client.executeMultiple(
        `BEGIN;\n${m.sql}\nINSERT INTO "_tcplab_migrations" VALUES ('${m.name}', '${m.checksum}', '${new Date().toISOString()}');\nCOMMIT;`,
      );
      log(`applied ${m.name}`);
      applied.push(m.name);
    }
    return applied;
  } finally {
    client.close();
  }
}

async function migratePostgres(url: string, log: (line: string) => void): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Any constant works as the lock key; it only has to be the same for every instance.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_tcplab_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const done = new Set((await client.query<{ name: string }>(`SELECT name FROM "_tcplab_migrations"`)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of readMigrations("postgres")) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_tcplab_migrations" ("name", "checksum") VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      log(`applied ${m.name}`);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
    await client.end();
  }
}
