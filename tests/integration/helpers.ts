import { randomUUID } from "node:crypto";
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
