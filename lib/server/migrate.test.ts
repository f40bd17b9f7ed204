import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbKindOf, readMigrations } from "./migrate";

describe("migrations", () => {
  it("should have the same migrations for SQLite and PostgreSQL", () => {
    const sqlite = readMigrations("sqlite").map((m) => m.name);
    const postgres = readMigrations("postgres").map((m) => m.name);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });

  it("should end in the current schema on both databases (no un-migrated schema change)", () => {
    const last = readMigrations("sqlite").at(-1)!;
    const snapshot = path.join("prisma", "migrations", last.name, "schema.prisma");
    expect(existsSync(snapshot)).toBe(true);
    expect(readFileSync(snapshot, "utf8")).toBe(readFileSync(path.join("prisma", "schema.prisma"), "utf8"));
    const pgSnapshot = path.join("prisma", "postgres", "migrations", last.name, "schema.prisma");
    expect(readFileSync(pgSnapshot, "utf8")).toBe(readFileSync(path.join("prisma", "postgres", "schema.prisma"), "utf8"));
  });

  it("should pick the database from the URL", () => {
    expect(dbKindOf("file:./data/x.db")).toBe("sqlite");
    expect(dbKindOf("postgresql://u@h/db")).toBe("postgres");
    expect(dbKindOf("postgres://u@h/db")).toBe("postgres");
  });
});
