import { rmSync } from "node:fs";
import { migrate, sqliteFilePath } from "../lib/server/migrate";

/** A fresh database for every e2e run, migrated before the server opens it. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) {
    const file = sqliteFilePath(url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  await migrate(url);
}
