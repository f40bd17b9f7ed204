/**
 * The discrete-event loop: scenario in, trace out. Pure and deterministic — simulated clock
 * (integer µs), seeded PRNG, a binary heap with FIFO ties; no clocks, timers or Math.random.
 */
import type { Scenario, ScenarioInput, Step } from "./scenario";
import { LIMITS, scenarioSchema } from "./scenario";
import type { CallName, Counters, Trace } from "./types";
import type { FaultState, Host, HostParams, PlannedStep, QItem, Seg, Sock, World } from "./internal";
import { hostParams } from "./params";
import { F_SYN, NONE, Q_FLOOD, Q_SEG, Q_STEP, Q_TIMER } from "./internal";
import { Heap } from "./heap";
import { canonicalIp, endpoint } from "./addr";
import { createPrng } from "./prng";
import { runStep } from "./calls";
import { tcpRcv } from "./tcp-input";
import { onTimer } from "./timers";
import { buildSnapshots } from "./ss";
import { enqueue, hostNamed, ms, note, xmit } from "./world";

/**
 * One object literal, not a copy of a prototype built key by key: an object filled through
 * computed keys past V8's fast-property limit is a dictionary, and spreading it cost a quarter
 * of a lifecycle's CPU (node --cpu-prof, bench:sim) once the 20th counter (TcpExtTCPLossProbes)
 * was added. `Counters` makes the compiler hold it to COUNTER_NAMES.
 */
const zeroCounters = (): Counters => ({
  TcpActiveOpens: 0,
  TcpPassiveOpens: 0,
  TcpAttemptFails: 0,
  TcpEstabResets: 0,
  TcpOutRsts: 0,
  TcpRetransSegs: 0,
  TcpExtListenOverflows: 0,
  TcpExtListenDrops: 0,
  TcpExtTCPSynRetrans: 0,
  TcpExtTCPTimeouts: 0,
  TcpExtTCPLossProbes: 0,
  TcpExtSyncookiesSent: 0,
  TcpExtSyncookiesRecv: 0,
  TcpExtSyncookiesFailed: 0,
  TcpExtTCPReqQFullDoCookies: 0,
  TcpExtTCPReqQFullDrop: 0,
  TcpExtTCPAbortOnData: 0,
  TcpExtTCPAbortOnClose: 0,
  TcpExtTCPAbortOnTimeout: 0,
  TcpExtTW: 0,
});

