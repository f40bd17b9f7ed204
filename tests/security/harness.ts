/**
 * Calling route handlers and server actions directly in integration tests (Vitest, real database)
 * as a given signed-in user.
 *
 * How the session is provided, and why this is honest: only Next's `cookies()` is replaced (it
 * reads the request's cookie jar through Next's request context, which does not exist outside a
 * Next server). The jar holds a real session cookie, encrypted by next-auth's own `encode` with
 * the app's secret, exactly as sign-in issues it. Everything after it is the app's real code:
 * lib/server/auth.ts `getCurrentUser` decrypts the cookie and re-reads the user from the
 * database, `requireUser` applies the role rank, and the handler/action/service decides. Cookie
 * flags and sign-in itself are exercised over HTTP by e2e/security.spec.ts and the fault scripts.
 *
 * The test file declares the mocks (vi.mock is hoisted per file):
 *   vi.mock("next/headers", async (importOriginal) => (await import("../security/harness")).nextHeadersMock(importOriginal));
 *   vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
 *   vi.mock("next-intl/server", async () => (await import("../security/harness")).nextIntlServerMock());
 *   vi.mock("@/i18n/navigation", async () => (await import("../security/harness")).navigationMock());
 */
import type { Role } from "@/lib/server/db";

export type TestUser = { id: string; email: string; name: string; role: Role };

const KEY = Symbol.for("tcplab.tests.session-user");
type Store = { [KEY]?: TestUser | null };

/** Who the next request is signed in as (null: anonymous). */
export function setSessionUser(user: TestUser | null): void {
  (globalThis as Store)[KEY] = user;
}

/**
 * The request's cookie jar (what `cookies()` from next/headers returns): for a signed-in user,
 * the session cookie next-auth sets at sign-in — the token our `jwt` callback writes (uid, role),
 * encrypted by next-auth's `encode` with the app's secret; for anonymous, no cookie at all.
 */
export async function sessionCookies() {
  const user = (globalThis as Store)[KEY] ?? null;
  const jar: { name: string; value: string }[] = [];
  if (user) {
    const { encode } = await import("next-auth/jwt");
    const { authOptions } = await import("@/lib/server/auth");
    const value = await encode({ token: { sub: user.id, uid: user.id, role: user.role, email: user.email, name: user.name }, secret: authOptions.secret! });
    jar.push({ name: "next-auth.session-token", value });
  }
  return {
    getAll: () => jar,
    get: (name: string) => jar.find((c) => c.name === name),
    has: (name: string) => jar.some((c) => c.name === name),
  };
}

const HEADERS = Symbol.for("tcplab.tests.request-headers");
type HeaderStore = { [HEADERS]?: Record<string, string> | null };

/** The next request's headers (null: a same-site request to localhost, what a browser on the site sends). */
export function setRequestHeaders(headers: Record<string, string> | null): void {
  (globalThis as HeaderStore)[HEADERS] = headers;
}

/** What `headers()` from next/headers returns inside a server action (lib/server/action.ts reads Origin, Host, Content-Length). */
export async function requestHeaders(): Promise<Headers> {
  return new Headers((globalThis as HeaderStore)[HEADERS] ?? { host: "localhost", origin: "http://localhost" });
}

/**
 * next/headers outside a Next request: the harness's session cookies and request headers. Each
 * test file still writes its own `vi.mock` (Vitest hoists it per file), pointing here.
 */
export async function nextHeadersMock(importOriginal: () => Promise<object>) {
  return { ...(await importOriginal()), cookies: async () => sessionCookies(), headers: async () => requestHeaders() };
}

/**
 * next-intl/server outside a Next request: getTranslations with an explicit locale, built on the
 * app's own message loader and translator (lib/server/http.ts), so messages are the real ones.
 */
export async function nextIntlServerMock() {
  const { translator } = await import("@/lib/server/http");
  return {
    getTranslations: async (options: { locale?: string; namespace?: string } | string = {}) => {
      const o = typeof options === "string" ? { namespace: options } : options;
      return translator(o.locale === "zh" ? "zh" : "en", o.namespace);
    },
    setRequestLocale: () => undefined,
    getLocale: async () => "en",
  };
}

/**
 * @/i18n/navigation outside Next: next-intl's navigation module imports "next/navigation"
 * without an extension, which Node's ESM resolver refuses when Vitest loads it from
 * node_modules. Its server `redirect({ href, locale })` prefixes the locale (routing.ts:
 * localePrefix "always") and calls Next's redirect(), which throws NEXT_REDIRECT; this does the
 * same with the same digest, so callAction reads both alike.
 */
export function navigationMock() {
  return {
    redirect: ({ href, locale }: { href: string; locale: string }): never => {
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;/${locale}${href};307;` });
    },
    getPathname: ({ href, locale }: { href: string; locale: string }) => `/${locale}${href}`,
  };
}

export type RouteResult = { status: number; headers: Headers; text: string; json: unknown };

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler like Next does: a Request, and `params` as a promise. */
export async function callRoute(
  handler: unknown,
  init: { method?: string; path: string; body?: BodyInit | null; json?: unknown; headers?: Record<string, string>; params?: Record<string, string> },
): Promise<RouteResult> {
  const headers: Record<string, string> = { "accept-language": "en", ...(init.json !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const request = new Request(`http://localhost${init.path}`, { method: init.method ?? (body != null ? "POST" : "GET"), headers, body: body ?? null });
  const response = await (handler as RouteHandler)(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (CSV, GIFT, Anki text …)
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The localized message of a JSON error body, if any. */
export function errorMessage(r: RouteResult): string | undefined {
  const e = (r.json as { error?: { message?: unknown } } | null)?.error;
  return typeof e?.message === "string" ? e.message : undefined;
}

export type ActionOutcome =
  | { kind: "state"; state: { ok: boolean; message?: string; errors?: unknown } }
  | { kind: "redirect"; to: string }
  | { kind: "http"; status: number };

/**
 * Runs a server action and says how it ended: a returned state, a redirect (Next's redirect()
 * throws an error whose digest is `NEXT_REDIRECT;<type>;<url>;<status>;`), or notFound()/
 * forbidden() (`NEXT_HTTP_ERROR_FALLBACK;<status>`). Anything else is a real error and rethrown.
 */
export async function callAction(run: () => Promise<unknown>): Promise<ActionOutcome> {
  try {
    const state = await run();
    return { kind: "state", state: (state ?? { ok: true }) as { ok: boolean; message?: string } };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return { kind: "http", status: Number(digest.split(";")[1]) };
    throw error;
  }
}

/**
 * A refusal the user can understand: a 4xx with a message, an action state with ok false and a
 * message, a redirect to sign-in, or a 403/404 page. Null when the outcome looks like success.
 */
export function refusalOf(outcome: RouteResult | ActionOutcome): string | null {
  if ("status" in outcome && "text" in outcome) {
    // A form's route sends a signed-out browser to sign-in, as an action's redirect does (below).
    if (outcome.status === 303 && /\/signin\b/.test(outcome.headers.get("location") ?? "")) return `redirect ${outcome.headers.get("location")}`;
    if (outcome.status < 400) return null;
    return `${outcome.status} ${errorMessage(outcome) ?? "(no message)"}`;
  }
  switch (outcome.kind) {
    case "state":
      return outcome.state.ok ? null : `state: ${outcome.state.message || "(no message)"}`;
    case "redirect":
      return /\/signin\b/.test(outcome.to) ? `redirect ${outcome.to}` : null;
    case "http":
      return `page ${outcome.status}`;
  }
}
