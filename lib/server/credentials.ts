import { signInSchema } from "@/lib/validation/auth";
import { db, type Role } from "./db";
import { burnPasswordCheck, verifyPassword } from "./password";
import { limitSignIn, resetSignInLimit } from "./rate-limit";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; code: "invalidInput" | "rateLimited" | "invalidCredentials" };

/**
 * The whole sign-in decision, outside next-auth so it can be tested: validate, rate-limit per IP
 * and per account, verify the argon2id hash (spending the same time for unknown emails).
 */
export async function verifyCredentials(raw: unknown, ip: string): Promise<CredentialCheck> {
  const parsed = signInSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, code: "invalidInput" };
  const { email, password } = parsed.data;
  const limit = await limitSignIn(email, ip);
  if (!limit.ok) return { ok: false, code: "rateLimited" };
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    await burnPasswordCheck(password);
    return { ok: false, code: "invalidCredentials" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, code: "invalidCredentials" };
  await resetSignInLimit(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
