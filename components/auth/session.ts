import { useSyncExternalStore } from "react";
import type { Role } from "@/lib/core/role";

/**
 * Who is signed in, as seen by the browser. Static pages (lessons, home) are one HTML for every
 * visitor, so the header's user menu and lesson progress ask next-auth's session endpoint after
 * the page loads — what next-auth's `SessionProvider` did, without shipping next-auth/react
 * (CommonJS with Babel's regenerator runtime, ~5 KB gzip on every page; issue #7). Pages that
 * render per request know the user on the server (`getCurrentUser` in lib/server/auth.ts).
 * @see https://next-auth.js.org/getting-started/rest-api#get-apiauthsession
 */
export type BrowserSession = { status: "loading" } | { status: "unauthenticated" } | { status: "authenticated"; user: { name: string; role: Role } };

const LOADING: BrowserSession = { status: "loading" };
const ANONYMOUS: BrowserSession = { status: "unauthenticated" };

let current: BrowserSession = LOADING;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: BrowserSession): void {
  current = next;
  for (const listener of listeners) listener();
}

type SessionBody = { user?: { name?: string | null; role?: Role } };

let latest = 0;

/**
 * Fetches the session again, e.g. right after signing in. Always a new request: one already in
 * flight may have left before the sign-in cookie was set (a slow first load, then a quick
 * sign-up) and would answer "signed out". Only the newest request's answer is published.
 * Resolves once every subscriber has it.
 */
export function refreshSession(): Promise<void> {
  const seq = ++latest;
  const request = fetch("/api/auth/session", { cache: "no-store" })
    .then(async (response) => {
      if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
      const body = (await response.json()) as SessionBody;
      return body.user?.role ? ({ status: "authenticated", user: { name: body.user.name ?? "", role: body.user.role } } as const) : ANONYMOUS;
    })
    // As SessionProvider does: a session that cannot be read counts as signed out.
    .catch(() => ANONYMOUS)
    .then((next) => {
      if (seq === latest) publish(next);
    })
    .finally(() => {
      if (inflight === request) inflight = null;
    });
  inflight = request;
  return request;
}

/**
 * next-auth's signIn/signOut in another tab announce themselves through localStorage
 * ("nextauth.message"); SessionProvider refetched on that event, and so do we.
 */
function onStorage(event: StorageEvent): void {
  if (event.key === "nextauth.message") void refreshSession();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener("storage", onStorage);
  if (current === LOADING && !inflight) void refreshSession();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener("storage", onStorage);
  };
}

/** The session as last published (useSession's snapshot). */
export function readSession(): BrowserSession {
  return current;
}

/** The browser's session: "loading" on the server and until the first answer arrives. */
export function useSession(): BrowserSession {
  return useSyncExternalStore(subscribe, readSession, () => LOADING);
}
