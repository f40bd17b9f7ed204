/**
 * One database shared by several processes (`npm start` runs one per core; seed and create-admin
 * write too): a write that meets another process's open write transaction must wait for it, not
 * fail. On SQLite that needs busy_timeout on every connection, also after the app's own
 * transactions, which make @libsql/client switch to a new connection
 * (lib/server/sqlite-client.ts); PostgreSQL waits for the row lock by itself.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { sqliteFilePath } from "@/lib/server/migrate";
import { dbKind, makeUser } from "./helpers";

/**
 * Another process holding a write lock on the user's row for `ms` (an open write transaction),
 * as a second app process or `npm run db:seed` would. A separate process, because SQLite's busy
 * wait blocks the waiting thread: in this process it would also stop the holder's timer.
 */
async function holdWriteLock(userId: string, ms: number): Promise<{ released: Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  const script = url.startsWith("postgres")
    ? `
    const { Client } = require("pg");
    (async () => {
      const c = new Client({ connectionString: process.argv[1] });
      await c.connect();
      await c.query("BEGIN");
      await c.query('UPDATE "User" SET "name" = "name" WHERE "id" = $1', [process.argv[3]]);
      process.stdout.write("held\\n");
      setTimeout(async () => { await c.query("COMMIT"); await c.end(); }, Number(process.argv[2]));
    })();`
    : `
    const { createClient } = require("@libsql/client");
    (async () => {
      const c = createClient({ url: process.argv[1] });
      const tx = await c.transaction("write");
      await tx.execute({ sql: 'UPDATE "User" SET "name" = "name" WHERE "id" = ?', args: [process.argv[3]] });
      process.stdout.write("held\\n");
      setTimeout(async () => { await tx.commit(); c.close(); }, Number(process.argv[2]));
    })();`;
  const target = url.startsWith("postgres") ? url : `file:${sqliteFilePath(url)}`;
  const child = spawn(process.execPath, ["-e", script, target, String(ms), userId], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return { released: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
}

describe(`write lock held by another process on ${dbKind()}`, () => {
  it("should wait for the lock and then write, before and after the app's own transactions", async () => {
    const user = await makeUser();
    for (const round of [1, 2]) {
      const lock = await holdWriteLock(user.id, 300);
      const started = performance.now();
      await db.user.update({ where: { id: user.id }, data: { name: `Round ${round}` } });
      // It waited for the other process's commit (not an error thrown at once)…
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      await lock.released;
      // …and wrote.
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(`Round ${round}`);
      // SQLite: commits without an fsync of the WAL (synchronous = NORMAL, 1), on this connection too.
      if (dbKind() === "sqlite") expect((await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous")).map((r) => Number(r.synchronous))).toEqual([1]);
      // An interactive transaction: afterwards @libsql/client uses a new connection.
      await db.$transaction(async (tx) => tx.user.findUnique({ where: { id: user.id } }));
    }
  });
});
