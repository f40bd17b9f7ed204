import { describe, expect, it } from "vitest";
import type { ReturnEvent, StateEvent, Trace } from "./types";
import { simulate } from "./engine";
import { PRESETS } from "./presets";
import { find, listener, snapAt, twoHosts } from "./test-support";

const rets = (t: Trace, call: string, sock: string): ReturnEvent[] =>
  t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === call && e.sock === sock);

describe("half-close", () => {
  it("should keep receiving in FIN-WAIT-2 after shutdown(SHUT_WR) while the peer sits in CLOSE-WAIT (fact 06)", () => {
    const t = simulate(PRESETS["half-close"].scenario);
    const mid = snapAt(t, 200);
    expect(find(mid, "client", "c")?.state).toBe("FIN-WAIT-2");
    expect(find(mid, "client", "c")?.timer).toBeUndefined();
    expect(find(mid, "server", "s")?.state).toBe("CLOSE-WAIT");
    expect(rets(t, "recv", "c").map((r) => r.value)).toEqual([3000, 0]);
  });

  it("should fail send() after SHUT_WR with EPIPE", () => {
    const t = simulate(PRESETS["half-close"].scenario);
    expect(rets(t, "send", "c").map((r) => r.errno)).toEqual([null, "EPIPE"]);
  });

  it("should end with the half-closing side in TIME-WAIT", () => {
    const t = simulate(PRESETS["half-close"].scenario);
    const tw = t.events.filter((e): e is StateEvent => e.kind === "state" && e.to === "TIME-WAIT").map((e) => e.socket);
    expect(tw).toEqual(["c"]);
  });

  it("should make recv() return 0 after SHUT_RD yet still deliver queued data first (observed on 6.18)", () => {
    const t = twoHosts([
      ...listener("server", "10.0.0.2", 80, 8),
      { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
      { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
      { at: 10, host: "server", sock: "s", call: "shutdown", how: "SHUT_RD" },
      { at: 20, host: "client", sock: "c", call: "send", data: "hello" },
      { at: 30, host: "server", sock: "s", call: "recv" },
      { at: 31, host: "server", sock: "s", call: "recv" },
    ]);
    expect(rets(t, "recv", "s").map((r) => r.data ?? r.value)).toEqual(["hello", 0]);
    expect(t.events.some((e) => e.kind === "segment" && e.flags.includes("RST"))).toBe(false);
  });
});
