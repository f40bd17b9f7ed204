import type { Client, Config } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/**
 * How long an SQLite statement waits for another connection's write lock before failing with
 * SQLITE_BUSY. The file is shared by every process of the app (`npm start` runs one per core,
 * scripts/serve.ts) and by maintenance commands (seed, create-admin); in WAL mode only one of them
 * writes at a time, for well under a millisecond per grading, so a wait always beats an error.
 * @see https://sqlite.org/pragma.html#pragma_busy_timeout
 * @see https://sqlite.org/wal.html#concurrency
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Prisma's libsql adapter with the connection pragmas below on every connection it uses. A pragma
 * belongs to a connection, and @libsql/client 0.8 swaps connections: `transaction()` hands the
 * current one to the transaction and opens a new one on the next call ("A new connection will be
 * lazily created on next use", node_modules/@libsql/client/lib-esm/sqlite3.js). So the pragmas
 * run before the first statement and again before the first statement after every transaction.
 * Without it, libsql's default is to fail at once (checked: a write meeting another process's
 * open transaction threw SQLITE_BUSY after 0 ms).
 */
export class PrismaLibSQLWithPragmas extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return withConnectionPragmas(super.createClient(config));
  }
}

/**
 * The connection settings, run on every new connection (both are per connection):
 * - `busy_timeout`: wait for another process's write lock (above);
 * - `synchronous = NORMAL`: in WAL mode (lib/server/migrate.ts) a commit appends to the WAL
 *   without an fsync, which happens at checkpoints instead. The database stays consistent after
 *   any crash; a power loss or OS crash may roll back the last commits, an application crash
 *   none. SQLite's documented choice for WAL (https://sqlite.org/pragma.html#pragma_synchronous,
 *   https://sqlite.org/wal.html#performance_considerations) and Rails 8's SQLite default. The
 *   default (FULL) made every grading wait for an fsync on the server's only thread (issue #16).
 */
const CONNECTION_PRAGMAS = [`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, "PRAGMA synchronous = NORMAL"] as const;

function withConnectionPragmas(client: Client): Client {
  let freshConnection = true;
  const ready = async () => {
    if (!freshConnection) return;
    freshConnection = false;
    // One at a time: `busy_timeout` answers with a row, which libsql's executeMultiple refuses
    // ("Execute returned rows").
    for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma);
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === "execute" || property === "batch" || property === "executeMultiple") {
        return async (...args: unknown[]) => {
          await ready();
          return (target[property] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === "transaction") {
        return async (...args: unknown[]) => {
          await ready();
          const transaction = await (target.transaction as (...a: unknown[]) => ReturnType<Client["transaction"]>).apply(target, args);
          // The connection (with its pragma) now belongs to the transaction.
          freshConnection = true;
          return transaction;
        };
      }
      // Sqlite3Client keeps its state in private fields: its methods must run on the real object.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
