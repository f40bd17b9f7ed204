/**
 * Fresh, migrated databases for one benchmark or fault run: an SQLite file under data/ or a new
 * PostgreSQL database on the machine's server (TEST_PG_URL, as scripts/test-integration.ts), both
 * removed afterwards whatever happens.
 */
import { rmSync } from "node:fs";
import pg from "pg";
import { migrate, sqliteFilePath } from "../../lib/server/migrate";
import { SQLITE_BUSY_TIMEOUT_MS } from "../../lib/server/sqlite-client";

export type DbKind = "sqlite" | "postgres";
export const ADMIN_PG_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type FreshDb = { kind: DbKind; url: string; label: string };

export async function withDatabase<T>(kind: DbKind, tag: string, work: (db: FreshDb) => Promise<T>): Promise<T> {
  const id = `${tag}_${process.pid}_${Date.now()}`;
  if (kind === "sqlite") {
    const url = `file:./data/${id}.db`;
    const file = sqliteFilePath(url);
    const clean = () => ["", "-wal", "-shm", "-journal"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    await migrate(url);
    try {
      return await work({ kind, url, label: "SQLite" });
    } finally {
      clean();
    }
  }
  const fresh = await createPostgresDatabase(id);
  try {
    return await work({ kind, url: fresh.url, label: "PostgreSQL" });
  } finally {
    await fresh.drop();
  }
}

/**
 * A new, migrated PostgreSQL database on the machine's server; `drop()` removes it (also when
 * clients are still connected). For callers that cannot wrap their work in withDatabase, e.g.
 * a Playwright spec's beforeAll/afterAll.
 */
export async function createPostgresDatabase(id: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_PG_URL });
  await admin.connect();
  const name = `tcplab_${id}`.toLowerCase();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    // A fresh connection: the server may have been restarted during the run (fault scripts).
    const client = new pg.Client({ connectionString: ADMIN_PG_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
  try {
    await migrate(url.toString());
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}

/** Runs one query on a database of either kind (for counting rows after a run). */
export async function query<T extends Record<string, unknown>>(url: string, sql: string, args: unknown[] = []): Promise<T[]> {
  if (url.startsWith("file:")) {
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: `file:${sqliteFilePath(url)}` });
    try {
      // The app may hold the write lock at this moment (an e2e test seeding rows beside a running
      // server): wait for it as the app's own connections do (lib/server/sqlite-client.ts), instead of failing with SQLITE_BUSY.
      await client.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      // Statements are written with $1, $2 … in order (PostgreSQL style); SQLite takes ?.
      const text = sql.replace(/\$\d+/g, "?");
      return (await client.execute({ sql: text, args: args as never })).rows as unknown as T[];
    } finally {
      client.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, args)).rows as T[];
  } finally {
    await client.end();
  }
}

export function requestedKinds(argv = process.argv.slice(2)): DbKind[] {
  const kinds = argv.filter((a): a is DbKind => a === "sqlite" || a === "postgres");
  return kinds.length ? kinds : ["sqlite", "postgres"];
}
