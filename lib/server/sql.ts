/**
 * Hand-written SQL for the few statements on the hottest request paths (every signed-in request's
 * user lookup; reading and grading a submission), through Prisma's own parameterized raw queries.
 *
 * Why: Prisma 6's client engine compiles every model query to a plan in WebAssembly on the main
 * thread, with no plan cache (caching arrived in Prisma 7.4, prisma/orm#29038, whose CLI needs a
 * native schema engine this environment cannot download). Measured in one process on SQLite and
 * PostgreSQL alike: the grading path's three model queries cost ≈ 3.5 ms of CPU, the same three
 * statements as raw SQL ≈ 1.3 ms — a third of a grading request (issue #7, `npm run bench:profile`).
 * Everything else stays on the typed model API.
 *
 * The statements are written once for both databases: double-quoted identifiers and Prisma's
 * placeholders work in SQLite and PostgreSQL; only a JSON value needs a cast on PostgreSQL (a
 * text parameter is not jsonb), and SQLite has no `::` cast. Values read back are typed by the
 * driver adapters from the column types (DATETIME/timestamp → Date, JSONB/jsonb → parsed JSON),
 * exactly as model queries return them; the integration tests run these paths on both databases.
 */
import { env } from "@/lib/env";
import { Prisma } from "./generated/sqlite/client";
import { dbKindOf } from "./migrate";

const postgres = dbKindOf(env.DATABASE_URL) === "postgres";

/** A JSON value as a statement parameter for a Json column. */
export function jsonValue(value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return postgres ? Prisma.sql`${text}::jsonb` : Prisma.sql`${text}`;
}
