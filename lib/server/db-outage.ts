// next/headers' own module, imported by its path: the specifier "next/headers" is refused in the
// Pages Router's bundle, which also reaches this file through lib/server/db.ts (the practice
// pages, issue #16). There `headers()` throws (no App Router request), and the catch below returns.
import { headers } from "next/dist/server/request/headers";
import { redirect } from "next/navigation";
import type { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { databaseMarkedDown, noteDatabaseError, noteDatabaseReachable, PAGE_URL_HEADER, pageUrlFromHeader, watchDatabase } from "./db-health";

/**
 * PostgreSQL outages (issue #7), the client side: every connection-class failure marks the
 * database down (lib/server/db-health.ts), which makes proxy.ts answer pages with a 503 until the
 * probe sees the database again. Used only by the PostgreSQL branch of lib/server/db.ts.
 */

/**
 * @prisma/adapter-pg options: `onPoolError` fires when an idle pooled connection dies (a server
 * shutdown terminates every backend with 57P01, so the mark is set before any request notices),
 * `onConnectionError` when a connection held by an interactive transaction does.
 */
export const outageAdapterOptions = { onPoolError: noteDatabaseError, onConnectionError: noteDatabaseError };

/**
 * Watches `client` (the probe runs `SELECT 1` through it) and returns it extended so that a
 * query failing with a connection-class error marks the outage, and one succeeding clears it.
 * A page render that hits the outage itself cannot answer 503 — App Router has no API to set
 * that status, only 307/404/403/401 by throwing — so it redirects to its own URL, which the
 * proxy then answers with the 503 page.
 * @see https://nextjs.org/docs/app/api-reference/functions/redirect
 * @see https://www.prisma.io/docs/orm/prisma-client/client-extensions/query#modify-all-operations-in-all-models-of-your-schema
 */
export function withOutageHandling(client: PostgresClient) {
  watchDatabase(() => client.$queryRaw`SELECT 1`);
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        // Only a query sent while marked down can prove the database is back; one sent before
        // the mark may answer after it (its reply was already on the way) and prove nothing.
        const sentWhileDown = databaseMarkedDown();
        try {
          const result = await query(args);
          if (sentWhileDown) noteDatabaseReachable();
          return result;
        } catch (error) {
          if (noteDatabaseError(error)) await retryPageThroughProxy();
          throw error;
        }
      },
    },
  });
}

/**
 * Throws Next's redirect to the page's own URL when called inside a page GET that came through
 * proxy.ts (which stamps PAGE_URL_HEADER); returns otherwise (route handlers, server actions,
 * scripts), leaving the caller to throw the database error (route handlers answer it with a 503).
 */
async function retryPageThroughProxy(): Promise<void> {
  let value: string | null;
  try {
    value = (await headers()).get(PAGE_URL_HEADER);
  } catch {
    return; // not inside an App Router request (scripts, tests, the Pages Router)
  }
  const url = pageUrlFromHeader(value);
  if (url) redirect(url);
}
