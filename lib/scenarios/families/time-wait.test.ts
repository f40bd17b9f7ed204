import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { timeWait, type TimeWaitConfig } from "./time-wait";

const all = samples(timeWait, 300);

function setup(s: Sample<TimeWaitConfig>) {
  const close = steps(s.sc, "close").find((c) => c.at !== undefined && c.sock !== "l")!;
  const reuse = (sock: string) => steps(s.sc, "setsockopt").some((o) => o.sock === sock && o.opt === "SO_REUSEADDR" && o.value);
  const bind = steps(s.sc, "bind").find((b) => b.sock === "n")!;
  const twMs = s.sc.profile === "linux" ? 60_000 : 2 * s.sc.sysctl.msl_ms;
  return { active: close.host, closeAt: close.at!, oldReuse: reuse("l"), newReuse: reuse("n"), restartAt: bind.at!, twMs, profile: s.sc.profile };
}

describe("time-wait", () => {
  it("should put TIME-WAIT on the side that closed first (RFC 9293 §3.6)", () => {
    for (const s of all) expect(s.g.answer.twSide).toBe(setup(s).active);
  });

  it("should last 60 s on Linux whatever tcp_fin_timeout is (kernel-fact 03a) and 2×MSL in the RFC profile", () => {
    const finTimeouts = new Set<number>();
    for (const s of all) {
      const { twMs, profile } = setup(s);
      if (profile === "linux") finTimeouts.add(s.sc.sysctl.tcp_fin_timeout);
      // Linux: TCP_TIMEWAIT_LEN rounded up to the timer wheel's 2.048 s grid (kernel facts 03a, 09).
      if (profile === "linux") {
        expect(s.g.answer.twSeconds as number).toBeGreaterThanOrEqual(60);
        expect(s.g.answer.twSeconds as number).toBeLessThan(62.05);
      } else expect(s.g.answer.twSeconds).toBeCloseTo(twMs / 1000, 1);
    }
    expect(finTimeouts.size).toBeGreaterThan(3);
  });

  it("should refuse the restarted bind only while the server's TIME-WAIT lives, unless both sockets set SO_REUSEADDR", () => {
    const outcomes = new Set<string>();
    for (const s of all) {
      const { active, closeAt, oldReuse, newReuse, restartAt, twMs } = setup(s);
      const blocked = active === "server" && restartAt < closeAt + twMs && !(oldReuse && newReuse);
      expect(s.g.answer.bind, `seed ${s.seed}`).toBe(blocked ? "EADDRINUSE" : "ok");
      outcomes.add(`${active}:${oldReuse}:${newReuse}:${String(s.g.answer.bind)}`);
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(8);
  });

  it("should not present Linux's bind rule as the RFC's in the rfc9293 profile", () => {
    let blockedRfc = 0;
    for (const s of all) {
      const why = timeWait.grade(s.g.params, s.g.answer).explanation;
      if (s.sc.profile === "rfc9293") {
        expect(why.en).not.toContain("Linux allows");
        expect(s.text).toContain("RFC 9293 defines no bind()");
        if (s.g.answer.bind === "EADDRINUSE") {
          blockedRfc++;
          expect(why.en).toContain("RFC 9293 does not define bind()");
          expect(why.zh).toContain("RFC 9293 没有定义 bind()");
        }
      } else {
        expect(s.text).not.toContain("RFC 9293 defines no bind()");
        if (s.g.answer.bind === "EADDRINUSE" && setup(s).active === "server") expect(why.en).toContain("Linux allows the bind only when both");
      }
    }
    expect(blockedRfc).toBeGreaterThan(0);
  });

  it("should grade 'TIME-WAIT lasts tcp_fin_timeout' below 1", () => {
    const s = all.find((x) => x.sc.profile === "linux" && x.sc.sysctl.tcp_fin_timeout !== 60)!;
    const g = timeWait.grade(s.g.params, { ...s.g.answer, twSeconds: s.sc.sysctl.tcp_fin_timeout });
    expect(g.score).toBeCloseTo(2 / 3);
    expect(g.divergence?.message.en).toContain("TCP_TIMEWAIT_LEN");
  });
});
