import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { verifyCredentials } from "./credentials";
import { DomainError } from "@/lib/core/errors";
import { roleAtLeast, type Role } from "@/lib/core/role";
import { revokeSessions } from "./users";
import { authSecret, decodeSessionToken, sameVersion, sessionRow, sessionToken } from "./session-token";

import { clientIp } from "./client-ip";

export { clientIp };

const SESSION_REVOKED = "sessionRevoked";

export const authOptions: NextAuthOptions = {
  // JWT sessions keep app instances stateless: any instance can verify any session.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: authSecret(),
  jwt: { decode: decodeSessionToken },
  pages: { signIn: "/en/signin" },
  events: {
    // Signing out ends every session of the user, not just this browser's cookie (issue #14).
    async signOut({ token }) {
      if (typeof token?.uid === "string") await revokeSessions(token.uid);
    },
  },
  logger: {
    // A revoked session read by GET /api/auth/session is expected, not an error to log.
    error(code, metadata) {
      const message = (metadata as { message?: unknown } | undefined)?.message;
      if (code === "JWT_SESSION_ERROR" && message === SESSION_REVOKED) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        let result: Awaited<ReturnType<typeof verifyCredentials>>;
        try {
          result = await verifyCredentials(credentials, clientIp(await headers()));
        } catch (error) {
          // next-auth puts the thrown message into the sign-in URL: never let a database error's
          // text reach the browser. The form shows its generic message for unknown codes.
          console.error("[auth] sign-in failed unexpectedly", error);
          throw new Error("unavailable");
        }
        // next-auth passes the error message to the sign-in form as `result.error`.
        if (!result.ok) throw new Error(result.code);
        return result.user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion ?? 0;
        return token;
      }
      // Every later read of the session (GET /api/auth/session, which the header's menu asks)
      // follows the database: a revoked session is signed out (next-auth clears the cookie when
      // this throws), and a promotion shows in the menu on the next request (issue #14).
      const current = typeof token.uid === "string" ? await sessionRow(token.uid) : null;
      if (!current || !sameVersion(current, token)) throw new Error(SESSION_REVOKED);
      token.role = current.role;
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") {
        session.user.id = token.uid;
        session.user.role = token.role as Role;
      }
      return session;
    },
  },
};

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, re-read from the database so a promotion or deletion takes effect on the
 * next request even though the JWT still carries the old role. Memoized per server render with
 * React's cache(): the layout guard, the page guard and the page share one lookup.
 *
 * The session cookie is decoded directly (next-auth's `getToken`, same cookie name and chunking
 * rules) rather than through `getServerSession`, which runs next-auth's whole request handler —
 * CSRF and callback-URL cookies, the session callback and a re-encryption of the token that
 * App Router code cannot even send back — about a third of a millisecond per request.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<SessionUser | null> {
  // cookies() first, always: it is what makes every page that asks for the user dynamic. Returning
  // before it (e.g. on a build without a secret) would let Next prerender the sign-in redirect.
  const jar = await cookies();
  const secret = authOptions.secret;
  if (!secret) return null;
  const token = await sessionToken(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), secret);
  const id = typeof token?.uid === "string" ? token.uid : undefined;
  if (!id) return null;
  // One small query on every signed-in request (the grading hot path): the user, and whether this
  // session was revoked since it was issued (sign-out, password change, demotion; issue #14).
  const row = await sessionRow(id);
  if (!row || !sameVersion(row, token!)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
});

export function hasRole(user: Pick<SessionUser, "role">, atLeast: Role): boolean {
  return roleAtLeast(user.role, atLeast);
}

/** Not signed in (401) or not allowed (403): a DomainError in `common.api`, so both wrappers translate it. */
export class AuthError extends DomainError<"unauthenticated" | "forbidden"> {
  declare readonly status: 401 | 403;
  constructor(status: 401 | 403) {
    super("common.api", status === 401 ? "unauthenticated" : "forbidden", status);
  }
}

/** For server actions and route handlers: the user, or an AuthError (401/403) to turn into a response. */
export async function requireUser(atLeast: Role = "STUDENT"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError(401);
  if (!hasRole(user, atLeast)) throw new AuthError(403);
  return user;
}
