import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/core/role";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion?: number;
  }
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The user's sessionVersion when this token was issued (lib/server/auth.ts). */
    sv?: number;
  }
}
