import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";

/**
 * The client's address as scripts/serve.ts proved it from the socket (and TRUSTED_PROXIES'
 * X-Forwarded-For; lib/client-address.js), which it hands over in CLIENT_ADDRESS_HEADER after
 * deleting any such header from the client. Only a server started by serve.ts (which sets
 * TCPLAB_CLIENT_ADDRESS=1 for its workers) is believed; anything else (`next dev`, unit tests)
 * has no trustworthy address and counts every client as "local". X-Forwarded-For itself is
 * never read here: any client can write it (issue #14).
 */
export function clientIp(h: Headers): string {
  if (process.env.TCPLAB_CLIENT_ADDRESS !== "1") return "local";
  return h.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
