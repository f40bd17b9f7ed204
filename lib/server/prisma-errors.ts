/**
 * Prisma's known request errors by code, for the places that turn a database race into an
 * answer rather than a 500. Checked by `code` alone (not `instanceof`): the SQLite and the
 * PostgreSQL clients are generated separately and have distinct error classes.
 * @see https://www.prisma.io/docs/orm/reference/error-reference
 */
function prismaCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;
}

/** P2002: a unique constraint refused the row (two concurrent creates of one thing). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === "P2002";
}
