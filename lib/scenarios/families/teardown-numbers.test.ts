import { describe, expect, it } from "vitest";
import { numberAfter, samples, steps, u32, type Sample } from "../testing";
import type { TeardownNumbersConfig } from "./teardown-numbers";
import { teardownNumbers } from "./teardown-numbers";

const all = samples(teardownNumbers, 120);

function setup(s: Sample<TeardownNumbersConfig>) {
  const x = numberAfter(s.text, "x =");
  const y = numberAfter(s.text, "y =");
  const closeAt = steps(s.sc, "close").find((c) => c.at !== undefined)!;
  const passiveClose = steps(s.sc, "close").find((c) => c.after !== undefined)!;
  const bytes = (host: string) => steps(s.sc, "send", host).reduce((n, st) => n + (st.bytes ?? 0), 0);
  const active = closeAt.host;
  const passive = active === "client" ? "server" : "client";
  const isn = (h: string) => (h === "client" ? x : y);
  return { active, passive, isn, bytes, delay: passiveClose.delayMs, profile: s.sc.profile };
}

describe("teardown-numbers", () => {
  it("should put each FIN after the data its sender sent and acknowledge the FIN as seq+1 (RFC 9293 §3.4, §3.6)", () => {
    for (const s of all) {
      const { active, passive, isn, bytes } = setup(s);
      const a = s.g.answer;
      expect(a.finSeq).toBe(u32(isn(active) + 1 + bytes(active)));
      expect(a.finAck).toBe(u32(isn(passive) + 1 + bytes(passive)));
      expect(a.peerFinSeq).toBe(u32(isn(passive) + 1 + bytes(passive)));
      expect(a.lastAck).toBe(u32((a.peerFinSeq as number) + 1));
    }
  });

  it("should take 3 segments on Linux when the passive side closes at once, 4 otherwise (kernel-facts 02a, 02b)", () => {
    const seen = new Set<number>();
    for (const s of all) {
      const { delay, profile } = setup(s);
      const expected = profile === "linux" && delay === 0 ? 3 : 4;
      expect(s.g.answer.count, `seed ${s.seed}`).toBe(expected);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual([3, 4]);
  });

  it("should grade the 'always four segments' answer below 1", () => {
    const s = all.find((x) => x.g.answer.count === 3)!;
    const g = teardownNumbers.grade(s.g.params, { ...s.g.answer, count: 4 });
    expect(g.score).toBeCloseTo(0.8);
    expect(g.divergence?.message.en).toContain("kernel-fact 02a");
  });
});
