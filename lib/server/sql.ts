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

/** Which of the two databases this process talks to (for the few statements spelled differently). */
export const postgres = dbKindOf(env.DATABASE_URL) === "postgres";

/**
 * A DateTime column as milliseconds since the epoch, for arithmetic in SQL. PostgreSQL has
 * timestamps; the libsql adapter stores DateTime as ISO 8601 text ("…T…+00:00",
 * @prisma/adapter-libsql timestampFormat "iso8601"), which SQLite's julianday() reads.
 */
export function epochMs(column: Prisma.Sql): Prisma.Sql {
  return postgres ? Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000.0)` : Prisma.sql`((julianday(${column}) - 2440587.5) * 86400000.0)`;
}

/** A text field of a Json column (`column->>'a'->…`), e.g. a family's config difficulty. */
export function jsonText(column: Prisma.Sql, path: readonly string[]): Prisma.Sql {
  // Keys are written into the statement (a parameter after -> is ambiguous on PostgreSQL): code
  // constants only, checked here.
  if (path.length === 0 || !path.every((k) => /^[A-Za-z]+$/.test(k))) throw new Error(`jsonText: bad path ${path.join(".")}`);
  if (postgres) {
    const keys = path.map((k, i) => `${i === path.length - 1 ? "->>" : "->"}'${k}'`).join("");
    return Prisma.sql`(${column}${Prisma.raw(keys)})`;
  }
  return Prisma.sql`json_extract(${column}, ${Prisma.raw(`'$.${path.join(".")}'`)})`;
}

/** A boolean expression's value as the adapters return it: PostgreSQL's boolean, SQLite's 0/1 integer. */
export function sqlBoolean(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

/** A JSON value as a statement parameter for a Json column. */
export function jsonValue(value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return postgres ? Prisma.sql`${text}::jsonb` : Prisma.sql`${text}`;
}

/**
 * A condition that is always true and, on PostgreSQL, lets the statement's own transaction commit
 * without waiting for its WAL record to reach the disk (synchronous_commit = off for that
 * transaction alone: set_config's third argument makes it SET LOCAL, and an uncorrelated subquery
 * is evaluated once, as the plan's one-time filter). For writes whose loss in a database crash
 * costs little — a practice answer (lib/server/quiz/submit.ts) — and never for exam or quiz
 * answers, accounts or anything else. PostgreSQL's documented trade-off: a crash may lose the
 * transactions of the last ≈ 3 × wal_writer_delay (600 ms by default), never leaves the database
 * inconsistent. The flush was ≈ 2.5 ms of each answer's latency here (pgbench, one client), more
 * under load; SQLite makes the same trade with synchronous = NORMAL (lib/server/sqlite-client.ts).
 * @see https://www.postgresql.org/docs/current/wal-async-commit.html
 */
export const commitWithoutFlush: Prisma.Sql = postgres ? Prisma.sql`(SELECT set_config('synchronous_commit', 'off', true)) = 'off'` : Prisma.sql`1 = 1`;
