import { describe, expect, it } from "vitest";
import { PRESET_IDS, PRESETS, simulate, snapshotAt } from "@/lib/tcp";
import { playbackSteps, stepFromHash } from "./steps";

/**
 * The per-step socket table is derived from the trace; the oracle is the simulator itself,
 * re-run up to the step's time (`snapshotAt`, what `ss -tan` would show then), for every preset.
 */
describe("playbackSteps against the simulator's own snapshots", () => {
  it.each(PRESET_IDS)("%s: states, listener Recv-Q/Send-Q and timers match ss at every sampled instant", (id) => {
    const trace = simulate(PRESETS[id].scenario);
    const steps = playbackSteps(trace, "en", { maxSteps: 400, maxChildren: Infinity });
    expect(steps.length).toBeGreaterThan(0);
    // The last step shown at each distinct time has applied every event of that time.
    const instants = steps.filter((s, i) => {
      const next = trace.events[s.seqNo + 1];
      return (next === undefined || next.t > s.t) && (i === steps.length - 1 || steps[i + 1]!.t > s.t);
    });
    const sample = instants.filter((_, i) => i % Math.ceil(instants.length / 25) === 0);
    for (const step of sample) {
      const ss = snapshotAt(trace, step.t);
      for (const row of ss) {
        const mine = step.sockets.find((s) => s.host === row.host && s.socket === row.socket);
        expect(mine, `${id} @${step.t} ${row.host}/${row.socket}`).toBeDefined();
        expect(mine?.state, `${id} @${step.t} ${row.host}/${row.socket}`).toBe(row.state);
        if (row.state === "LISTEN") {
          expect(mine?.listener?.acceptQ, `${id} @${step.t} Recv-Q`).toBe(row.recvQ);
          expect(mine?.listener?.backlog, `${id} @${step.t} Send-Q`).toBe(row.sendQ);
        }
        // ss -o counts down to the next timer's expiry (timer->expires, before the timer wheel's
        // rounding); ours must include a timer due then.
        if (row.timer) expect(mine?.timers.some((tm) => Math.abs((tm.due ?? tm.at) - step.t - row.timer!.leftMs) < 0.01), `${id} @${step.t} timer`).toBe(true);
      }
      // Nothing alive in our table that ss does not know.
      for (const s of step.sockets) {
        if (s.state !== "CLOSED") expect(ss.some((r) => r.host === s.host && r.socket === s.socket), `${id} @${step.t} extra ${s.host}/${s.socket}`).toBe(true);
      }
    }
  });
});

describe("playbackSteps details", () => {
  it("follows the handshake: SYN queue, then accept queue, then accept() empties it", () => {
    const trace = simulate(PRESETS["normal-lifecycle"].scenario);
    const steps = playbackSteps(trace, "en");
    const listener = (i: number) => steps[i]!.sockets.find((s) => s.socket === "l")?.listener;
    // From the very step the listener enters LISTEN (before listen() returns), Send-Q is its backlog.
    const listen = steps.findIndex((s) => s.transition?.now && s.transition.to === "LISTEN");
    expect(listener(listen)).toEqual({ synQ: 0, acceptQ: 0, backlog: 128 });
    const synRecv = steps.findIndex((s) => s.transition?.now && s.transition.to === "SYN-RECEIVED");
    expect(listener(synRecv)).toEqual({ synQ: 1, acceptQ: 0, backlog: 128 });
    const estab = steps.findIndex((s) => s.transition?.now && s.transition.socket === "l#1" && s.transition.to === "ESTABLISHED");
    expect(estab).toBeGreaterThan(synRecv);
    // The accept() was already waiting, so the child is taken at once: the queue is empty after.
    const after = steps.slice(estab).find((s) => s.event.startsWith("accept()"));
    expect(after).toBeDefined();
    expect(steps[steps.indexOf(after!)]!.sockets.find((s) => s.socket === "l")?.listener?.acceptQ).toBe(0);
    // Lit transition ids name the state diagram's table rows.
    expect(steps[synRecv]!.transition?.id).toBe("LISTEN>SYN-RECEIVED");
  });

  it("marks each segment's step with its id and keeps the latest transition lit on later steps", () => {
    const trace = simulate(PRESETS["connect-refused"].scenario);
    const steps = playbackSteps(trace, "en");
    const segs = steps.filter((s) => s.segmentId !== null);
    expect(segs.map((s) => s.segmentId)).toEqual([1, 2]);
    const last = steps[steps.length - 1]!;
    expect(last.transition?.id).toBe("SYN-SENT>CLOSED");
  });

  it("caps the steps of a flood", () => {
    const trace = simulate(PRESETS["syn-flood-no-cookies"].scenario);
    expect(playbackSteps(trace, "en", { maxSteps: 50 })).toHaveLength(50);
  });

  it("reads #step=N as a 1-based, clamped step", () => {
    expect(stepFromHash("#step=12", 40)).toBe(11);
    expect(stepFromHash("#step=0", 40)).toBe(0);
    expect(stepFromHash("#step=999", 40)).toBe(39);
    expect(stepFromHash("#x=1&step=3", 40)).toBe(2);
    expect(stepFromHash("#step=abc", 40)).toBeNull();
    expect(stepFromHash("", 40)).toBeNull();
    expect(stepFromHash("#step=2", 0)).toBeNull();
  });
});
