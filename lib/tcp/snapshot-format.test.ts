import { describe, expect, it } from "vitest";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { snapshotAt } from "./snapshot";
import { formatSegment, formatSsLine, formatTraceText } from "./format";
import type { SegmentEvent } from "./types";

describe("snapshots and text output", () => {
  const trace = simulate(PRESETS["connection-without-accept"].scenario);

  it("should show listeners like `ss -ltn`: Recv-Q = accept queue now, Send-Q = backlog (kernel fact 01)", () => {
    const before = snapshotAt(trace, 500).find((s) => s.socket === "l");
    const after = snapshotAt(trace, 1001).find((s) => s.socket === "l");
    expect([before?.recvQ, before?.sendQ]).toEqual([1, 8]);
    expect([after?.recvQ, after?.sendQ]).toEqual([0, 8]);
    expect(formatSsLine(before as never)).toBe("LISTEN 1 8 10.0.0.2:80 0.0.0.0:*");
  });

  it("should count unread bytes in Recv-Q of a queued child and mark it inAcceptQueue", () => {
    const child = snapshotAt(trace, 500).find((s) => s.socket === "l#1");
    expect(child?.state).toBe("ESTABLISHED");
    expect(child?.recvQ).toBe(5);
    expect(child?.inAcceptQueue).toBe(true);
    expect(child?.handle).toBeUndefined();
  });

  it("should equal the final snapshot at endedAt", () => {
    expect(snapshotAt(trace, trace.endedAt)).toEqual(trace.final);
  });

  it("should show SYN-SENT with Send-Q 1 (the SYN) and a retransmission timer", () => {
    const t = simulate(PRESETS["connect-timeout"].scenario);
    const c = snapshotAt(t, 1500).find((s) => s.socket === "c");
    expect(c?.state).toBe("SYN-SENT");
    expect(c?.sendQ).toBe(1);
    expect(c?.timer?.kind).toBe("on");
    expect(c?.timer?.retrans).toBe(1);
  });

  it("should print segments in the kernel facts' notation and a readable timeline in both languages", () => {
    const seg = trace.events.find((e): e is SegmentEvent => e.kind === "segment" && e.flags.join() === "SYN,ACK");
    expect(formatSegment(seg as SegmentEvent)).toBe("server->client [SYN,ACK] seq=y ack=x+1");
    const en = formatTraceText(simulate(PRESETS["backlog-overflow"].scenario));
    const zh = formatTraceText(simulate(PRESETS["backlog-overflow"].scenario), { lang: "zh" });
    expect(en).toContain("[SYN] seq=x");
    expect(en).toContain("Accept queue of l is full");
    expect(zh).toContain("全连接队列");
    expect(en.split("\n")[0]).toMatch(/^# tcplab trace: profile linux/);
  });
});
