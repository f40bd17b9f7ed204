import { describe, expect, it } from "vitest";
import { simulate } from "@/lib/tcp";
import { fmtMs } from "../trace-query";
import { samples } from "../testing";
import { stateAfterEvents } from "./state-after-events";

const all = samples(stateAfterEvents, 300);

/**
 * Pairs of states two ends of one connection can be in at the same instant, with segments in
 * flight (RFC 9293 §3.3.2 state diagram, §3.6 closing): each side has seen at most what the
 * other has sent. CLOSED also stands for "no socket". {CLOSED, CLOSE-WAIT}: an orphaned
 * FIN-WAIT-2 on Linux gives up after tcp_fin_timeout while the peer never closes.
 */
const LEGAL = [
  ["SYN-SENT", "CLOSED"],
  ["SYN-SENT", "SYN-RECEIVED"],
  ["ESTABLISHED", "SYN-RECEIVED"],
  ["ESTABLISHED", "ESTABLISHED"],
  ["ESTABLISHED", "FIN-WAIT-1"],
  ["FIN-WAIT-1", "FIN-WAIT-1"],
  ["FIN-WAIT-1", "CLOSE-WAIT"],
  ["FIN-WAIT-1", "LAST-ACK"],
  ["FIN-WAIT-2", "CLOSE-WAIT"],
  ["FIN-WAIT-2", "LAST-ACK"],
  ["CLOSING", "CLOSING"],
  ["TIME-WAIT", "CLOSING"],
  ["TIME-WAIT", "TIME-WAIT"],
  ["TIME-WAIT", "LAST-ACK"],
  ["TIME-WAIT", "CLOSED"],
  ["CLOSED", "CLOSE-WAIT"],
  ["CLOSED", "CLOSED"],
].map((p) => [...p].sort().join("/"));

describe("state-after-events", () => {
  it("should only ever ask about state pairs the RFC 9293 state diagram allows", () => {
    for (const s of all) {
      const pair = [s.g.answer.client as string, s.g.answer.server as string].sort().join("/");
      expect(LEGAL, `seed ${s.seed}: ${pair}`).toContain(pair);
    }
  });

  it("should cover the handshake, both teardown roles, CLOSING and TIME-WAIT", () => {
    const seen = new Set(all.flatMap((s) => [s.g.answer.client, s.g.answer.server]));
    for (const st of ["SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "LAST-ACK", "CLOSING", "TIME-WAIT", "CLOSED"])
      expect(seen).toContain(st);
  });

  it("should give the side that closed first FIN-WAIT-2 while the other is in CLOSE-WAIT (kernel-fact 02c)", () => {
    const s = all.find((x) => x.g.answer.client === "FIN-WAIT-2" && x.g.answer.server === "CLOSE-WAIT")!;
    const rows = s.g.prompt.table!.rows.map((r) => r.join(" "));
    expect(rows.some((r) => r.includes("client close()"))).toBe(true);
    expect(rows.some((r) => r.includes("server ← [FIN"))).toBe(true);
    expect(rows.some((r) => r.includes("server close()"))).toBe(false);
  });

  it("should list events only before the asked moment and never the states", () => {
    for (const s of all.slice(0, 60)) {
      const T = Number(/t = ([\d.]+) ms/.exec(s.text)?.[1]);
      for (const row of s.g.prompt.table!.rows) expect(Number(row[0])).toBeLessThanOrEqual(T);
      const cells = s.g.prompt.table!.rows.map((r) => r[2]).join(" ");
      expect(cells).not.toMatch(/WAIT|ESTABLISHED|SYN-RECEIVED|SYN-SENT|LAST-ACK|CLOSING/);
    }
  });

  it("should list every segment sent or received up to and including the asked moment, as the text says", () => {
    let atT = 0;
    for (const s of all) {
      const T = Number(/at t = ([\d.]+) ms\?/.exec(s.text)?.[1]);
      expect(s.text).toContain("up to and including");
      const rows = s.g.prompt.table!.rows.map((r) => `${r[0]} ${r[1]} ${r[2]}`);
      for (const e of simulate(s.sc).events) {
        if (e.kind !== "segment" || (e.from !== "client" && e.from !== "server")) continue;
        if (e.t <= T) expect(rows.some((r) => r.startsWith(`${fmtMs(e.t)} ${e.from} → [${e.flags.join(",")}] ${e.label}`)), `seed ${s.seed}: sent ${e.label} at ${e.t}`).toBe(true);
        if (e.to && e.fate !== "dropped" && e.arriveAt !== null && e.arriveAt <= T)
          expect(rows.some((r) => r.startsWith(`${fmtMs(e.arriveAt!)} ${e.to} ← [${e.flags.join(",")}] ${e.label}`)), `seed ${s.seed}: received ${e.label} at ${e.arriveAt}`).toBe(true);
        if (e.t === T || e.arriveAt === T) atT++;
      }
    }
    // The seeds include cuts that fall exactly on a segment, so the inclusive bound is exercised.
    expect(atT).toBeGreaterThan(0);
  });

  it("should explain with the handshake rule before any FIN, and with the teardown rule after", () => {
    const teardown = /FIN-WAIT-1|CLOSE-WAIT|LAST-ACK|CLOSING|TIME-WAIT/;
    let hs = 0;
    let td = 0;
    for (const s of all) {
      const why = s.g.params && stateAfterEvents.grade(s.g.params, s.g.answer).explanation.en;
      const history = why.split("\n\n").slice(1, 3).join(" ");
      if (teardown.test(history)) {
        td++;
        expect(why).toContain("The side that closes first");
      } else {
        hs++;
        expect(why, `seed ${s.seed}`).not.toContain("FIN-WAIT-1 → FIN-WAIT-2");
        expect(why).toContain("SYN-RECEIVED");
      }
    }
    expect(hs).toBeGreaterThan(0);
    expect(td).toBeGreaterThan(0);
  });

  it("should give half credit for one side right and point at the client first", () => {
    const s = all[5]!;
    const wrongClient = s.g.answer.client === "LISTEN" ? "CLOSED" : "LISTEN";
    const g = stateAfterEvents.grade(s.g.params, { client: wrongClient, server: s.g.answer.server as string });
    expect(g.score).toBe(0.5);
    expect(g.divergence?.step).toBe(0);
  });
});
