/**
 * Programmatic sign-in through next-auth v4's own endpoints, as a browser does it:
 * GET /api/auth/csrf (sets the CSRF cookie, returns its token), then POST the credentials form to
 * /api/auth/callback/credentials with that token and cookie. The session cookie it sets is kept.
 * @see https://next-auth.js.org/getting-started/rest-api
 */

/** Cookie jar in one `Cookie` header: name=value pairs from Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // An expired cookie (Max-Age=0 / empty value) is a deletion.
      if (value === "" || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export type SignedIn = { cookie: string; setCookieLines: string[] };

export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedIn> {
  const jar = new CookieJar();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/en/dashboard` }),
  });
  const setCookieLines = res.headers.getSetCookie();
  jar.take(res);
  const text = await res.text();
  const sessionName = [...setCookieLines].map((l) => l.split("=")[0]!).find((n) => /next-auth\.session-token$/.test(n));
  if (!sessionName) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}, no session cookie (${/error=(\w+)/.exec(text)?.[1] ?? text.slice(0, 100)})`);
  return { cookie: jar.header(), setCookieLines };
}

/** Signs many users in, a few at a time (each sign-in is an argon2 verification on the server). */
export async function signInAll(baseUrl: string, users: { email: string; password: string }[], parallel = 4): Promise<string[]> {
  const cookies: string[] = new Array(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, users.length) }, async () => {
      for (let i = next++; i < users.length; i = next++) cookies[i] = (await signIn(baseUrl, users[i]!.email, users[i]!.password)).cookie;
    }),
  );
  return cookies;
}
