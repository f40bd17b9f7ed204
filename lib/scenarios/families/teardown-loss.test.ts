import { describe, expect, it } from "vitest";
import { samples, type Sample } from "../testing";
import { teardownLoss, type TeardownLossConfig } from "./teardown-loss";

const all = samples(teardownLoss, 240);

function kind(s: Sample<TeardownLossConfig>) {
  const active = /the \*\*(client|server)\*\* calls close\(\)/.exec(s.text)?.[1];
  const m = /\*\*The (client|server)'s (FIN|ACK of that FIN|last ACK)/.exec(s.text);
  const who = m?.[1];
  const what = m?.[2];
  const loss = what === "last ACK" ? "last-ack" : what === "ACK of that FIN" ? "fin-ack" : who === active ? "fin" : "second-fin";
  const closeAt = Number(/At t = (\d+) ms the/.exec(s.text)?.[1]);
  const rto = (side: string) => Number(new RegExp(`${side}'s current RTO \\(ms\\): \\*\\*([\\d.]+)`).exec(s.text)?.[1]);
  return { loss, active: active!, closeAt, rto };
}

describe("teardown-loss", () => {
  it("should retransmit a lost first FIN one RTO after it was sent, the closer waiting in FIN-WAIT-1 (RFC 6298 §5.1)", () => {
    const cases = all.filter((s) => kind(s).loss === "fin");
    expect(cases.length).toBeGreaterThan(10);
    for (const s of cases) {
      const { closeAt, rto, active } = kind(s);
      expect(s.g.answer).toMatchObject({ activeWait: "FIN-WAIT-1", passiveWait: "ESTABLISHED", what: "active-fin" });
      expect(s.g.answer.when).toBeCloseTo(closeAt + rto(active), 3);
    }
  });

  it("should answer a FIN retransmitted to a TIME-WAIT socket with an ACK when the last ACK is lost (RFC 9293 §3.10.7.4)", () => {
    const cases = all.filter((s) => kind(s).loss === "last-ack");
    expect(cases.length).toBeGreaterThan(10);
    for (const s of cases) expect(s.g.answer).toMatchObject({ activeWait: "TIME-WAIT", passiveWait: "LAST-ACK", what: "passive-fin", reply: "ack" });
  });

  it("should leave the first closer in FIN-WAIT-2 and the other in LAST-ACK when the second FIN is lost", () => {
    const cases = all.filter((s) => kind(s).loss === "second-fin");
    expect(cases.length).toBeGreaterThan(10);
    for (const s of cases) expect(s.g.answer).toMatchObject({ activeWait: "FIN-WAIT-2", passiveWait: "LAST-ACK", what: "passive-fin", reply: "ack" });
  });

  it("should never retransmit a pure ACK on a timer: a lost ACK of the FIN is repaired by a FIN", () => {
    const cases = all.filter((s) => kind(s).loss === "fin-ack");
    expect(cases.length).toBeGreaterThan(10);
    for (const s of cases) {
      expect(s.g.answer.activeWait).toBe("FIN-WAIT-1");
      expect(s.g.answer.passiveWait).toBe("CLOSE-WAIT");
      expect(["active-fin", "none"]).toContain(s.g.answer.what);
    }
    for (const s of all) expect(s.g.answer.what).not.toBe("ack");
  });

  it("should grade 'the TIME-WAIT side retransmits its ACK' below 1", () => {
    const s = all.find((x) => kind(x).loss === "last-ack")!;
    const g = teardownLoss.grade(s.g.params, { ...s.g.answer, what: "ack" });
    expect(g.score).toBeLessThan(1);
    expect(g.divergence?.step).toBe(2);
  });
});
