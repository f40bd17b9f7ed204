/**
 * Step-through playback of a trace (issue #19 item 1): what every socket looks like after each
 * event — its state, the timers running, and for a listener its SYN queue and accept queue as
 * `ss -lnt` shows them (Recv-Q = accept queue length, Send-Q = effective backlog). Computed from
 * the trace alone, so playback needs no re-simulation; `steps.test.ts` checks it against the
 * simulator's own snapshots (`snapshotAt`, `trace.final`) for every preset.
 *
 * Pure: no React, no DOM, no clock.
 */
import { eventRows } from "@/lib/diagram";
import { findTransition } from "@/lib/state-diagram";
import type { SocketId, StateCause, TcpState, TimerName, Trace, TraceEvent } from "@/lib/tcp/types";
import type { Locale } from "@/lib/core/locale";

export type ListenerQueues = {
  /** Request sockets in SYN-RECEIVED (the SYN queue; syncookies keep none). */
  synQ: number;
  /** Established children not yet accepted: `ss -lnt` Recv-Q. */
  acceptQ: number;
  /** Effective backlog, min(listen() backlog, somaxconn): `ss -lnt` Send-Q. */
  backlog: number;
};

export type SocketView = {
  host: string;
  socket: SocketId;
  state: TcpState;
  /**
   * Timers running at that instant, with the time they fire (ms) and, when the kernel's timer
   * wheel runs one late, the expiry `ss -o` counts down to (`due`, lib/tcp/jiffies.ts).
   */
  timers: { timer: TimerName; at: number; due?: number }[];
  listener?: ListenerQueues;
};

export type LastTransition = { id: string; host: string; socket: SocketId; from: TcpState; to: TcpState; cause: StateCause };

export type PlaybackStep = {
  /** Trace event this step shows (its seqNo); every earlier event has been applied too. */
  seqNo: number;
  t: number;
  time: string;
  host: string;
  /** The event in words, as the event table says it (lib/diagram/rows.ts). */
  event: string;
  details: string;
  /** The segment this step sends (its `id`), if it is one. */
  segmentId: number | null;
  /** The latest state change up to this step, and whether it is this step's own event. */
  transition: (LastTransition & { now: boolean }) | null;
  sockets: SocketView[];
};

export type PlaybackOptions = {
  /** Steps shown (a flood's thousands of events are summarised by the first ones). */
  maxSteps?: number;
  /** Children of a listener listed one by one; the rest only count in the queues. */
  maxChildren?: number;
  /** Only what happened up to this time (a question must not reveal what comes next). */
  untilMs?: number;
};

type Sock = { host: string; socket: SocketId; state: TcpState; timers: Map<TimerName, { at: number; due?: number }>; parent: string | null; accepted: boolean; backlog: number };

const key = (host: string, socket: string) => `${host}/${socket}`;

/** The listener a child socket was born on: ids are `<listener>#<n>` (lib/tcp/types.ts SocketId). */
function parentOf(socket: string): string | null {
  const i = socket.lastIndexOf("#");
  return i > 0 ? socket.slice(0, i) : null;
}

function somaxconnOf(trace: Trace, host: string): number {
  const spec = trace.scenario.hosts.find((h) => h.name === host);
  return spec?.sysctl?.somaxconn ?? trace.scenario.sysctl.somaxconn;
}

