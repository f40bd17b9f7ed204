import { describe, expect, it } from "vitest";
import { PRESET_IDS, PRESETS, simulate, TCP_STATES } from "@/lib/tcp";
import { findTransition, layoutEdges, NODES, TRANSITIONS } from "./index";

describe("state diagram table", () => {
  it("has every RFC 9293 Figure 5 transition", () => {
    // Figure 5 of RFC 9293 §3.3.2, read off the figure: 20 arrows.
    const figure5 = [
      "CLOSED>LISTEN", "CLOSED>SYN-SENT", "LISTEN>CLOSED", "LISTEN>SYN-RECEIVED", "LISTEN>SYN-SENT", "SYN-RECEIVED>LISTEN",
      "SYN-SENT>SYN-RECEIVED", "SYN-SENT>CLOSED", "SYN-RECEIVED>ESTABLISHED", "SYN-SENT>ESTABLISHED", "SYN-RECEIVED>FIN-WAIT-1",
      "ESTABLISHED>FIN-WAIT-1", "ESTABLISHED>CLOSE-WAIT", "FIN-WAIT-1>FIN-WAIT-2", "FIN-WAIT-1>CLOSING", "CLOSE-WAIT>LAST-ACK",
      "FIN-WAIT-2>TIME-WAIT", "CLOSING>TIME-WAIT", "LAST-ACK>CLOSED", "TIME-WAIT>CLOSED",
    ];
    expect(TRANSITIONS.filter((t) => t.source === "rfc9293").map((t) => t.id).sort()).toEqual([...figure5].sort());
    expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length);
  });

  it.each(PRESET_IDS)("%s: every state change the simulator makes is a row of the table, with its cause", (id) => {
    for (const e of simulate(PRESETS[id].scenario).events) {
      if (e.kind !== "state" || e.from === e.to) continue;
      const tr = findTransition(e.from, e.to, e.cause);
      expect(tr, `${e.from} → ${e.to} (${e.cause})`).toBeDefined();
      expect(tr?.events.some((x) => x.causes.includes(e.cause)), `${e.from} → ${e.to} (${e.cause})`).toBe(true);
    }
  });

  it("draws every state once (CLOSED twice, as Figure 5 does) and every transition inside the canvas", () => {
    for (const s of TCP_STATES) expect(NODES.filter((n) => n.state === s).length).toBe(s === "CLOSED" ? 2 : 1);
    const edges = layoutEdges();
    expect(edges).toHaveLength(TRANSITIONS.length);
    for (const e of edges) {
      const nums = e.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      for (const v of nums) expect(v).toBeGreaterThanOrEqual(0);
    }
    for (const tr of TRANSITIONS) for (const ev of tr.events) expect(ev.text.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
