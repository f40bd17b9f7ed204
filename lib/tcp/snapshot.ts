import type { SocketSnapshot, Trace } from "./types";
import { simulate } from "./engine";

/** `ss -tan` at time `t` (ms): every socket alive then, with queues and timers. */
export function snapshotAt(trace: Trace, t: number): SocketSnapshot[] {
  return simulate({ ...trace.scenario, untilMs: t }).final;
}
