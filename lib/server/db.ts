import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { outageAdapterOptions, withOutageHandling } from "./db-outage";
import { dbKindOf, sqliteFilePath } from "./migrate";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaLibSQLWithPragmas } from "./sqlite-client";

export type Db = PrismaClient;
export * from "./generated/sqlite/enums";

/**
 * The one Prisma client of the app. SQLite (libsql driver adapter) unless DATABASE_URL is a
 * PostgreSQL URL. Both generated clients come from the same datamodel (prisma/schema.prisma),
 * so the PostgreSQL one is used through the SQLite client's type.
 */
function createClient(url: string): Db {
  if (dbKindOf(url) === "postgres") {
    // Outage handling (503 while unreachable, recovery by itself): lib/server/db-outage.ts.
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }, outageAdapterOptions) });
    return withOutageHandling(client) as unknown as Db;
  }
  // libsql resolves relative file: URLs against the process's cwd, as Prisma documents. Several
  // processes share the file, so every connection waits for a busy lock (./sqlite-client.ts).
  return new PrismaClient({ adapter: new PrismaLibSQLWithPragmas({ url: `file:${sqliteFilePath(url)}` }) });
}

const globalForDb = globalThis as unknown as { tcplabDb?: Db };

// Kept on globalThis in development so hot reloads do not open a new pool each time.
export const db: Db = globalForDb.tcplabDb ?? createClient(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.tcplabDb = db;
