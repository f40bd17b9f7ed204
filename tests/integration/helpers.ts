import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { DomainError } from "@/lib/core";
import type { Role } from "@/lib/server/db";

/** A fresh user with a unique email (integration tests share one database per run). */
export async function makeUser(role: Role = "STUDENT", name = "Test User") {
  const { createUser } = await import("@/lib/server/users");
  const { db } = await import("@/lib/server/db");
  const email = `int-${randomUUID().slice(0, 12)}@example.test`;
  const password = `pw-${randomUUID()}`;
  const user = await createUser({ name, email, password });
  if (role !== "STUDENT") await db.user.update({ where: { id: user.id }, data: { role } });
  return { ...user, role, password };
}

export function dbKind(): "sqlite" | "postgres" {
  return process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
}

/**
 * The code of the `errorClass` error `promise` rejects with, undefined when it resolves; any
 * other error (another service's, a bug) is rethrown so the test fails on it.
 */
export async function domainErrorCode(promise: Promise<unknown>, errorClass: abstract new (...args: never[]) => DomainError): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof errorClass) return error.code;
    throw error;
  }
}

/** Every route handler of the app: `app/…/route.ts`, relative to the repository root, with "/" separators. */
export function routeHandlerFiles(root = process.cwd()): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(root, "app"));
  return files.filter((f) => f.endsWith(`${path.sep}route.ts`)).map((f) => path.relative(root, f).split(path.sep).join("/"));
}
