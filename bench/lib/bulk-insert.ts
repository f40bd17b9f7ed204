/**
 * Seeding a benchmark history of a million rows in minutes (issue #16): multi-row INSERT
 * statements through Prisma's parameterized raw SQL ($executeRawUnsafe with placeholders: `?` on
 * SQLite, `$n` on PostgreSQL; only lib/server may import Prisma's own SQL builder), in batches, instead of the model API's
 * createMany (which compiles every call in WebAssembly and, at 2,000 rows a call, took 515 s for
 * 100k rows on the loaded machine). One statement carries as many rows as fit in
 * MAX_PARAMETERS (below SQLite's 32,766 host parameters, https://sqlite.org/limits.html #9, and
 * PostgreSQL's 65,535), and the batches of one table go in one transaction per BATCHES_PER_COMMIT
 * statements (SQLite otherwise commits — and syncs its WAL — once per statement).
 */
import { db } from "@/lib/server/db";
import { postgres } from "@/lib/server/sql";

const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1_000;
const BATCHES_PER_COMMIT = 20;

type Row = Record<string, unknown>;

/**
 * Rows of one table, written as they come (plain column → value objects, the same keys in every
 * row). `json` names its Json columns; `after` is a table whose rows these reference, written
 * first whenever these are.
 */
type Statement = { sql: string; values: unknown[] };

export class BulkTable {
  private columns: string[] | null = null;
  private perStatement = MAX_ROWS;
  private pending: unknown[][][] = [];
  private batch: unknown[][] = [];
  count = 0;

  constructor(
    private readonly table: string,
    private readonly options: { json?: readonly string[]; after?: BulkTable } = {},
  ) {
    if (!/^[A-Za-z]+$/.test(table)) throw new Error(`BulkTable: bad table name ${table}`);
  }

  async add(row: Row): Promise<void> {
    if (!this.columns) {
      this.columns = Object.keys(row);
      if (!this.columns.every((c) => /^[A-Za-z]+$/.test(c))) throw new Error(`BulkTable: bad column in ${this.table}(${this.columns.join(", ")})`);
      this.perStatement = Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / this.columns.length));
    }
    const json = this.options.json ?? [];
    // A Json column's value goes as its text (cast to jsonb on PostgreSQL, see statement()).
    this.batch.push(this.columns.map((c) => (json.includes(c) && row[c] !== null && row[c] !== undefined ? JSON.stringify(row[c]) : (row[c] ?? null))));
    this.count += 1;
    if (this.batch.length >= this.perStatement) {
      this.pending.push(this.batch);
      this.batch = [];
      if (this.pending.length >= BATCHES_PER_COMMIT) await this.flush();
    }
  }

  private statement(rows: unknown[][]): Statement {
    const columns = this.columns!;
    const json = this.options.json ?? [];
    let n = 0;
    const tuple = () => `(${columns.map((c) => (postgres ? `$${++n}${json.includes(c) ? "::jsonb" : ""}` : "?")).join(", ")})`;
    const sql = `INSERT INTO "${this.table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(tuple).join(", ")}`;
    return { sql, values: rows.flat() };
  }

  /** Writes what is buffered (the referenced table's rows first), in one transaction. */
  async flush(): Promise<void> {
    await this.options.after?.flush();
    if (this.batch.length > 0) this.pending.push(this.batch);
    this.batch = [];
    if (this.pending.length === 0 || !this.columns) return;
    const statements = this.pending.map((rows) => this.statement(rows));
    this.pending = [];
    await db.$transaction(
      async (tx) => {
        for (const st of statements) await tx.$executeRawUnsafe(st.sql, ...st.values);
      },
      { timeout: 600_000 },
    );
  }
}
