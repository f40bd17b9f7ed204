import { describe, expect, it } from "vitest";
import type { SegmentRowValue } from "../answer";
import { samples, u32 } from "../testing";
import { handshakeNumbers } from "./handshake-numbers";

const all = samples(handshakeNumbers, 90);

function rowsOf(s: (typeof all)[number]) {
  const rows = s.g.answer.segments as SegmentRowValue[];
  const input = s.g.prompt.inputs[0];
  if (input?.kind !== "segments") throw new Error("segments input expected");
  const meta = input.rows.map((r) => ({
    fromClient: r.label.en.includes("client →"),
    len: Number(/(\d+) bytes/.exec(r.label.en)?.[1] ?? 0),
  }));
  return { rows, meta };
}

describe("handshake-numbers", () => {
  it("should start with SYN seq=x, SYN-ACK seq=y ack=x+1, ACK seq=x+1 ack=y+1 (RFC 9293 §3.4, kernel-fact 01)", () => {
    for (const s of all) {
      const { rows } = rowsOf(s);
      const x = Number(/x = (\d+)/.exec(s.text)?.[1]);
      const y = Number(/y = (\d+)/.exec(s.text)?.[1]);
      expect(rows[0]).toEqual({ flags: ["SYN"], seq: x, ack: null });
      expect(rows[1]).toEqual({ flags: ["SYN", "ACK"], seq: y, ack: u32(x + 1) });
      expect(rows[2]).toEqual({ flags: ["ACK"], seq: u32(x + 1), ack: u32(y + 1) });
    }
  });

  it("should number data by bytes: seq = ISN + 1 + bytes sent before, final ack = peer ISN + 1 + all peer bytes", () => {
    for (const s of all) {
      const { rows, meta } = rowsOf(s);
      const isn = { client: rows[0]!.seq as number, server: rows[1]!.seq as number };
      const sent = { client: 0, server: 0 };
      rows.forEach((r, i) => {
        if (i < 2) return;
        const side = meta[i]!.fromClient ? "client" : "server";
        expect(r.seq).toBe(u32(isn[side] + 1 + sent[side]));
        sent[side] += meta[i]!.len;
        expect(r.flags).toContain("ACK");
      });
      const lastFrom = (side: "client" | "server") => rows.filter((_, i) => meta[i]!.fromClient === (side === "client")).at(-1)!;
      expect(lastFrom("client").ack).toBe(u32(isn.server + 1 + sent.server));
      expect(lastFrom("server").ack).toBe(u32(isn.client + 1 + sent.client));
    }
  });

  it("should grade 'ack = the received seq' below 1 and point at the SYN-ACK first", () => {
    const s = all[0]!;
    const rows = (s.g.answer.segments as SegmentRowValue[]).map((r) => ({ ...r }));
    rows[1] = { ...rows[1]!, ack: rows[0]!.seq };
    const grade = handshakeNumbers.grade(s.g.params, { segments: rows });
    expect(grade.score).toBeCloseTo(1 - 1 / 3 / rows.length);
    expect(grade.divergence?.step).toBe(1);
    expect(grade.divergence?.eventSeqNo).toBeTypeOf("number");
    expect(grade.reveal?.highlightSeqNo).toBe(grade.divergence?.eventSeqNo);
    expect(grade.divergence?.message.en).toContain("x+1");
  });

  it("should accept ack empty or 0 on the SYN (no ACK flag, 0 on the wire) and nothing else", () => {
    const s = all[1]!;
    const rows = (s.g.answer.segments as SegmentRowValue[]).map((r) => ({ ...r }));
    expect(rows[0]!.ack).toBeNull();
    const withAck = (ack: number | null) => rows.map((r, i) => (i === 0 ? { ...r, ack } : r));
    expect(handshakeNumbers.grade(s.g.params, { segments: withAck(0) }).score).toBe(1);
    expect(handshakeNumbers.grade(s.g.params, { segments: withAck(null) }).score).toBe(1);
    expect(handshakeNumbers.grade(s.g.params, { segments: withAck(1) }).score).toBeCloseTo(1 - 1 / 3 / rows.length);
    // 0 is only the "no ACK" value: on the SYN-ACK (ACK set, ack = x+1) it is wrong.
    const synack0 = rows.map((r, i) => (i === 1 ? { ...r, ack: 0 } : r));
    expect(handshakeNumbers.grade(s.g.params, { segments: synack0 }).score).toBeLessThan(1);
  });

  it("should not grade PSH (Linux sets it on data segments)", () => {
    const s = all.find((x) => (x.g.answer.segments as SegmentRowValue[]).some((r) => r.flags.includes("PSH")))!;
    const rows = (s.g.answer.segments as SegmentRowValue[]).map((r) => ({ ...r, flags: r.flags.filter((f) => f !== "PSH") }));
    expect(handshakeNumbers.grade(s.g.params, { segments: rows }).score).toBe(1);
  });

  it("should refuse malformed answers without grading them", () => {
    const s = all[3]!;
    const rows = s.g.answer.segments as SegmentRowValue[];
    expect(handshakeNumbers.parse({ segments: rows.slice(1) }, s.g.params).ok).toBe(false);
    const bad = handshakeNumbers.parse({ segments: rows.map((r, i) => (i === 1 ? { ...r, ack: "x+1" } : r)) }, s.g.params);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.zh).toContain("第 2 行");
    expect(handshakeNumbers.parse({ segments: rows.map((r) => ({ ...r, flags: ["URG"] })) }, s.g.params).ok).toBe(false);
  });

  it("should keep both ISNs in the prompt but none of the numbers to compute", () => {
    for (const s of all.slice(0, 20)) {
      const json = JSON.stringify(s.g.prompt);
      const rows = s.g.answer.segments as SegmentRowValue[];
      expect(json).toContain(String(rows[0]!.seq));
      expect(json).not.toContain(String(u32((rows[0]!.seq as number) + 1)));
    }
  });
});
