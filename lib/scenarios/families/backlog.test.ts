import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { backlog, type BacklogConfig } from "./backlog";

const all = samples(backlog, 300);

function setup(s: Sample<BacklogConfig>) {
  const B = steps(s.sc, "listen")[0]!.backlog;
  const S = s.sc.sysctl.somaxconn;
  const accepts = steps(s.sc, "accept");
  const M = steps(s.sc, "connect").length;
  // listen() clamps to somaxconn, comparing as unsigned: listen(-1) means somaxconn (kernel-fact 04b).
  const effective = B < 0 ? S : Math.min(B, S);
  return { B, S, k: accepts.length, lateAccept: accepts.some((a) => (a.at ?? 0) > 0), M, effective };
}

describe("backlog", () => {
  it("should let min(M, k + min(B, somaxconn) + 1) clients in on Linux and show the rest in SYN-SENT (kernel-facts 04a, 04b)", () => {
    const cases = all.filter((s) => s.sc.profile === "linux" && !setup(s).lateAccept);
    expect(cases.length).toBeGreaterThan(100);
    for (const s of cases) {
      const { k, M, effective } = setup(s);
      const connected = Math.min(M, k + effective + 1);
      expect(s.g.answer, `seed ${s.seed}`).toEqual({
        connected,
        serverEstab: connected,
        synSent: M - connected,
        recvQ: connected - Math.min(k, connected),
        sendQ: effective,
      });
    }
  });

  it("should replay kernel-fact 04a-backlog-B2: listen(2), no accept, ≥ 4 clients ⇒ 3 connected, Recv-Q 3, Send-Q 2", () => {
    const s = all.find((x) => {
      const c = setup(x);
      return x.sc.profile === "linux" && c.B === 2 && c.S >= 2 && c.k === 0 && c.M >= 4;
    })!;
    expect(s).toBeDefined();
    const M = setup(s).M;
    expect(s.g.answer).toEqual({ connected: 3, serverEstab: 3, synSent: M - 3, recvQ: 3, sendQ: 2 });
  });

  it("should free accept-queue slots for retransmitted SYNs when the application accepts late", () => {
    const cases = all.filter((s) => s.sc.profile === "linux" && setup(s).lateAccept);
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      const { k, M, effective } = setup(s);
      // Accepting k makes room for k more: the SYNs retransmitted after ≈ 1 s fill it again. The
      // timer wheel runs the clients' SYN timers in the same 32 ms bucket, so SYNs can arrive
      // together: each gets a request, and a final ACK that finds the queue full again leaves
      // its client ESTABLISHED (half-open) while the server holds a SYN-RECV request.
      expect(s.g.answer.serverEstab).toBe(Math.min(M, k + effective + 1));
      expect(s.g.answer.recvQ).toBe(Math.min(M, k + effective + 1) - k);
      expect(s.g.answer.connected as number).toBeGreaterThanOrEqual(s.g.answer.serverEstab as number);
    }
  });

  it("should grade 'backlog B holds B connections' and 'accept() is needed' below 1", () => {
    const s = all.find((x) => x.sc.profile === "linux" && !setup(x).lateAccept && (x.g.answer.recvQ as number) >= 1 && setup(x).k === 0)!;
    const a = s.g.answer;
    const off = backlog.grade(s.g.params, { ...a, connected: (a.connected as number) - 1, recvQ: (a.recvQ as number) - 1 });
    expect(off.score).toBeCloseTo(3 / 5);
    const acc = backlog.grade(s.g.params, { ...a, connected: 0, serverEstab: 0, synSent: setup(s).M, recvQ: 0 });
    expect(acc.score).toBeCloseTo(1 / 5);
  });
});
