import { describe, expect, it } from "vitest";
import type { SegmentEvent, StateEvent, Trace } from "./types";
import { simulate } from "./engine";
import { PRESETS } from "./presets";

const segs = (t: Trace): string[] =>
  t.events.filter((e): e is SegmentEvent => e.kind === "segment").map((s) => `${s.from} [${s.flags.join(",")}] ${s.label}`);
const states = (t: Trace, socket: string): string[] =>
  t.events.filter((e): e is StateEvent => e.kind === "state" && e.socket === socket).map((e) => e.to);

describe("simultaneous open, simultaneous close, self-connect", () => {
  it("should open with crossing SYNs through SYN-RECEIVED in six segments (observed on 6.18 loopback)", () => {
    const t = simulate(PRESETS["simultaneous-open"].scenario);
    expect(segs(t)).toEqual([
      "client [SYN] seq=x",
      "server [SYN] seq=y",
      "server [SYN,ACK] seq=y ack=x+1",
      "client [SYN,ACK] seq=x ack=y+1",
      "client [ACK] seq=x+1 ack=y+1",
      "server [ACK] seq=y+1 ack=x+1",
    ]);
    expect(states(t, "a")).toEqual(["SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
    expect(states(t, "b")).toEqual(["SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
  });

  it("should close simultaneously through CLOSING, both ends in TIME-WAIT (kernel fact 07c)", () => {
    const t = simulate(PRESETS["simultaneous-close"].scenario);
    expect(states(t, "c")).toEqual(["SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
    expect(states(t, "l#1")).toEqual(["SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
  });

  it("should connect a socket to itself (kernel fact 07a)", () => {
    const t = simulate(PRESETS["self-connect"].scenario);
    expect(segs(t)).toEqual([
      "box [SYN] seq=x",
      "box [SYN,ACK] seq=x ack=x+1",
      "box [ACK] seq=x+1 ack=x+1",
      "box [PSH,ACK] seq=x+1 ack=x+1",
      "box [ACK] seq=x+6 ack=x+6",
      "box [FIN,ACK] seq=x+6 ack=x+6",
      "box [ACK] seq=x+7 ack=x+7",
    ]);
    expect(states(t, "a")).toEqual(["SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
  });
});
