import { describe, expect, it } from "vitest";
import { validateScenario } from "./validate";

describe("validateScenario", () => {
  it("should accept a valid scenario and fill defaults", () => {
    const r = validateScenario({ hosts: [{ name: "client", ip: "10.0.0.1" }] }, "en");
    expect(r.ok).toBe(true);
    // Linux default per the kernel-facts README host defaults
    if (r.ok) expect(r.scenario.sysctl.somaxconn).toBe(4096);
  });

  it("should give zod's built-in messages in Chinese for zh and in English for en", () => {
    const zh = validateScenario({ hosts: "x" }, "zh");
    const en = validateScenario({ hosts: "x" }, "en");
    expect(zh.ok || en.ok).toBe(false);
    if (!zh.ok && !en.ok) {
      expect(zh.issues[0]!.path).toBe("hosts");
      expect(zh.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
      expect(en.issues[0]!.message).toMatch(/^Invalid input/);
    }
  });

  it("should report the root for a value that is not an object", () => {
    const r = validateScenario(42, "en");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe("(root)");
  });
});
