import { describe, expect, it, vi } from "vitest";
import { listPresets } from "@/components/sim/run";
import { scenarioSchema } from "@/lib/tcp/scenario";
import { compactScenario, decodeScenarioParam, encodeScenarioParam, MAX_PARAM_CHARS, sameJson, shareQuery } from "./scenario-url";

const input = {
  seed: 7,
  hosts: [
    { name: "client", ip: "10.0.0.1" },
    { name: "server", ip: "10.0.0.2" },
  ],
  faults: [{ action: "drop", match: { from: "server", flags: ["SYN", "ACK"] } }],
  script: [
    { at: 0, host: "server", sock: "l", call: "listen", backlog: 128 },
    { at: 5, host: "client", sock: "c", call: "connect", to: "server:80" },
  ],
};

describe("scenario share parameter", () => {
  it("should round-trip JSON with non-ASCII text through base64url", () => {
    const value = { ...input, note: "三次握手 ✓" };
    const param = encodeScenarioParam(value);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeScenarioParam(param)).toEqual({ ok: true, value });
  });

  it("should reject characters outside base64url, broken JSON and oversized input", () => {
    expect(decodeScenarioParam("a+b/c=")).toEqual({ ok: false, reason: "malformed" });
    expect(decodeScenarioParam(encodeScenarioParam("x").slice(0, -2) + "@@")).toEqual({ ok: false, reason: "malformed" });
    expect(decodeScenarioParam(btoa("{not json").replace(/=+$/, ""))).toEqual({ ok: false, reason: "malformed" });
    expect(decodeScenarioParam("A".repeat(MAX_PARAM_CHARS + 1))).toEqual({ ok: false, reason: "tooLong" });
  });
});

describe("compactScenario", () => {
  it("should drop every field that restates a default and keep the meaning", () => {
    const full = scenarioSchema.parse(input);
    const compact = compactScenario(full) as Record<string, unknown>;
    // the normalized form spells out all sysctls, link, maxEvents…; the compact one does not
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length / 2);
    expect(compact.sysctl).toBeUndefined();
    expect(compact.link).toBeUndefined();
    expect(compact.seed).toBe(7);
    expect(scenarioSchema.parse(compact)).toEqual(full);
  });

  it("should keep a non-default knob", () => {
    const compact = compactScenario({ ...input, sysctl: { somaxconn: 3, tcp_syncookies: 1 } }) as { sysctl: Record<string, number> };
    // tcp_syncookies=1 is the Linux default (kernel-facts README host defaults), somaxconn=3 is not
    expect(compact.sysctl).toEqual({ somaxconn: 3 });
  });

  it("should keep every preset's meaning", () => {
    for (const p of listPresets()) {
      const compact = compactScenario(p.scenario);
      expect(scenarioSchema.parse(compact)).toEqual(scenarioSchema.parse(p.scenario));
      expect(JSON.stringify(compact).length).toBeLessThanOrEqual(JSON.stringify(p.scenario).length);
    }
  });

  it("should validate the whole scenario twice, however many fields it has (linear, issue #14)", () => {
    const hosts = Array.from({ length: 8 }, (_, i) => ({ name: `h${i}`, ip: `10.0.0.${i + 1}`, sysctl: { somaxconn: 4096, tcp_syncookies: 1 } }));
    const script = Array.from({ length: 200 }, (_, i) => ({ at: i, delayMs: 0, host: "h0", sock: `s${i}`, call: "socket" }));
    const spy = vi.spyOn(scenarioSchema, "safeParse");
    const compact = compactScenario(scenarioSchema.parse({ hosts, script })) as { script: Record<string, unknown>[]; hosts: Record<string, unknown>[] };
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
    expect(compact.script[5]).toEqual({ at: 5, host: "h0", sock: "s5", call: "socket" });
    // A host's sysctl overrides have no defaults of their own: what is written stays.
    expect(compact.hosts[0]).toEqual({ name: "h0", ip: "10.0.0.1", sysctl: { somaxconn: 4096, tcp_syncookies: 1 } });
  });

  it("should return invalid input unchanged", () => {
    expect(compactScenario({ hosts: [] })).toEqual({ hosts: [] });
  });
});

describe("shareQuery", () => {
  const presets = [{ id: "lost-synack", scenario: compactScenario(scenarioSchema.parse(input)) }];

  it("should name an untouched preset, even when written with its defaults", () => {
    expect(shareQuery(input, presets)).toBe("preset=lost-synack");
  });

  it("should encode an edited scenario so decoding gives the same scenario", () => {
    const edited = { ...input, seed: 8 };
    const query = shareQuery(edited, presets);
    expect(query.startsWith("s=")).toBe(true);
    const decoded = decodeScenarioParam(query.slice(2));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(scenarioSchema.parse(decoded.value)).toEqual(scenarioSchema.parse(edited));
  });

  it("should compare JSON regardless of key order", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
