import { describe, expect, it } from "vitest";
import type { ReturnEvent, Trace } from "./types";
import { LIMITS, parseScenario, scenarioSchema } from "./scenario";
import { simulateInput } from "./engine";
import { listener, twoHosts } from "./test-support";

const hosts = [
  { name: "client", ip: "10.0.0.1" },
  { name: "server", ip: "10.0.0.2" },
];
const issues = (raw: unknown): string[] => {
  const r = parseScenario(raw);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};
const results = (t: Trace, sock: string): (string | number | null)[] =>
  t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.sock === sock).map((r) => r.errno ?? r.value);

describe("input validation and bounds", () => {
  it("should reject bad scenarios with paths to the offending fields", () => {
    expect(issues({ hosts: [{ name: "a", ip: "1.2.3" }] })).toEqual(["hosts.0.ip: must be an IPv4 address like 10.0.0.1"]);
    expect(issues({ hosts, script: [{ at: 0, host: "nope", sock: "c", call: "close" }] })).toEqual(['script.0.host: unknown host "nope"']);
    expect(issues({ hosts, script: [{ host: "client", sock: "c", call: "close" }] })).toEqual(['script.0: a step needs "at" (ms) or "after" (a step id)']);
    expect(issues({ hosts, script: [{ after: "x", host: "client", sock: "c", call: "close" }] })[0]).toMatch(/^script\.0\.after: /);
    expect(issues({ hosts, script: [{ at: 0, host: "client", sock: "c", call: "send" }] })).toEqual(['script.0: send needs exactly one of "data" or "bytes"']);
    expect(issues({ hosts, script: [{ at: 0, host: "client", sock: "c", call: "teleport" }] })[0]).toMatch(/^script\.0\.call: /);
    expect(issues({ hosts: [...hosts, { name: "client", ip: "10.0.0.3" }] })).toEqual(['hosts.2.name: duplicate host name "client"']);
    expect(issues({ hosts, script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "mars:80" }] })).toEqual([
      'script.0.to: unknown host "mars"',
    ]);
  });

  it("should enforce the shared LIMITS in the schema", () => {
    const many = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ name: `h${i}`, ip: `10.0.1.${i + 1}` }));
    expect(parseScenario({ hosts: many(LIMITS.maxHosts) }).ok).toBe(true);
    expect(parseScenario({ hosts: many(LIMITS.maxHosts + 1) }).ok).toBe(false);
    const steps = (n: number): unknown[] => Array.from({ length: n }, () => ({ at: 0, host: "client", sock: "c", call: "close" }));
    expect(parseScenario({ hosts, script: steps(LIMITS.maxScriptSteps) }).ok).toBe(true);
    expect(parseScenario({ hosts, script: steps(LIMITS.maxScriptSteps + 1) }).ok).toBe(false);
    expect(parseScenario({ hosts, untilMs: LIMITS.maxTimeMs + 1 }).ok).toBe(false);
    expect(parseScenario({ hosts, maxEvents: LIMITS.maxEvents + 1 }).ok).toBe(false);
    expect(parseScenario({ hosts, flood: { target: "server", port: 80, count: LIMITS.maxFloodSyns + 1 } }).ok).toBe(false);
  });

  it("should fill defaults so the normalized scenario replays identically", () => {
    const sc = scenarioSchema.parse({ hosts });
    expect(sc.profile).toBe("linux");
    expect(sc.sysctl.somaxconn).toBe(4096);
    expect(sc.link.latencyMs).toBe(0.01);
    expect(scenarioSchema.parse(sc)).toEqual(sc);
  });

  it("should stop cleanly at the event cap with truncated: true", () => {
    const t = simulateInput({
      hosts,
      maxEvents: 50,
      script: listener("server", "10.0.0.2", 80, 8),
      flood: { target: "server", port: 80, count: 100, ratePerSec: 1000 },
    });
    expect(t.truncated).toBe(true);
    expect(t.events.length).toBeLessThanOrEqual(50);
    expect(t.events.at(-1)?.kind).toBe("note");
  });

  it("should emit nothing after untilMs and end exactly there", () => {
    const t = simulateInput({ hosts, untilMs: 2500, script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "10.0.0.99:80" }] });
    expect(t.endedAt).toBe(2500);
    expect(t.truncated).toBe(false);
    expect(Math.max(...t.events.map((e) => e.t))).toBeLessThanOrEqual(2500);
  });

  it("should stop at the global time bound when a scenario would run on, flagged truncated", () => {
    const t = simulateInput({ hosts, sysctl: { tcp_syn_retries: 127 }, script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "10.0.0.99:80" }] });
    expect(t.truncated).toBe(true);
    expect(t.endedAt).toBe(LIMITS.maxTimeMs);
    expect(Math.max(...t.events.map((e) => e.t))).toBeLessThanOrEqual(LIMITS.maxTimeMs);
  });

  it("should return the errno Linux returns for misuse (observed on 6.18 loopback)", () => {
    const t = twoHosts([
      ...listener("server", "10.0.0.2", 80, 8),
      { at: 0, host: "client", sock: "u", call: "socket" },
      { at: 1, host: "client", sock: "u", call: "send", data: "x" },
      { at: 2, host: "client", sock: "u", call: "recv" },
      { at: 3, host: "client", sock: "u", call: "shutdown", how: "SHUT_WR" },
      { at: 4, host: "client", sock: "u", call: "accept", as: "z" },
      { at: 5, host: "server", sock: "l", call: "connect", to: "server:80" },
      { at: 6, host: "server", sock: "l", call: "recv" },
      { at: 7, host: "server", sock: "l", call: "send", data: "x" },
      { at: 8, host: "client", sock: "nope", call: "recv" },
      { at: 9, host: "server", sock: "l", call: "accept", as: "a", nonblocking: true },
      { at: 10, host: "client", sock: "c", call: "connect", to: "server:80", nonblocking: true },
      { at: 10.5, host: "client", sock: "c", call: "connect", to: "server:80", nonblocking: true },
      { at: 20, host: "client", sock: "c", call: "listen", backlog: 1 },
      { at: 21, host: "client", sock: "c", call: "recv", nonblocking: true },
      { at: 22, host: "client", sock: "c", call: "close" },
      { at: 23, host: "client", sock: "c", call: "recv" },
    ]);
    expect(results(t, "u")).toEqual([3, "EPIPE", "ENOTCONN", "ENOTCONN", "EINVAL"]);
    expect(results(t, "l").slice(2)).toEqual(["EISCONN", "ENOTCONN", "EPIPE", "EAGAIN"]);
    expect(results(t, "nope")).toEqual(["EBADF"]);
    expect(results(t, "c")).toEqual(["EINPROGRESS", "EALREADY", "EINVAL", "EAGAIN", 0, "EBADF"]);
  });

  it("should report ECONNREFUSED from a second connect() after a failed non-blocking one, then retry", () => {
    const t = twoHosts([
      { at: 0, host: "client", sock: "c", call: "connect", to: "server:81", nonblocking: true },
      { at: 10, host: "client", sock: "c", call: "connect", to: "server:81", nonblocking: true },
      { at: 11, host: "client", sock: "c", call: "connect", to: "server:81", nonblocking: true },
    ]);
    // Observed: EINPROGRESS, ECONNREFUSED (the pending error), EINPROGRESS (a new attempt).
    expect(results(t, "c")).toEqual(["EINPROGRESS", "ECONNREFUSED", "EINPROGRESS"]);
  });
});
