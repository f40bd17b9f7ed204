/**
 * Reading answers out of a simulator trace. Families derive every correct answer from the
 * trace through these helpers (never from a hand formula that could disagree with lib/tcp).
 */
import {
  scenarioSchema,
  simulate,
  type ReturnEvent,
  type ScenarioInput,
  type SegmentEvent,
  type StateEvent,
  type StepInput,
  type TcpState,
  type Trace,
  type TraceEvent,
} from "@/lib/tcp";

/** Builds a script and remembers each step's index (return events refer to it). */
export class ScriptBuilder {
  readonly steps: StepInput[] = [];
  add(step: StepInput): number {
    this.steps.push(step);
    return this.steps.length - 1;
  }
}

/** Validate (defaults filled) and simulate. Invalid input is a bug in the family: it throws. */
export function run(input: ScenarioInput): Trace {
  return simulate(scenarioSchema.parse(input));
}

function isSegment(e: TraceEvent): e is SegmentEvent {
  return e.kind === "segment";
}
export function isState(e: TraceEvent): e is StateEvent {
  return e.kind === "state";
}
export function segments(trace: Trace): SegmentEvent[] {
  return trace.events.filter(isSegment);
}

export function hasFlag(seg: SegmentEvent, flag: SegmentEvent["flags"][number]): boolean {
  return seg.flags.includes(flag);
}

/** Flags as an exact set, order-insensitive. */
export function flagsAre(seg: SegmentEvent, flags: readonly SegmentEvent["flags"][number][]): boolean {
  return seg.flags.length === flags.length && flags.every((f) => seg.flags.includes(f));
}

/** The return event of script step `step` (by index), if the call returned before the end. */
export function returnOf(trace: Trace, step: number): ReturnEvent | undefined {
  return trace.events.find((e): e is ReturnEvent => e.kind === "return" && e.step === step);
}

/**
 * State of a socket at time t (after every event at t when `inclusive`), from its state
 * events. `null` = the socket did not exist yet.
 */
export function stateAt(trace: Trace, host: string, socket: string, t: number, inclusive = true): TcpState | null {
  let s: TcpState | null = null;
  for (const e of trace.events) {
    if (e.t > t || (!inclusive && e.t === t)) break;
    if (e.kind === "state" && e.host === host && e.socket === socket) s = e.to;
  }
  return s;
}

/** Every socket of a host that had a state event by time t, with its state then. */
function statesAt(trace: Trace, host: string, t: number): Map<string, TcpState> {
  const m = new Map<string, TcpState>();
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.kind === "state" && e.host === host) m.set(e.socket, e.to);
  }
  return m;
}

/** How many sockets of `host` are in `state` at time t. */
export function countStateAt(trace: Trace, host: string, t: number, state: TcpState): number {
  let n = 0;
  for (const s of statesAt(trace, host, t).values()) if (s === state) n++;
  return n;
}

/** Times are multiples of 0.001 ms; print them without float noise. */
export function fmtMs(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}

/** A call's outcome as a CALL_RESULT_OPTIONS id: positive / zero / an errno / blocks (never returned). */
export function callResultId(r: ReturnEvent | undefined): string {
  if (!r) return "blocks";
  if (r.errno) return r.errno;
  return r.value !== null && r.value > 0 ? "positive" : "zero";
}