function createWorld(sc: Scenario): World {
  // hostParams never writes to `sys` and HostParams are never changed in place (a sysctl step
  // gives its host a new object), so hosts without knobs of their own share one.
  let shared: HostParams | null = null;
  const hosts: Host[] = [];
  for (const h of sc.hosts) {
    hosts.push({
      name: h.name,
      ip: h.ip,
      ip6: h.ip6 === undefined ? null : canonicalIp(h.ip6),
      linkMss: sc.link.mss,
      p: h.sysctl === undefined ? (shared ??= hostParams(sc.profile, sc.sysctl)) : hostParams(sc.profile, { ...sc.sysctl, ...h.sysctl }),
      socks: [],
      handleNames: [],
      handleSocks: [],
      ehash: NONE,
      ehashCount: 0,
      listeners: [],
      fdCounter: 3,
      usedIds: [],
      counters: zeroCounters(),
      provenPeers: [],
    });
  }
  const faults: FaultState[] = [];
  for (const fault of sc.faults) faults.push({ fault, seen: 0 });
  const w: World = {
    sc,
    now: 0,
    nowMs: 0,
    q: new Heap<QItem>(),
    qn: 0,
    free: [],
    floodN0: 0,
    floodDst: "",
    events: [],
    maxEvents: sc.maxEvents,
    truncated: false,
    stopped: false,
    hosts,
    latencyUs: Math.round(sc.link.latencyMs * 1000),
    mss: sc.link.mss,
    rng: createPrng(sc.seed),
    segCount: 0,
    faults,
    plan: [],
    tsPairA: "",
    tsPairB: "",
    tsPairAB: 0,
    tsPairBA: 0,
    flows: [],
  };
  // Each step's fields are read once here, into one PlannedStep shape that runStep() reads for
  // the rest of the run. Steps at a time are queued in script order; those `after` another are
  // linked once the whole plan is known (stepWithId looks through all of it).
  const script = sc.script;
  let afterIdx: number[] | null = null;
  let afterIds: string[] | null = null;
  for (let i = 0; i < script.length; i++) {
    const step = script[i] as Step;
    // A validated step has a hidden class per call type and per optional field present, so
    // `step.host` at one site is a megamorphic lookup (~4 ns each, seven per step). A for-in
    // walk reads the same own fields by index through the object's enumeration cache.
    const fields = step as unknown as Record<string, unknown>;
    let call: CallName = "close";
    let hostName = "";
    let sock = "";
    let id: string | null = null;
    let delayMs = 0;
    let at: number | undefined;
    let after: string | undefined;
    for (const key in fields) {
      switch (key) {
        case "call":
          call = fields[key] as CallName;
          break;
        case "host":
          hostName = fields[key] as string;
          break;
        case "sock":
          sock = fields[key] as string;
          break;
        case "id":
          id = (fields[key] as string | undefined) ?? null;
          break;
        case "delayMs":
          delayMs = fields[key] as number;
          break;
        case "at":
          at = fields[key] as number | undefined;
          break;
        case "after":
          after = fields[key] as string | undefined;
          break;
      }
    }
    w.plan.push({
      step,
      host: hostNamed(w, hostName) as Host,
      call,
      sock: call === "sysctl" ? "" : sock,
      id,
      delayUs: Math.round(delayMs * 1000),
      firstDependent: -1,
      lastDependent: -1,
      nextDependent: -1,
    });
    if (at !== undefined) enqueue(w, Math.round((at + delayMs) * 1000), Q_STEP, w.qn++).arg = i;
    else if (after !== undefined) {
      (afterIdx ??= []).push(i);
      (afterIds ??= []).push(after);
    }
  }
  if (afterIdx !== null && afterIds !== null) {
    for (let k = 0; k < afterIdx.length; k++) {
      const j = stepWithId(w.plan, afterIds[k] as string);
      if (j < 0) continue;
      const i = afterIdx[k] as number;
      const target = w.plan[j] as PlannedStep;
      if (target.firstDependent < 0) target.firstDependent = i;
      else (w.plan[target.lastDependent] as PlannedStep).nextDependent = i;
      target.lastDependent = i;
    }
  }
  if (sc.flood && sc.flood.count > 0) {
    // The SYNs' tie-break numbers are reserved now (they rank as if all were queued at the
    // start), but each is queued only when the one before it runs: the heap holds one flood
    // SYN instead of `count`, and pops in exactly the same (t, n) order.
    w.floodDst = endpoint((hostNamed(w, sc.flood.target) as Host).ip, sc.flood.port);
    w.floodN0 = w.qn;
    w.qn += sc.flood.count;
    enqueue(w, floodSynAt(sc.flood, 0), Q_FLOOD, w.floodN0).arg = 0;
  }
  return w;
}

/**
 * The index of the step with this id, or -1; the last one should ids repeat (validation makes
 * them unique), as in the Map of ids this replaced. A scan: a script has at most
 * LIMITS.maxScriptSteps (200) steps, and a Map per run cost more than a lifecycle's lookups.
 */
function stepWithId(plan: PlannedStep[], id: string): number {
  for (let i = plan.length - 1; i >= 0; i--) {
    // Most steps have no id: the null test first keeps the string comparison's feedback to strings.
    const stepId = (plan[i] as PlannedStep).id;
    if (stepId !== null && stepId === id) return i;
  }
  return -1;
}

