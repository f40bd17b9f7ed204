/**
 * Who may do what. The same three values as the `Role` enum of prisma/schema.prisma (asserted in
 * role.test.ts), defined here so that code outside lib/server never imports the generated Prisma
 * client. Each role includes the ones below it; the rank is the one ordering the server, the
 * navigation (lib/site.ts) and the lesson page's script (public/lesson.js, which receives it from
 * the page as `data-role-ranks`) use.
 */
export const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Readonly<Record<Role, number>> = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Does `role` include `atLeast` (an admin may do what an instructor may, and so on)? */
export function roleAtLeast(role: Role, atLeast: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[atLeast];
}
