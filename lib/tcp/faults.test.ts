import { describe, expect, it } from "vitest";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import type { StepInput } from "./scenario";
import { listener, twoHosts } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");
const base: StepInput[] = [
  ...listener("server", "10.0.0.2", 80, 16),
  { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
  { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
];

describe("faults", () => {
  it("should drop the nth segment overall when no match is given", () => {
    const t = twoHosts(base, { faults: [{ action: "drop", nth: 2 }] });
    const s = segs(t);
    expect(s[1]?.flags.join()).toBe("SYN,ACK");
    expect(s[1]?.fate).toBe("dropped");
    expect(s[1]?.cause).toBe("fault");
    expect(s[1]?.arriveAt).toBeNull();
    expect(s.filter((x) => x.fate === "dropped")).toHaveLength(1);
  });

  it("should count only matching segments for nth and apply to `count` of them", () => {
    const t = twoHosts([...base, { at: 10, host: "client", sock: "c", call: "send", data: "abc" }], {
      faults: [{ action: "drop", match: { from: "client", data: true }, nth: 1, count: 2 }],
    });
    const data = segs(t).filter((s) => s.len > 0);
    expect(data.map((s) => s.fate)).toEqual(["dropped", "dropped", "delivered"]);
  });

  it("should match flags as a subset, or exactly with `exact`", () => {
    const sub = twoHosts(base, { faults: [{ action: "drop", match: { flags: ["ACK"] }, nth: 1 }] });
    expect(segs(sub).find((s) => s.fate === "dropped")?.flags.join()).toBe("SYN,ACK");
    const exact = twoHosts(base, { faults: [{ action: "drop", match: { flags: ["ACK"], exact: true }, nth: 1 }] });
    expect(segs(exact).find((s) => s.fate === "dropped")?.flags.join()).toBe("ACK");
  });

  it("should delay a segment by delayMs", () => {
    const t = twoHosts(base, { faults: [{ action: "delay", match: { from: "server" }, delayMs: 30 }] });
    const synack = segs(t).find((s) => s.flags.join() === "SYN,ACK");
    expect(synack?.fate).toBe("delayed");
    expect((synack?.arriveAt ?? 0) - (synack?.t ?? 0)).toBe(31);
  });

  it("should deliver a duplicated segment twice, the copy marked, and the receiver re-ACK old data", () => {
    const t = twoHosts(
      [...base, { at: 10, host: "client", sock: "c", call: "send", data: "once" }, { after: "acc", host: "server", sock: "s", call: "recv" }],
      { faults: [{ action: "duplicate", match: { data: true }, delayMs: 5 }] },
    );
    const data = segs(t).filter((s) => s.len > 0);
    expect(data.map((s) => [s.fate, s.copyOf ?? null])).toEqual([
      ["duplicated", null],
      ["delivered", data[0]?.id],
    ]);
    const recv = t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === "recv");
    expect(recv.map((r) => r.data)).toEqual(["once"]);
    const acks = segs(t).filter((s) => s.from === "server" && s.label === "seq=y+1 ack=x+5");
    expect(acks).toHaveLength(2);
  });

  it("should let faults target the flood pseudo-host", () => {
    const t = twoHosts(listener("server", "10.0.0.2", 80, 16), {
      flood: { target: "server", port: 80, count: 3, ratePerSec: 1000 },
      faults: [{ action: "drop", match: { from: "flood" }, count: 3 }],
    });
    expect(segs(t).every((s) => s.from === "flood" && s.fate === "dropped")).toBe(true);
  });
});
