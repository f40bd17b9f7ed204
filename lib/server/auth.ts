import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { cache } from "react";
import { env } from "@/lib/env";
import { verifyCredentials } from "./credentials";
import { db, type Role } from "./db";

/** Error codes next-auth hands back to the sign-in form (`result.error`); translated there. */
export const SIGN_IN_ERRORS = ["invalidCredentials", "rateLimited", "invalidInput"] as const;

export function clientIp(h: Headers): string {
  // Behind a proxy the first X-Forwarded-For hop is the client; locally there is none.
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
}

function authSecret(): string | undefined {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  // Development only: a fixed secret is acceptable when nothing is deployed. `npm start` and
  // the test scripts always set a real random one (scripts/lib/secret.ts).
  return env.NODE_ENV === "production" ? undefined : "tcplab-development-secret-not-for-production-use";
}

export const authOptions: NextAuthOptions = {
  // JWT sessions keep app instances stateless: any instance can verify any session.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: authSecret(),
  pages: { signIn: "/en/signin" },
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
      }
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
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<SessionUser | null> {
  const session: Session | null = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
  return user;
});

const rank: Record<Role, number> = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 };

export function hasRole(user: Pick<SessionUser, "role">, atLeast: Role): boolean {
  return rank[user.role] >= rank[atLeast];
}

export class AuthError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? "unauthenticated" : "forbidden");
  }
}

/** For server actions and route handlers: the user, or an AuthError (401/403) to turn into a response. */
export async function requireUser(atLeast: Role = "STUDENT"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError(401);
  if (!hasRole(user, atLeast)) throw new AuthError(403);
  return user;
}
