import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { env } from "@/lib/env";
import { db } from "./db";
import type { SessionUser } from "./auth";

/**
 * Reading a session cookie without Next: the pieces lib/server/auth.ts uses inside the app and
 * the production server's page cache (lib/server/page-cache.ts, scripts/serve.ts) uses in front
 * of it, so both decide "who is this, and is the session still valid" the same way.
 */

/**
 * next-auth v4's session-token decoding with the derived key computed once per secret instead of
 * on every request: the same HKDF (SHA-256, empty salt, "NextAuth.js Generated Encryption Key",
 * 32 bytes) and the same JWE check (`dir` + A256GCM, 15 s clock tolerance) as `decode` in
 * next-auth/jwt/index.js, so tokens issued by next-auth's `encode` read back unchanged. The
 * per-request HKDF was a thread-pool round trip on every authenticated request (issue #7,
 * `npm run bench:profile`).
 */
const derivedKeys = new Map<string, Uint8Array>();
function derivedKey(secret: string | Buffer): Uint8Array {
  const id = secret.toString();
  let key = derivedKeys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(id, key);
  }
  return key;
}

export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  // next-auth v4 only ever calls decode with the default (empty) salt for session tokens.
  if (salt) throw new Error("salted session tokens are not used");
  const { payload } = await jwtDecrypt(token, derivedKey(secret), { clockTolerance: 15 });
  return payload as JWT;
}

/**
 * The session token of a request's cookies (next-auth's `getToken`: the same cookie name,
 * `__Secure-` prefix and chunking rules as the sign-in that set it), or null. Cookies only (no
 * `authorization` header): sessions travel in the httpOnly cookie, as with getServerSession; a
 * bearer token is not a way in.
 */
export async function sessionToken(cookies: Record<string, string>, secret: string): Promise<JWT | null> {
  return getToken({ req: { cookies, headers: {} } as never, secret, decode: decodeSessionToken });
}

export type SessionRow = SessionUser & { sessionVersion: number };

/** The user behind a session, with the session version (one small query: lib/server/sql.ts says why raw). */
export async function sessionRow(id: string): Promise<SessionRow | null> {
  const [row] = await db.$queryRaw<SessionRow[]>`SELECT "id", "email", "name", "role", "sessionVersion" FROM "User" WHERE "id" = ${id}`;
  return row ?? null;
}

/** Tokens issued before session versions existed carry none: they count as version 0. */
export function sameVersion(row: { sessionVersion: number | bigint }, token: JWT): boolean {
  return Number(row.sessionVersion) === (typeof token.sv === "number" ? token.sv : 0);
}

/**
 * The secret sessions are signed and encrypted with (next-auth's `secret`, lib/server/auth.ts).
 * Here rather than in auth.ts, which imports next/headers: the Pages Router's practice pages
 * (lib/server/quiz/practice-page.tsx, issue #16) read sessions too, and may not import it.
 */
export function authSecret(): string | undefined {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  // Development only: a fixed secret is acceptable when nothing is deployed. `npm start` and
  // the test scripts always set a real random one (scripts/lib/secret.ts).
  return env.NODE_ENV === "production" ? undefined : "tcplab-development-secret-not-for-production-use";
}
