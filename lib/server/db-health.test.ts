import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attachProxy, databaseMarkedDown, isDatabaseDown, noteDatabaseError, noteDatabaseReachable, PROBE_INTERVAL_MS, pageUrlFromHeader, watchDatabase } from "./db-health";

const KEY = Symbol.for("tcplab.db-health");
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEY];
  vi.useFakeTimers();
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("database health", () => {
  it("should classify connection failures as an outage and other errors not", () => {
    expect(isDatabaseDown(refused)).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" }))).toBe(true);
    expect(isDatabaseDown(new Error("Connection terminated unexpectedly"))).toBe(true);
    // A query cut by a shutdown reaches the caller as @prisma/adapter-pg's DriverAdapterError,
    // whose only code is in `cause` (seen in `npm run fault:pg-restart`).
    const cut = Object.assign(new Error("terminating connection due to administrator command"), {
      name: "DriverAdapterError",
      cause: { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" },
    });
    expect(isDatabaseDown(cut)).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } }))).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }))).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error("duplicate key"), { name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation" } }))).toBe(false);
    expect(isDatabaseDown(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseDown("SQLITE_BUSY: database is locked")).toBe(true);
    expect(isDatabaseDown(new TypeError("x is undefined"))).toBe(false);
  });

  it("should not mark anything without a probe to clear it (SQLite never registers one)", () => {
    expect(noteDatabaseError(refused)).toBe(true);
    expect(databaseMarkedDown()).toBe(false);
  });

  it("should mark an outage on a connection failure, probe while down, and clear when the probe answers", async () => {
    let up = false;
    const probe = vi.fn(() => (up ? Promise.resolve(1) : Promise.reject(refused)));
    watchDatabase(probe);
    expect(noteDatabaseError(new Error("unique constraint"))).toBe(false);
    expect(databaseMarkedDown()).toBe(false);
    expect(probe).not.toHaveBeenCalled();

    expect(noteDatabaseError(refused)).toBe(true);
    expect(databaseMarkedDown()).toBe(true);
    noteDatabaseError(refused); // a second failure starts no second probe loop
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 3);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(databaseMarkedDown()).toBe(true);

    up = true;
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(databaseMarkedDown()).toBe(false);
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 4);
    expect(probe).toHaveBeenCalledTimes(4); // no probe while healthy
  });

  it("should clear the mark when a query succeeds", () => {
    watchDatabase(() => Promise.reject(refused));
    noteDatabaseError(refused);
    expect(databaseMarkedDown()).toBe(true);
    noteDatabaseReachable();
    expect(databaseMarkedDown()).toBe(false);
  });

  it("should trust the page URL header only with this process's proxy token and only for a local path", () => {
    expect(pageUrlFromHeader("anything /en/practice")).toBeNull(); // no proxy attached
    const token = attachProxy();
    expect(attachProxy()).toBe(token);
    expect(pageUrlFromHeader(`${token} /en/practice?v=1`)).toBe("/en/practice?v=1");
    expect(pageUrlFromHeader(null)).toBeNull();
    expect(pageUrlFromHeader("forged /en/practice")).toBeNull();
    expect(pageUrlFromHeader(`${token} //evil.example/x`)).toBeNull();
    expect(pageUrlFromHeader(`${token} /\\evil.example/x`)).toBeNull();
    expect(pageUrlFromHeader(`${token} https://evil.example/`)).toBeNull();
  });
});