/** When spoofed SYN `i` leaves: evenly spaced at ratePerSec from startMs (µs, floored). */
function floodSynAt(f: NonNullable<Scenario["flood"]>, i: number): number {
  return Math.round(f.startMs * 1000) + Math.floor(i * (1e6 / f.ratePerSec));
}

/** One spoofed SYN from 198.18.0.0/15 (RFC 2544 benchmarking range: nobody answers). */
function floodSyn(w: World, index: number): void {
  const f = w.sc.flood;
  if (!f) return;
  const target = hostNamed(w, f.target) as Host;
  if (index + 1 < f.count) enqueue(w, floodSynAt(f, index + 1), Q_FLOOD, w.floodN0 + index + 1).arg = index + 1;
  if (index === 0) {
    note(w, null, null, "flood-started", { count: f.count, rate: f.ratePerSec, dst: `${target.ip}:${f.port}` });
  }
  const r = w.rng.next();
  const ip = `198.${18 + (r >>> 31)}.${(r >>> 23) & 0xff}.${((r >>> 15) & 0xff) || 1}`;
  const port = 1024 + (w.rng.next() % 64512);
  xmit(w, null, null, ip, port, target.ip, f.port, F_SYN, w.rng.next(), 0, 0, null, false, "flood");
}

function isLive(it: QItem): boolean {
  if (it.type !== Q_TIMER) return true;
  const s = it.sock as Sock;
  if (it.slot === "rtx") return s.rtxGen === it.arg && s.rtxAt >= 0;
  if (it.slot === "delack") return s.delackGen === it.arg && s.delackAt >= 0;
  return s.waitGen === it.arg && s.waitAt >= 0;
}

/** Return a popped item to the free list, dropping its references. */
function release(w: World, it: QItem): void {
  it.seg = null;
  it.host = null;
  it.sock = null;
  w.free.push(it);
}

/** Run a validated scenario. Pure: same scenario ⇒ byte-identical JSON.stringify(trace). */
export function simulate(sc: Scenario): Trace {
  const w = createWorld(sc);
  const boundUs = Math.round((sc.untilMs ?? LIMITS.maxTimeMs) * 1000);
  let timeTruncated = false;
  while (!w.stopped) {
    const it = w.q.peek();
    if (!it) break;
    if (!isLive(it)) {
      w.q.pop();
      release(w, it);
      continue;
    }
    if (it.t > boundUs) {
      if (sc.untilMs === undefined) timeTruncated = true;
      break;
    }
    w.q.pop();
    w.now = it.t;
    w.nowMs = ms(it.t);
    switch (it.type) {
      case Q_STEP:
        runStep(w, it.arg);
        break;
      case Q_SEG:
        tcpRcv(w, it.host as Host, it.seg as Seg);
        break;
      case Q_TIMER:
        onTimer(w, it.sock as Sock, it.slot, it.arg);
        break;
      case Q_FLOOD:
        floodSyn(w, it.arg);
        break;
    }
    release(w, it);
  }
  let endUs = w.now;
  if (sc.untilMs !== undefined) endUs = boundUs;
  else if (timeTruncated) {
    endUs = boundUs;
    w.now = boundUs;
    w.nowMs = ms(boundUs);
    w.truncated = true;
    note(w, null, null, "truncated", { reason: "time", limit: LIMITS.maxTimeMs });
  }
  const counters: Record<string, Counters> = {};
  for (const h of w.hosts) counters[h.name] = h.counters;
  return {
    scenario: sc,
    events: w.events,
    final: buildSnapshots(w, endUs),
    counters,
    endedAt: ms(endUs),
    truncated: w.truncated,
  };
}

/** Validate then simulate (throws a ZodError on bad input). For tests and trusted callers. */
export function simulateInput(input: ScenarioInput): Trace {
  return simulate(scenarioSchema.parse(input));
}
