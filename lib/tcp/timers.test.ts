import { describe, expect, it } from "vitest";
import type { SegmentEvent, StateEvent, Trace } from "./types";
import type { StepInput } from "./scenario";
import { modelTimeoutUs } from "./timers";
import { find, listener, snapAt, twoHosts } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.copyOf === undefined);
const base: StepInput[] = [
  ...listener("server", "10.0.0.2", 80, 16),
  { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
  { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
];

describe("timers", () => {
  it("should model Linux's give-up budget: (2^(n+1) − 1)·base, then linear at RTO max (tcp_model_timeout)", () => {
    expect(modelTimeoutUs(6, 1_000_000, 120_000_000)).toBe(127_000_000);
    // tcp_retries2 = 15 from 200 ms: 924.6 s, the classic figure.
    expect(modelTimeoutUs(15, 200_000, 120_000_000)).toBe(924_600_000);
    expect(modelTimeoutUs(8, 200_000, 120_000_000)).toBe(102_200_000);
  });

  it("should ACK the first data at once (quick-ACK at connection start, kernel fact 01)", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "send", data: "hello" }]);
    const data = segs(t).find((s) => s.len === 5);
    const ack = segs(t).find((s) => s.from === "server" && s.label === "seq=y+1 ack=x+6");
    expect((ack?.t ?? 0) - (data?.arriveAt ?? 0)).toBe(0);
  });

  it("should delay the ACK of a FIN by 40 ms once data has flowed, by one tick before (facts 06, 02b)", () => {
    const withData = twoHosts([
      ...base,
      { at: 10, host: "client", sock: "c", call: "send", data: "request!" },
      { at: 20, host: "client", sock: "c", call: "shutdown", how: "SHUT_WR" },
    ]);
    const fin1 = segs(withData).find((s) => s.flags.includes("FIN"));
    const ack1 = segs(withData).find((s) => s.from === "server" && s.ack === ((fin1?.seq ?? 0) + 1) >>> 0);
    expect((ack1?.t ?? 0) - (fin1?.arriveAt ?? 0)).toBe(40);
    const bare = twoHosts([...base, { at: 20, host: "client", sock: "c", call: "shutdown", how: "SHUT_WR" }]);
    const fin2 = segs(bare).find((s) => s.flags.includes("FIN"));
    const ack2 = segs(bare).find((s) => s.from === "server" && s.ack === ((fin2?.seq ?? 0) + 1) >>> 0);
    expect((ack2?.t ?? 0) - (fin2?.arriveAt ?? 0)).toBe(2);
  });

  it("should retransmit SYN-ACKs at 1, 3, 7, 15, 31 s and drop the request at 63 s (reqsk_timer_handler)", () => {
    const t = twoHosts(base, {
      faults: [{ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, count: 100 }],
    });
    const synacks = segs(t).filter((s) => s.flags.join() === "SYN,ACK" && s.retransmission && s.socket === "l#1");
    const first = segs(t).find((s) => s.flags.join() === "SYN,ACK")?.t ?? 0;
    expect(synacks.map((s) => s.t - first)).toEqual([1000, 3000, 7000, 15000, 31000]);
    const gone = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "l#1" && e.to === "CLOSED");
    expect(gone?.cause).toBe("synack-timeout");
    expect((gone?.t ?? 0) - first).toBe(63_000);
  });

  it("should back off data retransmissions exponentially from RTO = SRTT + 200 ms", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "send", data: "x" }], {
      faults: [{ action: "drop", match: { from: "client", data: true }, count: 3 }],
    });
    const tx = segs(t).filter((s) => s.len === 1).map((s) => s.t);
    expect(tx).toEqual([10, 212, 616, 1424]);
  });

  // Observed on 6.18 loopback with every segment held back: FIN-WAIT-1 retransmissions at
  // 0.2, 0.6, 1.5, 3.2, 6.6, 13, 27, 54 s (8 of them), socket gone after 107 s, no RST.
  it("should give up on an orphaned FIN after tcp_orphan_retries=0 ⇒ 8 retries (~102 s budget), silently", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "close" }], {
      faults: [{ action: "drop", match: { from: "client", flags: ["FIN"] }, count: 100 }],
    });
    const fins = segs(t).filter((s) => s.flags.includes("FIN"));
    expect(fins).toHaveLength(9); // the FIN and 8 retransmissions
    const end = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "c" && e.to === "CLOSED");
    expect(end?.cause).toBe("timeout");
    expect((end?.t ?? 0) - 10).toBeGreaterThanOrEqual(102_200);
    expect(segs(t).some((s) => s.flags.includes("RST"))).toBe(false);
  });

  it("should show an orphaned FIN-WAIT-2 with a 'timewait' timer and drop it after tcp_fin_timeout", () => {
    const t = twoHosts([
      ...base,
      { id: "eof", after: "acc", host: "server", sock: "s", call: "recv" },
      { at: 10, host: "client", sock: "c", call: "close" },
    ]);
    const snap = find(snapAt(t, 1000), "client", "c");
    expect(snap?.state).toBe("FIN-WAIT-2");
    expect(snap?.timer?.kind).toBe("timewait");
    const fw2 = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "c" && e.to === "FIN-WAIT-2")?.t ?? 0;
    const gone = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "c" && e.to === "CLOSED")?.t ?? 0;
    expect(gone - fw2).toBe(60_000);
  });

  it("should keep TIME-WAIT at 60 s whatever tcp_fin_timeout says (kernel fact 03a)", () => {
    const t = twoHosts(
      [
        ...base,
        { id: "eof", after: "acc", host: "server", sock: "s", call: "recv" },
        { after: "eof", host: "server", sock: "s", call: "close" },
        { at: 10, host: "client", sock: "c", call: "close" },
      ],
      { sysctl: { tcp_fin_timeout: 5 } },
    );
    const tw = t.events.filter((e): e is StateEvent => e.kind === "state" && e.socket === "c");
    const enter = tw.find((e) => e.to === "TIME-WAIT")?.t ?? 0;
    expect((tw.find((e) => e.from === "TIME-WAIT")?.t ?? 0) - enter).toBe(60_000);
  });
});
