/**
 * The simulated world's plumbing: trace emission, timers, the wire (routing, faults, latency)
 * and waking blocked calls. TCP logic lives in tcp-input.ts, tcp-output.ts and timers.ts.
 */
import type {
  CallName,
  Errno,
  NoteCode,
  ReturnEvent,
  SegmentCause,
  SegmentEvent,
  TcpFlag,
  TcpState,
  TimerEvent,
  TimerName,
  TraceEvent,
} from "./types";
import type { Flow, Host, PlannedStep, Seg, Sock, Waiter, World } from "./internal";
import { F_ACK, F_FIN, F_PSH, F_RST, F_SYN, QItem, Q_SEG, Q_STEP, Q_TIMER, removeAt } from "./internal";
import { noteMessage } from "./messages";
import { fnv1a, fnvBasis } from "./prng";
import { JIFFY_US, bucketExpiry, jiffiesAt, usToJiffies } from "./jiffies";
import { endpoint, isLoopback, isV6 } from "./addr";

export const ms = (us: number): number => us / 1000;

/**
 * Queue an event at `t` (µs) with tie-break number `n` (insertion order unless reserved, see
 * World.floodN0), reusing a popped item when there is one. The caller fills the payload.
 */
export function enqueue(w: World, t: number, type: number, n: number): QItem {
  const it = w.free.pop() ?? new QItem();
  it.t = t;
  it.n = n;
  it.type = type;
  w.q.push(it);
  return it;
}

export function emit(w: World, ev: TraceEvent): void {
  if (w.stopped) return;
  if (w.events.length >= w.maxEvents - 1) {
    w.truncated = true;
    w.stopped = true;
    w.events.push({
      kind: "note",
      t: w.nowMs,
      seqNo: w.events.length,
      host: null,
      socket: null,
      code: "truncated",
      message: noteMessage("truncated", { reason: "events", limit: w.maxEvents }),
    });
    return;
  }
  w.events.push(ev);
}

export function note(
  w: World,
  host: Host | null,
  sock: Sock | null,
  code: NoteCode,
  params: Record<string, string | number> = {},
): void {
  emit(w, {
    kind: "note",
    t: w.nowMs,
    seqNo: w.events.length,
    host: host ? host.name : null,
    socket: sock ? sock.id : null,
    code,
    message: noteMessage(code, params),
  });
}

export function setState(w: World, s: Sock, to: TcpState, cause: import("./types").StateCause): void {
  if (s.state === to) return;
  const from = s.state;
  s.state = to;
  emit(w, { kind: "state", t: w.nowMs, seqNo: w.events.length, host: s.host.name, socket: s.id, from, to, cause });
}

// ---------------------------------------------------------------------------------------------
// Timers. One slot per purpose like Linux's icsk timers (the …At/…Due/…Gen fields of Sock);
// stale heap entries are skipped by generation.

export type SlotName = "rtx" | "delack" | "wait";


export function timerName(s: Sock, slot: SlotName): TimerName {
  if (slot === "delack") return "delack";
  if (slot === "wait") return s.waitKind ?? "time-wait";
  if (s.isReq) return "synack";
  if (s.state === "SYN-SENT" || s.state === "SYN-RECEIVED") return "syn";
  return s.pending === "tlp" ? "loss-probe" : "retransmit";
}

