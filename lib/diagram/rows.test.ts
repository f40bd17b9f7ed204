import { describe, expect, it } from "vitest";
import { handshakeTrace, lostSynTrace } from "./test-support";
import { eventRows } from "./rows";

describe("eventRows", () => {
  it("should list every drawn event in trace order with time, host and text", () => {
    const { rows, omitted } = eventRows(handshakeTrace(), "en");
    expect(omitted).toBe(0);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.seqNo)).toEqual([...rows.map((r) => r.seqNo)].sort((a, b) => a - b));
    const syn = rows.find((r) => r.kind === "segment")!;
    expect(syn).toMatchObject({ time: "5 ms", host: "client → server", event: "#1 [SYN] seq=x" });
    expect(syn.details).toContain("10.0.0.1:40000 → 10.0.0.2:80");
  });

  it("should say how long a blocking call waited", () => {
    const ret = eventRows(handshakeTrace(), "en").rows.filter((r) => r.kind === "return").at(-1)!;
    expect(ret.event).toBe("connect() = 0");
    expect(ret.details).toContain("blocked 0.02 ms");
  });

  it("should mark the lost segment and the retransmission", () => {
    const segs = eventRows(lostSynTrace(), "en").rows.filter((r) => r.kind === "segment");
    expect(segs[0]!.details).toContain("lost (fault)");
    expect(segs[1]!.details).toContain("retransmission");
  });

  it("should leave timer set bookkeeping out unless asked", () => {
    expect(eventRows(lostSynTrace(), "en").rows.filter((r) => r.kind === "timer")).toHaveLength(1);
    expect(eventRows(lostSynTrace(), "en", { allTimers: true }).rows.filter((r) => r.kind === "timer")).toHaveLength(2);
  });

  it("should stop at untilMs and respect a row limit", () => {
    expect(eventRows(handshakeTrace(), "en", { untilMs: 5 }).rows.every((r) => r.t <= 5)).toBe(true);
    const limited = eventRows(handshakeTrace(), "en", { limit: 5 });
    expect(limited.rows).toHaveLength(5);
    expect(limited.omitted).toBe(7);
  });

  it("should write state changes and details in Chinese for zh", () => {
    const rows = eventRows(lostSynTrace(), "zh").rows;
    expect(rows.find((r) => r.kind === "segment")!.details).toContain("丢失");
    expect(rows.find((r) => r.kind === "timer")!.event).toBe("SYN 重传定时器 超时");
  });
});

describe("eventRows: wording", () => {
  it("should explain why a state changed in the reader's language", () => {
    const en = eventRows(handshakeTrace(), "en").rows.find((r) => r.kind === "state" && r.event === "SYN-SENT → ESTABLISHED")!;
    expect(en.details).toBe("c · received SYN-ACK");
    const zh = eventRows(handshakeTrace(), "zh").rows.find((r) => r.kind === "state" && r.event === "SYN-SENT → ESTABLISHED")!;
    expect(zh.details).toBe("c · 收到 SYN-ACK");
  });

  it("should name the socket behind a handle only when they differ", () => {
    const calls = eventRows(handshakeTrace(), "en").rows.filter((r) => r.kind === "call");
    expect(calls.map((r) => r.details)).toEqual(["l", "c"]);
  });
});
