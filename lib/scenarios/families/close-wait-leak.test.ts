import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { closeWaitLeak, type CloseWaitLeakConfig } from "./close-wait-leak";
import { wheelFireUs } from "@/lib/tcp/jiffies";

const all = samples(closeWaitLeak, 150);

function setup(s: Sample<CloseWaitLeakConfig>) {
  const connects = steps(s.sc, "connect", "client");
  const serverCloses = new Set(steps(s.sc, "close", "server").map((c) => c.sock));
  const T = Number(/at t = ([\d.]+) s/.exec(s.g.prompt.inputs[0]!.label.en)?.[1]) * 1000;
  // Client i: connect, 100-byte request, 200-byte answer (1 ms links: a few ms), close() 100 ms later.
  const clients = connects.map((c, i) => ({ closeAt: (c.at ?? 0) + 100 + 5, leaked: !serverCloses.has(`s${i + 1}`) }));
  return { clients, T, finTimeoutMs: s.sc.sysctl.tcp_fin_timeout * 1000 };
}

/** When a timer of `ms` armed just after `closeAt` (the FIN's ACK, ~2 ms later) fires on Linux's timer wheel. */
const wheelEnd = (closeAt: number, ms: number): number => wheelFireUs((closeAt + 2) * 1000, ms * 1000) / 1000;

describe("close-wait-leak", () => {
  it("should count CLOSE-WAIT (forever), orphaned FIN-WAIT-2 (tcp_fin_timeout) and TIME-WAIT (60 s) at the asked moment", () => {
    for (const s of all) {
      const { clients, T, finTimeoutMs } = setup(s);
      const closed = clients.filter((c) => c.closeAt < T);
      expect(s.g.answer, `seed ${s.seed}`).toMatchObject({
        // RFC 9293 §3.6: CLOSE-WAIT lasts until the application closes.
        closeWait: closed.filter((c) => c.leaked).length,
        // net/ipv4/tcp_input.c tcp_rcv_state_process(): an orphaned FIN-WAIT-2 lives tcp_fin_timeout.
        finWait2: closed.filter((c) => c.leaked && T < wheelEnd(c.closeAt, finTimeoutMs)).length,
        // Linux TCP_TIMEWAIT_LEN = 60 s (kernel-fact 03a), on the timer wheel: the TIME-WAIT
        // (entered about when the close happens) goes on the next 2.048 s line (fact 09).
        timeWait: closed.filter((c) => !c.leaked && T < wheelEnd(c.closeAt, 60_000)).length,
        fate: "stays",
      });
    }
  });

  it("should grade 'the kernel frees CLOSE-WAIT after tcp_fin_timeout' below 1", () => {
    const s = all[0]!;
    const g = closeWaitLeak.grade(s.g.params, { ...s.g.answer, fate: "fin-timeout" });
    expect(g.score).toBeCloseTo(3 / 4);
    expect(g.divergence?.step).toBe(3);
  });
});
