/**
 * Helpers for lib/tcp tests: build scenarios tersely, pull segments out of a trace in the
 * kernel facts' notation, and parse the facts' `ss` strings. Not exported from index.ts.
 */
import type { ScenarioInput, StepInput } from "../scenario";
import type { SegmentEvent, SocketSnapshot, Trace } from "../types";
import { SS_STATE_NAMES } from "../types";
import { simulateInput } from "../engine";
import { snapshotAt } from "../snapshot";

export type Seg = { t: number; dir: string; flags: string; label: string; len: number };

/** Parse a kernel-fact line like "   0.010ms S->C [SYN,ACK] seq=y ack=x+1" or "... seq=0 (raw) ack=x+1 len=5". */
export function parseFactSegment(line: string): Seg {
  const m = /^\s*([\d.]+)ms (\S+) \[([A-Z,]+)\] seq=(\S+)(?: \(raw\))?(?: ack=(\S+))?(?: len=(\d+))?\s*$/.exec(line);
  if (!m) throw new Error(`unparsable fact segment: ${line}`);
  const [, t, dir, flags, seq, ack, len] = m;
  return { t: Number(t), dir: dir as string, flags: flags as string, label: `seq=${seq}${ack ? ` ack=${ack}` : ""}`, len: len ? Number(len) : 0 };
}

/** Segments of a trace as the facts print them; C = the endpoint that sent the first bare SYN. */
export function traceSegments(trace: Trace, filter: (e: SegmentEvent) => boolean = () => true): Seg[] {
  const segs = trace.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.copyOf === undefined);
  const firstSyn = segs.find((e) => e.flags.length === 1 && e.flags[0] === "SYN");
  const client = firstSyn?.src;
  return segs.filter(filter).map((e) => ({
    t: e.t,
    dir: e.src === e.dst ? "A->A" : e.src === client ? "C->S" : "S->C",
    flags: e.flags.join(","),
    label: e.label,
    len: e.len,
  }));
}

/** Compare on what the facts define: direction, flags, relative seq/ack, length. */
export const shape = (s: Seg): string => `${s.dir} [${s.flags}] ${s.label}${s.len ? ` len=${s.len}` : ""}`;

/** "Recv-Q=1 Send-Q=8" → [1, 8]; "LISTEN 1      8      127.0.0.1:5001 0.0.0.0:*" → [1, 8]. */
export function parseQueues(s: string): [number, number] {
  const a = /Recv-Q=(\d+) Send-Q=(\d+)/.exec(s);
  if (a) return [Number(a[1]), Number(a[2])];
  const b = /^\S+\s+(\d+)\s+(\d+)/.exec(s);
  if (b) return [Number(b[1]), Number(b[2])];
  throw new Error(`no queues in ${s}`);
}

/** "TIME-WAIT timer:timewait,59sec,0" → { state: "TIME-WAIT", timer: "timewait", seconds: 59 }. */
export function parseSsState(s: string): { state: string; timer: string | null; seconds: number | null } {
  const [state, rest] = s.split(" timer:");
  if (!rest) return { state: state as string, timer: null, seconds: null };
  const [kind, left] = rest.split(",");
  let seconds: number | null = null;
  if (left !== undefined) {
    // ss prints "59sec", "144ms", and (quirk, see the facts README) "9.984ms" for 9 s 984 ms.
    const sec = /^(\d+)sec$/.exec(left);
    const quirk = /^(\d+)\.\d+ms$/.exec(left);
    const msOnly = /^(\d+)ms$/.exec(left);
    if (sec) seconds = Number(sec[1]);
    else if (quirk) seconds = Number(quirk[1]);
    else if (msOnly) seconds = Number(msOnly[1]) / 1000;
    else seconds = 0;
  }
  return { state: state as string, timer: kind ?? null, seconds };
}

/** Our snapshot in `ss` words: state name as ss prints it. */
export const ssName = (s: SocketSnapshot): string => SS_STATE_NAMES[s.state];

export function find(snaps: SocketSnapshot[], host: string, handleOrId: string): SocketSnapshot | undefined {
  return snaps.find((s) => s.host === host && (s.handle === handleOrId || s.socket === handleOrId));
}

export function snapAt(trace: Trace, t: number): SocketSnapshot[] {
  return snapshotAt(trace, t);
}

/** One loopback host ("lo", 127.0.0.1, 10 µs one-way) like the kernel-fact netns. */
export function loopback(script: StepInput[], extra: Partial<ScenarioInput> = {}): Trace {
  return simulateInput({ seed: 42, hosts: [{ name: "lo", ip: "127.0.0.1" }], link: { latencyMs: 0.01, mss: 65483 }, script, ...extra });
}

/** Two hosts, client 10.0.0.1 and server 10.0.0.2. */
export function twoHosts(script: StepInput[], extra: Partial<ScenarioInput> = {}): Trace {
  return simulateInput({
    seed: 42,
    hosts: [
      { name: "client", ip: "10.0.0.1" },
      { name: "server", ip: "10.0.0.2" },
    ],
    link: { latencyMs: 1 },
    script,
    ...extra,
  });
}

/** Steps for a server listening on `port` of `host` (bind + listen at t = 0). */
export function listener(host: string, ip: string, port: number, backlog: number, sock = "l"): StepInput[] {
  return [
    { at: 0, host, sock, call: "bind", ip, port },
    { at: 0, host, sock, call: "listen", backlog },
  ];
}
