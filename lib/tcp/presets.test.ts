import { describe, expect, it } from "vitest";
import { PRESETS, PRESET_IDS, getPreset } from "./presets";
import { simulate } from "./engine";

const REQUIRED = [
  "normal-lifecycle", "handshake-lost-syn", "handshake-lost-synack", "handshake-lost-ack",
  "teardown-lost-fin", "teardown-lost-fin-ack", "teardown-lost-second-fin", "teardown-lost-last-ack",
  "three-segment-teardown", "four-segment-teardown", "connect-refused", "connect-timeout",
  "connection-without-accept", "backlog-overflow", "backlog-overflow-abort", "backlog-somaxconn-clamp",
  "syn-flood-no-cookies", "syn-flood-cookies", "time-wait-rebind-eaddrinuse", "time-wait-rebind-reuseaddr",
  "time-wait-rfc9293-2msl", "half-close", "simultaneous-open", "simultaneous-close", "self-connect",
  "rst-unread-data", "rst-linger-zero", "rst-data-after-close", "close-wait-leak", "fin-wait-2-timeout",
  "ipv6-dual-stack", // the playground's IPv6 example (issue #17)
];

describe("preset scenarios", () => {
  it("should provide exactly the ids the lessons reference", () => {
    expect([...PRESET_IDS].sort()).toEqual([...REQUIRED].sort());
    expect(getPreset("nope")).toBeUndefined();
  });

  it.each(REQUIRED)("%s: should have en and zh texts and tags, and simulate quietly and deterministically", (id) => {
    const p = getPreset(id);
    expect(p?.id).toBe(id);
    if (!p) return;
    expect(p.title.en.length).toBeGreaterThan(3);
    expect(p.description.en.length).toBeGreaterThan(20);
    expect(p.title.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.description.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.tags.length).toBeGreaterThan(0);
    const a = simulate(PRESETS[p.id].scenario);
    expect(a.truncated).toBe(false);
    expect(a.events.some((e) => e.kind === "segment")).toBe(true);
    expect(JSON.stringify(simulate(PRESETS[p.id].scenario))).toBe(JSON.stringify(a));
  });
});
