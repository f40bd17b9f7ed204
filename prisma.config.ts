/**
 * Prisma CLI configuration. Only `prisma generate` and `prisma migrate diff` are used (through
 * scripts/db.ts); migrations are applied by lib/server/migrate.ts with the app's own drivers.
 *
 * Why: Prisma 6.19's CLI needs a native schema engine unless `engine: "js"` with a driver
 * adapter is configured, and this machine cannot download binaries (docs/offline-setup.md).
 * `migrate diff` between two datamodels never touches a database, so an in-memory libsql
 * adapter is enough for it.
 */
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

process.env.CHECKPOINT_DISABLE ??= "1";
process.env.DATABASE_URL ??= "file:./data/tcplab.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaLibSQL({ url: ":memory:" });
  },
});