export function setTimer(w: World, s: Sock, slot: SlotName, delayUs: number, retries?: number): void {
  // Linux: jiffies + timeout, rounded by the timer wheel (jiffies.ts); the textbook is exact.
  let dueUs: number;
  let atUs: number;
  if (s.host.p.wheel) {
    // wheelFireUs() with the jiffies worked out once for both numbers.
    const clk = jiffiesAt(w.now);
    const expires = clk + usToJiffies(delayUs);
    dueUs = expires * JIFFY_US;
    atUs = bucketExpiry(expires, clk) * JIFFY_US;
  } else {
    dueUs = w.now + delayUs;
    atUs = dueUs;
  }
  let gen: number;
  if (slot === "rtx") {
    gen = ++s.rtxGen;
    s.rtxDue = dueUs;
    s.rtxAt = atUs;
  } else if (slot === "delack") {
    gen = ++s.delackGen;
    s.delackDue = dueUs;
    s.delackAt = atUs;
  } else {
    gen = ++s.waitGen;
    s.waitDue = dueUs;
    s.waitAt = atUs;
  }
  const it = enqueue(w, atUs, Q_TIMER, w.qn++);
  it.sock = s;
  it.slot = slot;
  it.arg = gen;
  // One literal per shape (with or without `due` and `retries`), fields in the trace's order.
  const now = w.nowMs;
  const seqNo = w.events.length;
  const host = s.host.name;
  const timer = timerName(s, slot);
  const at = ms(atUs);
  let ev: TimerEvent;
  if (dueUs === atUs) {
    ev =
      retries === undefined
        ? { kind: "timer", t: now, seqNo, host, socket: s.id, timer, action: "set", at }
        : { kind: "timer", t: now, seqNo, host, socket: s.id, timer, action: "set", at, retries };
  } else {
    const due = ms(dueUs);
    ev =
      retries === undefined
        ? { kind: "timer", t: now, seqNo, host, socket: s.id, timer, action: "set", at, due }
        : { kind: "timer", t: now, seqNo, host, socket: s.id, timer, action: "set", at, due, retries };
  }
  emit(w, ev);
}

export function cancelTimer(w: World, s: Sock, slot: SlotName): void {
  if (slot === "rtx") {
    if (s.rtxAt < 0) return;
    s.rtxGen++;
    s.rtxAt = -1;
  } else if (slot === "delack") {
    if (s.delackAt < 0) return;
    s.delackGen++;
    s.delackAt = -1;
  } else {
    if (s.waitAt < 0) return;
    s.waitGen++;
    s.waitAt = -1;
  }
  emit(w, {
    kind: "timer",
    t: w.nowMs,
    seqNo: w.events.length,
    host: s.host.name,
    socket: s.id,
    timer: timerName(s, slot),
    action: "cancel",
  });
}

export function cancelAllTimers(w: World, s: Sock): void {
  cancelTimer(w, s, "rtx");
  cancelTimer(w, s, "delack");
  cancelTimer(w, s, "wait");
}

