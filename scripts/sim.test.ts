import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.resolve(process.cwd(), "node_modules/.bin/tsx");
const run = (...args: string[]) => spawnSync(tsx, ["scripts/sim.ts", ...args], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 });

describe("CLI (npm run sim)", () => {
  it("should print a preset's trace as JSON", () => {
    const r = run("--preset", "connect-refused");
    expect(r.status).toBe(0);
    const trace = JSON.parse(r.stdout);
    expect(trace.events.some((e: { kind: string; flags?: string[] }) => e.kind === "segment" && e.flags?.includes("RST"))).toBe(true);
  }, 60_000);

  it("should print a readable timeline with --format text", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tcplab-"));
    const file = path.join(dir, "s.json");
    writeFileSync(file, JSON.stringify({ hosts: [{ name: "a", ip: "10.0.0.1" }], script: [{ at: 0, host: "a", sock: "c", call: "connect", to: "10.0.0.9:80" }], untilMs: 1500 }));
    const r = run(file, "--format", "text");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("[SYN] seq=x");
    expect(r.stdout).toContain("[retransmission]");
  }, 60_000);

  it("should reject bad input with exit code 2 and zod issue paths, without a stack trace", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tcplab-"));
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ hosts: [{ name: "a", ip: "300.1.1.1" }], script: [{ at: 0, host: "a", sock: "c", call: "bind", port: 70000 }] }));
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hosts.0.ip");
    expect(r.stderr).toContain("script.0.port");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const notJson = path.join(dir, "x.json");
    writeFileSync(notJson, "{ nope");
    expect(run(notJson).status).toBe(2);
    expect(run("--preset", "no-such").status).toBe(2);
  }, 60_000);
});
