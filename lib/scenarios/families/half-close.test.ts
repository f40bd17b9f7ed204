import { describe, expect, it } from "vitest";
import { samples, steps } from "../testing";
import { halfClose } from "./half-close";

const all = samples(halfClose, 150);

describe("half-close", () => {
  it("should behave like kernel-fact 06 after shutdown(SHUT_WR): EPIPE, EOF for the peer, all data still delivered, FIN-WAIT-2/CLOSE-WAIT, then TIME-WAIT", () => {
    const cases = all.filter((s) => steps(s.sc, "shutdown")[0]!.how === "SHUT_WR");
    expect(cases.length).toBeGreaterThan(100);
    for (const s of cases) {
      const x = steps(s.sc, "shutdown")[0]!.host;
      const sent = steps(s.sc, "send").filter((st) => st.host !== x).reduce((n, st) => n + (st.bytes ?? 0), 0);
      expect(s.g.answer, `seed ${s.seed}`).toEqual({ xSend: "EPIPE", peerRecv: "zero", bytes: sent, xState: "FIN-WAIT-2", peerState: "CLOSE-WAIT", xFinal: "TIME-WAIT" });
    }
  });

  it("should refuse data after shutdown(SHUT_RDWR): nothing is received and the peer's data is reset", () => {
    const cases = all.filter((s) => steps(s.sc, "shutdown")[0]!.how === "SHUT_RDWR");
    expect(cases.length).toBeGreaterThan(3);
    for (const s of cases) expect(s.g.answer).toMatchObject({ xSend: "EPIPE", peerRecv: "zero", bytes: 0, xFinal: "CLOSED" });
  });

  it("should grade 'nothing flows after shutdown' below 1", () => {
    const s = all[0]!;
    const g = halfClose.grade(s.g.params, { ...s.g.answer, bytes: 0 });
    expect(g.score).toBeCloseTo(5 / 6);
    expect(g.divergence?.step).toBe(2);
  });
});
