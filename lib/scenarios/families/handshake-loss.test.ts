import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { handshakeLoss, type HandshakeLossConfig } from "./handshake-loss";
import { wheelFireUs } from "@/lib/tcp/jiffies";

/** When a 1 s timer armed at `t` ms fires: Linux runs it on the jiffies timer wheel, the RFC exactly. */
const rto1s = (profile: string, t: number): number => (profile === "linux" ? wheelFireUs(t * 1000, 1_000_000) / 1000 : t + 1000);

const all = samples(handshakeLoss, 240);

function kind(s: Sample<HandshakeLossConfig>) {
  const f = s.sc.faults[0]!;
  const flags = (f.match?.flags ?? []).join(",");
  const base = f.match?.from === "server" ? "synack" : flags === "SYN" ? (f.count >= 1000 ? "all-syn" : "syn") : "ack";
  const data = steps(s.sc, "send").length > 0;
  return {
    kind: base === "ack" && data ? "ack-then-data" : base,
    copies: f.count,
    L: s.sc.link.latencyMs,
    t0: steps(s.sc, "connect")[0]!.at!,
    profile: s.sc.profile,
    synRetries: s.sc.sysctl.tcp_syn_retries,
  };
}

describe("handshake-loss", () => {
  it("should retransmit a lost SYN after the 1 s initial RTO and connect one round trip later (RFC 6298 §2.1)", () => {
    const cases = all.filter((s) => kind(s).kind === "syn" && kind(s).copies === 1);
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      const { L, t0, profile } = kind(s);
      const when = rto1s(profile, t0);
      expect(s.g.answer).toMatchObject({ clientWait: "SYN-SENT", serverWait: "CLOSED", what: "client-syn", when, result: "ok", connectAt: when + 2 * L });
    }
  });

  it("should leave the client ESTABLISHED and the server in SYN-RECEIVED retransmitting its SYN-ACK when the last ACK is lost", () => {
    const cases = all.filter((s) => kind(s).kind === "ack");
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      const { L, t0, profile } = kind(s);
      // connect() returns when the SYN-ACK arrives; the server's SYN-ACK timer (1 s) runs from its SYN-ACK.
      expect(s.g.answer).toMatchObject({ clientWait: "ESTABLISHED", serverWait: "SYN-RECEIVED", what: "server-synack", when: rto1s(profile, t0 + L), result: "ok", connectAt: t0 + 2 * L });
    }
  });

  it("should retransmit nothing when the client's data carries the lost ACK", () => {
    const cases = all.filter((s) => kind(s).kind === "ack-then-data");
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) expect(s.g.answer).toMatchObject({ what: "none", when: null, result: "ok" });
  });

  it("should time out after tcp_syn_retries doublings of the RTO in the RFC profile (RFC 6298 §5.5)", () => {
    const cases = all.filter((s) => kind(s).kind === "all-syn" && kind(s).profile === "rfc9293");
    expect(cases.length).toBeGreaterThan(2);
    for (const s of cases) {
      const { t0, synRetries } = kind(s);
      // Retransmissions after 1, 2, 4 … s; after the last one it waits one more doubled RTO: (2^(r+1) − 1) s.
      expect(s.g.answer).toMatchObject({ result: "ETIMEDOUT", connectAt: t0 + (2 ** (synRetries + 1) - 1) * 1000, when: t0 + 1000 });
    }
  });

  it("should accept an empty 'when' and grade it right only when nothing is retransmitted", () => {
    const none = all.find((s) => kind(s).kind === "ack-then-data")!;
    const p = handshakeLoss.parse({ ...none.g.answer, when: "" }, none.g.params);
    expect(p.ok && handshakeLoss.grade(none.g.params, p.answer).score).toBe(1);
    const syn = all.find((s) => kind(s).kind === "syn")!;
    const q = handshakeLoss.parse({ ...syn.g.answer, when: "" }, syn.g.params);
    expect(q.ok && handshakeLoss.grade(syn.g.params, q.answer).score).toBeLessThan(1);
  });
});
