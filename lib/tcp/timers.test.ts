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
    // ato = TCP_ATO_MIN = 10 jiffies from the arrival's jiffy, +1 on wheel level 0 (calc_index).
    const tick = 4;
    expect(ack1?.t).toBe((Math.floor((fin1?.arriveAt ?? 0) / tick) + 11) * tick);
    const bare = twoHosts([...base, { at: 20, host: "client", sock: "c", call: "shutdown", how: "SHUT_WR" }]);
    const fin2 = segs(bare).find((s) => s.flags.includes("FIN"));
    const ack2 = segs(bare).find((s) => s.from === "server" && s.ack === ((fin2?.seq ?? 0) + 1) >>> 0);
    // ato = 0: jiffies + 0 runs on the next tick (kernel facts 02b/02c: 1.8 ms, 3.0 ms).
    expect(ack2?.t).toBe((Math.floor((fin2?.arriveAt ?? 0) / tick) + 1) * tick);
  });

  // reqsk_timer_handler re-arms jiffies + (1 s << num_timeout): each wait is at least the
  // nominal 1, 2, 4, 8, 16 s and at most one wheel bucket more (32 ms below 504 jiffies, 256 ms
  // below 4032), so the SYN-ACKs leave at ≈ 1, 3, 7, 15, 31 s and the request dies at ≈ 65.5 s (63 s nominal).
  it("should retransmit SYN-ACKs at ≈ 1, 3, 7, 15, 31 s and drop the request at ≈ 65.5 s (reqsk_timer_handler)", () => {
    const t = twoHosts(base, {
      faults: [{ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, count: 100 }],
    });
    const synacks = segs(t).filter((s) => s.flags.join() === "SYN,ACK" && s.retransmission && s.socket === "l#1");
    const first = segs(t).find((s) => s.flags.join() === "SYN,ACK")?.t ?? 0;
    const times = [first, ...synacks.map((s) => s.t)];
    const bucket = [32, 32, 256, 256, 256];
    [1000, 2000, 4000, 8000, 16000].forEach((nominal, i) => {
      const gap = (times[i + 1] as number) - (times[i] as number);
      expect(gap, `SYN-ACK ${i + 1}`).toBeGreaterThanOrEqual(nominal);
      expect(gap, `SYN-ACK ${i + 1}`).toBeLessThanOrEqual(nominal + bucket[i]! + 4);
      expect((times[i + 1] as number) % 4).toBe(0);
    });
    const gone = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "l#1" && e.to === "CLOSED");
    expect(gone?.cause).toBe("synack-timeout");
    expect((gone?.t ?? 0) - (times[5] as number)).toBeGreaterThanOrEqual(32_000);
    expect((gone?.t ?? 0) - (times[5] as number)).toBeLessThanOrEqual(32_000 + 2048 + 4);
  });

  it("should back off data retransmissions exponentially from RTO = SRTT + 200 ms", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "send", data: "x" }], {
      faults: [{ action: "drop", match: { from: "client", data: true }, count: 3 }],
    });
    // Handshake RTT 2 ms ⇒ RTO = usecs_to_jiffies(2 ms + 200 ms) = 51 jiffies. Sent at 10 ms
    // (jiffy 2): the tail loss probe (PTO 51 jiffies, wheel level 0 adds one) at jiffy 54 =
    // 216 ms; the RTO re-armed in full from there at jiffy 106 = 424 ms; then backoff: 102
    // jiffies (level 1, 8-jiffy buckets) from jiffy 106 ⇒ jiffy 216 = 864 ms. Observed on 6.18
    // (kernel facts 10): probe +211 ms, RTO +208 ms, then +428, +832, +1664 ms.
    const tx = segs(t).filter((s) => s.len === 1).map((s) => s.t);
    expect(tx).toEqual([10, 216, 424, 864]);
    expect(t.counters.client?.TcpExtTCPLossProbes).toBe(1);
    expect(t.counters.client?.TcpExtTCPTimeouts).toBe(2);
  });

  // Observed on 6.18 loopback with every segment held back: socket gone after 107 s, no RST.
  // The FIN goes out, a loss probe repeats it at ≈ 0.2 s, then 8 RTOs (0.4, 0.8, … 53 s
  // after) until the time budget of tcp_orphan_retries 0 ⇒ 8 (102.2 s) is spent at the next
  // one, ≈ 106.6 s.
  it("should give up on an orphaned FIN after tcp_orphan_retries=0 ⇒ 8 retries (~102 s budget), silently", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "close" }], {
      faults: [{ action: "drop", match: { from: "client", flags: ["FIN"] }, count: 100 }],
    });
    const fins = segs(t).filter((s) => s.flags.includes("FIN"));
    expect(fins).toHaveLength(10); // the FIN, the loss probe and 8 RTO retransmissions
    const end = t.events.find((e): e is StateEvent => e.kind === "state" && e.socket === "c" && e.to === "CLOSED");
    expect(end?.cause).toBe("timeout");
    expect((end?.t ?? 0) - 10).toBeGreaterThanOrEqual(102_200);
    expect((end?.t ?? 0) - 10).toBeLessThan(108_000);
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
    // tcp_fin_timeout 60 s = 15000 jiffies: wheel level 3, the next 2.048 s line.
    expect(gone - fw2).toBeGreaterThanOrEqual(60_000);
    expect(gone - fw2).toBeLessThan(62_048);
    expect(gone % 2048).toBe(0);
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
    const end = tw.find((e) => e.from === "TIME-WAIT")?.t ?? 0;
    expect(end - enter).toBeGreaterThanOrEqual(60_000);
    expect(end - enter).toBeLessThan(62_048);
    expect(end % 2048).toBe(0);
  });
});