/** Called when a timer item pops: true if it is still the armed one. */
export function timerIsLive(s: Sock, slot: SlotName, gen: number): boolean {
  if (slot === "rtx") {
    if (s.rtxGen !== gen || s.rtxAt < 0) return false;
    s.rtxAt = -1;
  } else if (slot === "delack") {
    if (s.delackGen !== gen || s.delackAt < 0) return false;
    s.delackAt = -1;
  } else {
    if (s.waitGen !== gen || s.waitAt < 0) return false;
    s.waitAt = -1;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The wire.

const FLAG_ORDER: [number, TcpFlag][] = [
  [F_SYN, "SYN"],
  [F_FIN, "FIN"],
  [F_RST, "RST"],
  [F_PSH, "PSH"],
  [F_ACK, "ACK"],
];

/**
 * flagList() of each of the 32 flag combinations, built once, frozen and shared by every event
 * with those flags. A trace keeps all its events until it is returned: one array fewer per
 * segment is one object fewer for the scavenger to copy (and promote) per event of a long
 * trace, which is what made a 10,000-SYN flood cost more per SYN than a 1,000-SYN one.
 */
const FLAG_LISTS: readonly (readonly TcpFlag[])[] = Array.from({ length: 32 }, (_, f) =>
  Object.freeze(FLAG_ORDER.filter(([bit]) => (f & bit) !== 0).map(([, name]) => name)),
);

/** Flag list in the order the kernel facts print them: SYN, FIN, RST, PSH, ACK (shared, frozen). */
export function flagList(flags: number): readonly TcpFlag[] {
  return FLAG_LISTS[flags & 31] as readonly TcpFlag[];
}

/**
 * The host with this name. A scan, not a Map: a scenario has at most LIMITS.maxHosts (8) hosts
 * and usually two, and building two Maps per run cost more than every lookup of a lifecycle
 * (node --cpu-prof, bench:sim; issue #16).
 */
export function hostNamed(w: World, name: string): Host | null {
  for (const h of w.hosts) if (h.name === name) return h;
  return null;
}

/** The host that owns address `ip` (IPv4 or canonical IPv6), or null; like hostNamed(), a scan. */
export function hostWithIp(w: World, ip: string): Host | null {
  // Scanned from the end, ip6 before ip: what the Map this replaced returned (its last set()
  // won), should an unvalidated scenario repeat an address.
  for (let i = w.hosts.length - 1; i >= 0; i--) {
    const h = w.hosts[i] as Host;
    // Which of a host's addresses matches does not matter; ip first: two strings compared, not a string and null.
    if (h.ip === ip || (h.ip6 !== null && h.ip6 === ip)) return h;
  }
  return null;
}

export function hostForIp(w: World, from: Host | null, ip: string): Host | null {
  if (isLoopback(ip)) return from;
  return hostWithIp(w, ip);
}

/** hostForIp(s.host, s.rip), once per connection: where every segment of `s` goes. */
function peerHost(w: World, s: Sock): Host | null {
  if (s.peerHost === undefined) s.peerHost = hostForIp(w, s.host, s.rip);
  return s.peerHost;
}

function sym(base: number | null, symbol: string, v: number): string {
  if (base === null) return String(v);
  const off = (v - base) >>> 0;
  if (off === 0) return symbol;
  // "Before the ISN" means another incarnation's number (e.g. a TIME-WAIT answering a new SYN).
  if (off > 0x7fffffff) return String(v);
  return `${symbol}+${off}`;
}

/** The flow between two endpoints, either way round, or undefined. */
function flowBetween(w: World, src: string, dst: string): Flow | undefined {
  for (const f of w.flows) if ((f.a === src && f.b === dst) || (f.a === dst && f.b === src)) return f;
  return undefined;
}

/** The flow (ISN bookkeeping) a segment belongs to; the list is only consulted for bare SYNs. */
function flowOf(w: World, seg: Seg, s: Sock | null, hint: Flow | null, src: string, dst: string, flood: boolean): Flow {
  const syn = (seg.flags & F_SYN) !== 0;
  const hasAck = (seg.flags & F_ACK) !== 0;
  if (syn && !hasAck) {
    if (flood) return { a: "", b: "", initiator: src, x: seg.seq, y: null };
    let f = flowBetween(w, src, dst);
    if (!f) {
      f = { a: src, b: dst, initiator: src, x: seg.seq, y: null };
      w.flows.push(f);
    } else if (f.initiator === src) {
      if (f.x !== seg.seq) {
        f.x = seg.seq;
        f.y = null;
      }
    } else if (f.y === null) {
      f.y = seg.seq;
    } else if (f.y !== seg.seq) {
      f.initiator = src;
      f.x = seg.seq;
      f.y = null;
    }
    return f;
  }
  let f = (s && s.flow) || hint;
  if (!f) f = flowBetween(w, src, dst) ?? { a: "", b: "", initiator: dst, x: seg.ack, y: null };
  // A SYN-ACK always carries its sender's ISN (a retry after a lost SYN cookie may pick a new one).
  if (syn) {
    if (f.initiator === src) f.x = seg.seq;
    else f.y = seg.seq;
  }
  return f;
}

/**
 * Relative numbering like the kernel facts: initiator ISN `x`, responder ISN `y` — as numbers
 * (`rel`) and as a label, e.g. "seq=x+1 ack=y+1", worked out together into `numbered`.
 */
function number(seg: Seg, f: Flow, src: string, dst: string): void {
  const fromInit = f.initiator === src;
  const toInit = f.initiator === dst;
  const sBase = fromInit ? f.x : f.y;
  const rBase = toInit ? f.x : f.y;
  const hasAck = (seg.flags & F_ACK) !== 0;
  const relSeq = sBase === null ? seg.seq : (seg.seq - sBase) >>> 0;
  const relAck = !hasAck ? null : rBase === null ? seg.ack : (seg.ack - rBase) >>> 0;
  // Small numbers (a handshake's 0 and 1, a short exchange's offsets) are shared frozen pairs,
  // for the same reason as FLAG_LISTS.
  if (relSeq < REL_CACHED && (relAck === null || relAck < REL_CACHED)) {
    const key = relSeq * (REL_CACHED + 1) + (relAck ?? REL_CACHED);
    numbered.rel = RELS[key] ??= Object.freeze({ seq: relSeq, ack: relAck });
  } else numbered.rel = { seq: relSeq, ack: relAck };
  // Most labels are a few small offsets from the ISNs (seq=x, seq=y ack=x+1, seq=x+1 ack=y+1):
  // those are built once and shared (strings are immutable), the rest as they come.
  const sOff = sBase === null ? LABEL_CACHED : relSeq;
  const rOff = !hasAck ? 0 : rBase === null ? LABEL_CACHED : (relAck as number);
  if (sOff < LABEL_CACHED && rOff < LABEL_CACHED) {
    const key = ((((fromInit ? 1 : 0) * LABEL_CACHED + sOff) * 3 + (!hasAck ? 2 : toInit ? 1 : 0)) * LABEL_CACHED + rOff) | 0;
    numbered.label = LABELS[key] ??= buildLabel(seg, sBase, fromInit, hasAck, rBase, toInit);
  } else numbered.label = buildLabel(seg, sBase, fromInit, hasAck, rBase, toInit);
}

type Rel = Readonly<{ seq: number; ack: number | null }>;
/** Relative pairs below this are shared from RELS (at most 64 × 65 entries, built as met). */
const REL_CACHED = 64;
const RELS: (Rel | undefined)[] = new Array<Rel | undefined>(REL_CACHED * (REL_CACHED + 1)).fill(undefined);

/** What number() worked out for the segment being sent (one reused record, like `wire`). */
const numbered: { rel: Rel; label: string } = { rel: { seq: 0, ack: null }, label: "" };

/**
 * Offsets below this are labelled from LABELS (2 × 64 × 3 × 64 slots, built as met): an array
 * indexed by the key rather than a Map, one lookup per segment without hashing.
 */
const LABEL_CACHED = 64;
const LABELS: (string | undefined)[] = new Array<string | undefined>(2 * LABEL_CACHED * 3 * LABEL_CACHED).fill(undefined);

function buildLabel(seg: Seg, sBase: number | null, fromInit: boolean, hasAck: boolean, rBase: number | null, toInit: boolean): string {
  const seqLabel = `seq=${sym(sBase, fromInit ? "x" : "y", seg.seq)}`;
  if (!hasAck) return seqLabel;
  return `${seqLabel} ack=${sym(rBase, toInit ? "x" : "y", seg.ack)}`;
}

/** Linux loopback's default `link.mss`: 65535 − 40 (IPV4_MAX_PMTU − headers) − 12 (timestamps). */
export const LOOPBACK_LINK_MSS = 65483;

/**
 * The MSS option a SYN announces (tcp_advertise_mss → dst_metric_advmss): the route's MTU less
 * the IP and TCP headers. IPv4 ipv4_default_advmss() (net/ipv4/route.c): min(mtu − 40,
 * IPV4_MAX_PMTU − 40) ⇒ 65495 on loopback (MTU 65536 is capped at 65535). IPv6
 * ip6_default_advmss() (net/ipv6/route.c): mtu − 40 − 20, capped only at IPV6_MAXPLEN ⇒ 65476
 * (kernel fact 12: `mss 65476` in both SYNs on ::1). On any other link `link.mss` is the IPv4
 * MSS and IPv6 has 20 bytes less (its header is 40 bytes, not 20).
 */
export function advMss(linkMss: number, wire6: boolean): number {
  if (linkMss === LOOPBACK_LINK_MSS) return wire6 ? 65476 : 65495;
  return wire6 ? linkMss - 20 : linkMss;
}

/** The window scale this kernel announces: ilog2(tcp_rmem[2] = 32 MiB) − 15 = 10 (fact 01, `wscale 10`). */
const WSCALE = 10;
/** The window-scale option as the options list ends with it. */
const WSCALE_OPTION = `,nop,wscale ${WSCALE}`;
/** TCPOLEN_TSTAMP_ALIGNED: 12 bytes of every segment once timestamps are on. */
export const TS_BYTES = 12;

/**
 * The window field and the options of a segment, as tcpdump prints them (fact 01 on loopback:
 * SYN `win 65495 [mss 65495,sackOK,TS val … ecr 0,nop,wscale 10]`, SYN-ACK `win 65483`, then
 * `win 64` scaled by 2^10). tcp_syn_options() / tcp_synack_options() / tcp_established_options()
 * and tcp_select_initial_window() (net/ipv4/tcp_output.c): the first window is the 64 KiB
 * receive space rounded down to whole segments, unscaled in a SYN, later shifted by wscale.
 * `link.mss` is the loopback data size with timestamps by default (65483), announced as 65495
 * (65476 over IPv6, advMss(): SYN `win 65476`, SYN-ACK `win 65464`, kernel fact 12); any other
 * value is taken as the announced MSS (1460 on Ethernet ⇒ `win 64240`/`65160`).
 * TSval = the ms clock + a per address pair offset (secure_tcp_ts_off), as raw numbers.
 */
function tcpOptions(w: World, s: Sock, seg: Seg, srcIp: string, dstIp: string): void {
  const syn = (seg.flags & F_SYN) !== 0;
  wire.tsval = -1;
  wire.tsecr = -1;
  wire.options = null;
  if (!syn) {
    // The window is a whole number of bytes: its ceiling over 2^WSCALE by integer shift.
    wire.win = seg.flags & F_RST ? 0 : s.wscaleOk ? (s.rcvWndInit + (1 << WSCALE) - 1) >> WSCALE : Math.min(s.rcvWndInit, 65535);
    if (seg.tsval >= 0) stampTs(w, s, seg, srcIp, dstIp);
    // formatTcpdump() prints a non-SYN's options from the numbers; no string per segment here.
    return;
  }
  const linux = s.host.p.profile === "linux";
  const mssOpt = advMss(w.mss, isV6(srcIp));
  const segSize = seg.flags & F_ACK && s.tsOk ? mssOpt - TS_BYTES : mssOpt;
  s.rcvWndInit = linux ? Math.floor(65536 / segSize) * segSize : 65535;
  wire.win = Math.min(s.rcvWndInit, 65535);
  // Constant parts as whole literals: each `+` of a string makes a new one.
  const wscale = s.wscaleOk ? WSCALE_OPTION : "";
  if (seg.tsval >= 0) {
    stampTs(w, s, seg, srcIp, dstIp);
    wire.options = `mss ${mssOpt}${s.sackOk ? ",sackOK,TS val " : ",nop,nop,TS val "}${wire.tsval} ecr ${wire.tsecr}${wscale}`;
  } else wire.options = `mss ${mssOpt}${s.sackOk ? ",nop,nop,sackOK" : ""}${wscale}`;
}

/**
 * What tcpOptions() works out for the segment being sent (tsval/tsecr −1 and options null when
 * absent). One reused record, so that xmit() builds each event as one object literal of its
 * final shape instead of adding fields to it afterwards.
 */
const wire: { win: number; tsval: number; tsecr: number; options: string | null } = { win: 0, tsval: -1, tsecr: -1, options: null };

/** hash32(`${a}>${b}`, seed) without building the string. */
const pairHash = (a: string, b: string, seed: number): number => fnv1a(fnv1a(fnv1a(fnvBasis(seed), a), ">"), b);

/** TSval/TSecr as sent: the connection's clock plus its per-direction offset (computed once). */
function stampTs(w: World, s: Sock, seg: Seg, srcIp: string, dstIp: string): void {
  if (s.tsOffOut < 0) {
    // Both ends of a connection hash the same address pair, read the other way round: the
    // last pair is kept on the world, so the passive side reuses what the active one hashed.
    if (srcIp === w.tsPairA && dstIp === w.tsPairB) {
      s.tsOffOut = w.tsPairAB;
      s.tsOffIn = w.tsPairBA;
    } else if (srcIp === w.tsPairB && dstIp === w.tsPairA) {
      s.tsOffOut = w.tsPairBA;
      s.tsOffIn = w.tsPairAB;
    } else {
      s.tsOffOut = pairHash(srcIp, dstIp, w.sc.seed);
      s.tsOffIn = pairHash(dstIp, srcIp, w.sc.seed);
      w.tsPairA = srcIp;
      w.tsPairB = dstIp;
      w.tsPairAB = s.tsOffOut;
      w.tsPairBA = s.tsOffIn;
    }
  }
  wire.tsval = (seg.tsval + s.tsOffOut) >>> 0;
  wire.tsecr = seg.tsecr > 0 ? (seg.tsecr + s.tsOffIn) >>> 0 : 0;
}

type Verdict = { action: "drop" | "delay" | "duplicate"; delayUs: number } | null;

function applyFaults(w: World, fromName: string, toName: string | null, flags: number, len: number): Verdict {
  let verdict: Verdict = null;
  for (const fs of w.faults) {
    const f = fs.fault;
    const m = f.match;
    if (m) {
      if (m.from !== undefined && m.from !== fromName) continue;
      if (m.to !== undefined && m.to !== toName) continue;
      if (m.data !== undefined && m.data !== len > 0) continue;
      if (m.flags !== undefined) {
        let want = 0;
        for (const fl of m.flags) want |= fl === "SYN" ? F_SYN : fl === "ACK" ? F_ACK : fl === "FIN" ? F_FIN : fl === "RST" ? F_RST : F_PSH;
        if (m.exact ? flags !== want : (flags & want) !== want) continue;
      }
    }
    fs.seen++;
    if (verdict === null && fs.seen >= f.nth && fs.seen < f.nth + f.count) {
      verdict = { action: f.action, delayUs: Math.round(f.delayMs * 1000) };
    }
  }
  return verdict;
}

/**
 * Put a segment on the wire from `host` (socket `s`, or none for stateless replies).
 * `from` overrides the sender name (the "flood" pseudo-host). `replyTo`: the segment this one
 * answers (a RST or a SYN cookie's SYN-ACK), whose flow and endpoints it shares.
 */
export function xmit(
  w: World,
  host: Host | null,
  s: Sock | null,
  srcIp: string,
  srcPort: number,
  dstIp: string,
  dstPort: number,
  flags: number,
  seq: number,
  ack: number,
  len: number,
  text: string | null,
  retransmission: boolean,
  from?: string,
  replyTo: Seg | null = null,
): void {
  const id = ++w.segCount;
  // Timestamps ride on every segment of a connection that negotiated them (tcp_options_write).
  const ts = s !== null && s.tsOk;
  const src = s && s.srcEp ? s.srcEp : replyTo ? replyTo.dstEp : endpoint(srcIp, srcPort);
  const flood = from === "flood";
  const dst = s && s.dstEp ? s.dstEp : replyTo ? replyTo.srcEp : flood ? w.floodDst : endpoint(dstIp, dstPort);
  const seg: Seg = {
    id, srcIp, srcPort, dstIp, dstPort, flags, seq, ack, len, text, ev: null, flow: null,
    srcEp: src,
    dstEp: dst,
    tsval: ts ? Math.floor(w.now / 1000) : -1,
    tsecr: ts && flags & F_ACK ? s.tsRecent : ts ? 0 : -1,
    sackOk: s !== null && s.sackOk,
    wscaleOk: s !== null && s.wscaleOk,
  };
  const to = s !== null && dstIp === s.rip ? peerHost(w, s) : hostForIp(w, host, dstIp);
  const fromName = from ?? (host ? host.name : "flood");
  const flow = flowOf(w, seg, s, replyTo ? replyTo.flow : null, src, dst, flood);
  seg.flow = flow;
  if (s) s.flow = flow;
  let fate: SegmentEvent["fate"] = "delivered";
  let cause: SegmentCause | undefined;
  let arrive: number | null = w.now + w.latencyUs;
  let dupAt: number | null = null;
  const v = w.faults.length === 0 ? null : applyFaults(w, fromName, to ? to.name : null, flags, len);
  if (v) {
    cause = "fault";
    if (v.action === "drop") {
      fate = "dropped";
      arrive = null;
    } else if (v.action === "delay") {
      fate = "delayed";
      arrive = w.now + w.latencyUs + v.delayUs;
    } else {
      fate = "duplicated";
      dupAt = w.now + w.latencyUs + v.delayUs;
    }
  }
  if (!to && fate !== "dropped") {
    fate = "dropped";
    cause = "no-host";
    arrive = null;
    dupAt = null;
  }
  if (s) tcpOptions(w, s, seg, srcIp, dstIp);
  number(seg, flow, src, dst);
  // One literal per final shape (with or without the timestamps option): the fields are in
  // the order the trace has always had them (JSON.stringify keeps insertion order).
  const ev: SegmentEvent =
    s !== null && wire.tsval >= 0
      ? {
          kind: "segment",
          t: w.nowMs,
          seqNo: w.events.length,
          id,
          from: fromName,
          to: to ? to.name : null,
          src,
          dst,
          socket: s.id,
          flags: flagList(flags),
          seq,
          ack: flags & F_ACK ? ack : null,
          len,
          rel: numbered.rel,
          label: numbered.label,
          fate,
          arriveAt: arrive === null ? null : ms(arrive),
          retransmission,
          win: wire.win,
          tsval: wire.tsval,
          tsecr: wire.tsecr,
        }
      : s !== null || cause === undefined
        ? {
            kind: "segment",
            t: w.nowMs,
            seqNo: w.events.length,
            id,
            from: fromName,
            to: to ? to.name : null,
            src,
            dst,
            socket: s ? s.id : null,
            flags: flagList(flags),
            seq,
            ack: flags & F_ACK ? ack : null,
            len,
            rel: numbered.rel,
            label: numbered.label,
            fate,
            arriveAt: arrive === null ? null : ms(arrive),
            retransmission,
            win: s ? wire.win : 0,
          }
        : {
            // No socket and a cause: a RST or SYN cookie to nowhere (every SYN-ACK of a flood).
            kind: "segment",
            t: w.nowMs,
            seqNo: w.events.length,
            id,
            from: fromName,
            to: to ? to.name : null,
            src,
            dst,
            socket: null,
            flags: flagList(flags),
            seq,
            ack: flags & F_ACK ? ack : null,
            len,
            rel: numbered.rel,
            label: numbered.label,
            fate,
            arriveAt: arrive === null ? null : ms(arrive),
            retransmission,
            win: 0,
            cause,
          };
  if (s && wire.options !== null) ev.options = wire.options;
  if (cause && ev.cause === undefined) ev.cause = cause;
  seg.ev = ev;
  emit(w, ev);
  if (to && arrive !== null) {
    const it = enqueue(w, arrive, Q_SEG, w.qn++);
    it.seg = seg;
    it.host = to;
  }
  if (to && dupAt !== null) {
    const copy: SegmentEvent = { ...ev, seqNo: w.events.length, fate: "delivered", cause: "duplicate", arriveAt: ms(dupAt), copyOf: id };
    emit(w, copy);
    const it = enqueue(w, dupAt, Q_SEG, w.qn++);
    it.seg = seg;
    it.host = to;
  }
}

/** The receiving kernel dropped a segment that did arrive (e.g. accept queue full). */
export function markDropped(seg: Seg, cause: SegmentCause): void {
  if (seg.ev && seg.ev.fate !== "duplicated") {
    seg.ev.fate = "dropped";
    seg.ev.cause = cause;
  }
}

/**
 * Reply to `seg` with a RST from no socket (tcp_v4_send_reset, net/ipv4/tcp_ipv4.c): if the
 * offending segment had ACK, RST seq = its ack; otherwise RST,ACK with seq 0 and
 * ack = seq + len + SYN + FIN (kernel fact 05: "[RST,ACK] seq=0 ack=x+1").
 */
export function sendResetFor(w: World, host: Host, seg: Seg, s: Sock | null = null): void {
  if (seg.flags & F_RST) return;
  host.counters.TcpOutRsts++;
  if (seg.flags & F_ACK) {
    xmit(w, host, s, seg.dstIp, seg.dstPort, seg.srcIp, seg.srcPort, F_RST, seg.ack, 0, 0, null, false, undefined, seg);
  } else {
    const ack = (seg.seq + seg.len + (seg.flags & F_SYN ? 1 : 0) + (seg.flags & F_FIN ? 1 : 0)) >>> 0;
    xmit(w, host, s, seg.dstIp, seg.dstPort, seg.srcIp, seg.srcPort, F_RST | F_ACK, 0, ack, 0, null, false, undefined, seg);
  }
}

// ---------------------------------------------------------------------------------------------
// Calls returning (possibly after blocking) and the steps chained `after` them.

export function emitReturn(
  w: World,
  host: Host,
  call: CallName,
  step: number,
  handle: string,
  sock: Sock | null,
  value: number | null,
  errno: Errno | null,
  since: number,
  extra?: Partial<Pick<ReturnEvent, "data" | "as" | "accepted" | "peer" | "soError">>,
): void {
  const t = w.nowMs;
  const seqNo = w.events.length;
  const blockedMs = ms(w.now - since);
  // One literal per final shape, `socket` included: adding it afterwards changed the hidden
  // class of every return event and grew an out-of-object property store (node --cpu-prof,
  // bench:sim; issue #16). The rare extras (recv data, accept's handle, SO_ERROR) still follow.
  let ev: ReturnEvent;
  if (!sock) ev = { kind: "return", t, seqNo, host: host.name, call, sock: handle, step, value, errno, blockedMs };
  else if (extra === undefined) ev = { kind: "return", t, seqNo, host: host.name, call, sock: handle, step, value, errno, blockedMs, socket: sock.id };
  else if (extra.data !== undefined && extra.as === undefined && extra.accepted === undefined && extra.peer === undefined && !("soError" in extra)) {
    // recv() returning data, the common extra: its literal too.
    ev = { kind: "return", t, seqNo, host: host.name, call, sock: handle, step, value, errno, blockedMs, socket: sock.id, data: extra.data };
  } else if (extra.as !== undefined && extra.accepted !== undefined && extra.peer !== undefined && extra.data === undefined && !("soError" in extra)) {
    // accept() returning a connection (completeAccept: as, accepted, peer), in that order.
    ev = { kind: "return", t, seqNo, host: host.name, call, sock: handle, step, value, errno, blockedMs, socket: sock.id, as: extra.as, accepted: extra.accepted, peer: extra.peer };
  } else {
    ev = { kind: "return", t, seqNo, host: host.name, call, sock: handle, step, value, errno, blockedMs, socket: sock.id };
    Object.assign(ev, extra);
  }
  emit(w, ev);
  const ps = w.plan[step];
  if (ps !== undefined && ps.firstDependent >= 0) {
    let d = ps.firstDependent;
    ps.firstDependent = -1;
    while (d >= 0) {
      const ds = w.plan[d] as PlannedStep;
      enqueue(w, w.now + ds.delayUs, Q_STEP, w.qn++).arg = d;
      d = ds.nextDependent;
    }
  }
}

/** Resolve a blocked call. */
export function wake(
  w: World,
  s: Sock,
  waiter: Waiter,
  value: number | null,
  errno: Errno | null,
  extra?: Partial<Pick<ReturnEvent, "data" | "as" | "accepted" | "peer" | "soError">>,
): void {
  const i = s.waiters.indexOf(waiter);
  if (i >= 0) removeAt(s.waiters, i);
  emitReturn(w, s.host, waiter.kind, waiter.step, waiter.handle, s, value, errno, waiter.since, extra);
}
