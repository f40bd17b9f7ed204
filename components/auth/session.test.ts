import { afterEach, describe, expect, it, vi } from "vitest";

/** A fetch whose answers the test releases one by one, in any order. */
function deferredFetch() {
  const pending: Array<(body: unknown) => void> = [];
  const fetch = vi.fn(
    () =>
      new Promise<Response>((resolve) => {
        pending.push((body) => resolve(new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })));
      }),
  );
  return { fetch, pending };
}

describe("browser session", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("should publish the sign-in even when the page load's session request answers after it", async () => {
    const { fetch, pending } = deferredFetch();
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("window", { addEventListener: () => {}, removeEventListener: () => {} });
    const session = await import("./session");
    expect(session.readSession()).toEqual({ status: "loading" });

    // The page load asks first (still signed out on the server) …
    const pageLoad = session.refreshSession();
    // … the learner signs up meanwhile, and the form asks again.
    const afterSignIn = session.refreshSession();
    expect(fetch).toHaveBeenCalledTimes(2);
    pending[1]!({ user: { name: "Ada", role: "student" } });
    await afterSignIn;
    // The stale answer arrives last and must not sign the header out.
    pending[0]!({});
    await pageLoad;
    expect(session.readSession()).toEqual({ status: "authenticated", user: { name: "Ada", role: "student" } });
  });
});
