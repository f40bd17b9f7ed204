import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Entry } from "./page-cache";
import { primaryPageStore } from "./page-store-cluster";

/**
 * Two workers' stores talking to one primary over a real IPC channel: the primary is a child
 * process (page-store-cluster.child.ts) answering as scripts/serve.ts's primary does.
 */
let primary: ChildProcess;
beforeAll(async () => {
  primary = fork(path.join(__dirname, "page-store-cluster.child.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    primary.once("message", () => resolve());
    primary.once("exit", (code) => reject(new Error(`primary exited with ${code}`)));
  });
}, 30_000);
afterAll(() => {
  primary.disconnect();
});

const port = () => ({ send: (m: unknown) => primary.send(m as never), on: (event: "message", listener: (m: unknown) => void) => primary.on(event, listener) });
const entry = (text: string): Entry => ({ headers: [["content-type", "text/html; charset=utf-8"], ["vary", ["rsc", "Accept-Encoding"]]], body: Buffer.from(text) });

describe("primaryPageStore over IPC", () => {
  it("gives a page one worker rendered to the other worker, byte for byte with its headers", async () => {
    const a = primaryPageStore(port());
    const b = primaryPageStore(port());
    expect(await a.claim("k1")).toBeNull();
    const body = Buffer.from([0x1f, 0x8b, 0, 255, 128, 7, 10, 13]);
    a.fill("k1", { headers: entry("").headers, body });
    const kept = await b.claim("k1");
    expect(kept?.body.equals(body)).toBe(true);
    expect(kept?.headers).toEqual(entry("").headers);
  });

  it("makes the other worker wait for a render under way, then hands it the page", async () => {
    const a = primaryPageStore(port());
    const b = primaryPageStore(port());
    expect(await a.claim("k2")).toBeNull();
    const waiting = b.claim("k2");
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    a.fill("k2", entry("rendered by a"));
    expect((await waiting)?.body.toString()).toBe("rendered by a");
  });

  it("lets the waiting worker render when the first render is abandoned", async () => {
    const a = primaryPageStore(port());
    const b = primaryPageStore(port());
    expect(await a.claim("k3")).toBeNull();
    const waiting = b.claim("k3");
    await new Promise((r) => setTimeout(r, 50));
    a.abandon("k3");
    expect(await waiting).toBeNull();
  });
});