/** Applies one event to the socket table. */
function apply(trace: Trace, socks: Map<string, Sock>, ev: TraceEvent): void {
  const get = (host: string, socket: string): Sock => {
    let s = socks.get(key(host, socket));
    if (!s) {
      s = { host, socket, state: "CLOSED", timers: new Map(), parent: parentOf(socket), accepted: false, backlog: 0 };
      socks.set(key(host, socket), s);
    }
    return s;
  };
  switch (ev.kind) {
    case "state":
      get(ev.host, ev.socket).state = ev.to;
      if (ev.to === "CLOSED") get(ev.host, ev.socket).timers.clear();
      break;
    case "timer": {
      const s = get(ev.host, ev.socket);
      if (ev.action === "set" && ev.at !== undefined) s.timers.set(ev.timer, ev.due === undefined ? { at: ev.at } : { at: ev.at, due: ev.due });
      else s.timers.delete(ev.timer);
      break;
    }
    case "call":
      // A socket exists from its first call (socket(), bind(), …), before any state change.
      if (ev.socket) get(ev.host, ev.socket);
      if (ev.call === "listen" && ev.socket) {
        // The backlog is in force from the moment the socket is in LISTEN, which the trace
        // records before listen() returns. __sys_listen clamps the (unsigned) backlog to
        // somaxconn (lib/tcp/calls.ts listen); a failed listen() leaves no LISTEN state to show it.
        const asked = Number(ev.args.backlog);
        const max = somaxconnOf(trace, ev.host);
        get(ev.host, ev.socket).backlog = asked < 0 || asked > max ? max : asked;
      }
      break;
    case "return":
      if (ev.call === "accept" && ev.accepted) get(ev.host, ev.accepted).accepted = true;
      break;
    default:
      break;
  }
}

function views(socks: Map<string, Sock>, maxChildren: number): SocketView[] {
  const all = [...socks.values()];
  const out: SocketView[] = [];
  for (const s of all) {
    if (s.parent !== null && socks.has(key(s.host, s.parent))) continue; // listed under the listener below
    out.push(view(s, all));
    const children = all.filter((c) => c.host === s.host && c.parent === s.socket);
    // Live children first (a flood's thousands of closed request sockets say nothing), in birth order.
    const live = children.filter((c) => c.state !== "CLOSED");
    for (const c of (live.length ? live : children).slice(0, maxChildren)) out.push(view(c, all));
  }
  return out;
}

function view(s: Sock, all: Sock[]): SocketView {
  const v: SocketView = { host: s.host, socket: s.socket, state: s.state, timers: [...s.timers].map(([timer, tm]) => ({ timer, ...tm })).sort((a, b) => a.at - b.at) };
  if (s.state === "LISTEN") {
    const kids = all.filter((c) => c.host === s.host && c.parent === s.socket && !c.accepted);
    v.listener = {
      synQ: kids.filter((c) => c.state === "SYN-RECEIVED").length,
      acceptQ: kids.filter((c) => c.state !== "SYN-RECEIVED" && c.state !== "CLOSED").length,
      backlog: s.backlog,
    };
  }
  return v;
}

/** Every step of a trace's playback, in order. */
export function playbackSteps(trace: Trace, locale: Locale, options: PlaybackOptions = {}): PlaybackStep[] {
  const { rows } = eventRows(trace, locale, { limit: options.maxSteps ?? 400, untilMs: options.untilMs });
  const socks = new Map<string, Sock>();
  const steps: PlaybackStep[] = [];
  let applied = 0;
  let last: LastTransition | null = null;
  for (const row of rows) {
    let own = false;
    while (applied <= row.seqNo && applied < trace.events.length) {
      const ev = trace.events[applied]!;
      apply(trace, socks, ev);
      if (ev.kind === "state" && ev.from !== ev.to) {
        const tr = findTransition(ev.from, ev.to, ev.cause);
        last = { id: tr?.id ?? `${ev.from}>${ev.to}`, host: ev.host, socket: ev.socket, from: ev.from, to: ev.to, cause: ev.cause };
        own = ev.seqNo === row.seqNo;
      }
      applied++;
    }
    const ev = trace.events[row.seqNo];
    steps.push({
      seqNo: row.seqNo,
      t: row.t,
      time: row.time,
      host: row.host,
      event: row.event,
      details: row.details,
      segmentId: ev?.kind === "segment" ? ev.id : null,
      transition: last ? { ...last, now: own } : null,
      sockets: views(socks, options.maxChildren ?? 6),
    });
  }
  return steps;
}

/** `#step=12` (1-based, as shown) → index into the steps, clamped; null when the hash names none. */
export function stepFromHash(hash: string, count: number): number | null {
  const m = /(?:^#|&)step=(\d{1,6})(?:&|$)/.exec(hash);
  if (!m || count === 0) return null;
  return Math.min(Math.max(Number(m[1]), 1), count) - 1;
}
