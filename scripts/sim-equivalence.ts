/**
 * `npm run sim:equivalence [-- <git ref>]`: does the simulator in this checkout give
 * byte-identical output to the one at `ref` (default `main`)? For work that must not change
 * behaviour — performance work on lib/tcp (issue #16) — run it after every step.
 *
 * Both simulators are bundled into this process (scripts/lib/sim-bundle.ts; the question
 * families are this checkout's on both sides, so only lib/tcp, lib/core and the presets can
 * differ) and run on the same cases:
 *
 * - every preset (content/scenarios),
 * - every question family × difficulty (and profile choice where the family has one) ×
 *   seeds: the generated question, the grade of its correct answer and of each misconception,
 * - a connect() onto the client's own TIME-WAIT under tcp_tw_reuse and its conditions,
 * - SYN floods over counts, rates, backlogs and syncookies settings, up to the 10,000-SYN
 *   flood of bench/sim.bench.ts (past LIMITS.maxFloodSyns, as the bench runs it),
 * - random scenarios from a seeded PRNG (lib/scenarios/rng.ts): hosts, IPv6, knobs, faults,
 *   floods, and scripts of every call, valid or not for the socket they name.
 *
 * A case compares JSON.stringify(trace), the text timeline in both languages (facts' notation,
 * and tcpdump's with timers), `ss` lines and `ss -ti` info at the end and at a time in the
 * middle (snapshotAt), or the error thrown. Prints the number of cases and the first that
 * differs (its first differing event); exits 1 on any difference.
 * `SIM_EQ_RANDOM=<n>` sets the number of random scenarios (default 3000).
 */
import type { FamilyModule } from "@/lib/scenarios/define";
import type { Rng } from "@/lib/scenarios/rng";
import { createRng } from "@/lib/scenarios/rng";
import type * as Tcp from "@/lib/tcp";
import type { Scenario, ScenarioInput, StepInput, SysctlOverrides } from "@/lib/tcp";
import { floodInput, raiseFlood } from "../bench/lib/sim-flood";
import { loadBundle, withTreeAt } from "./lib/sim-bundle";

type Side = typeof Tcp & { FAMILY_MODULES: Record<string, FamilyModule> };

const ENTRY = 'export * from "@/lib/tcp";\nexport { FAMILY_MODULES } from "@/lib/scenarios/registry";\n';

/** One case: a name, and what each side produces for it. */
type Case = { name: string; run: (side: Side) => string[] };

/** Everything observable about one run, as parts compared one by one (the trace's events separately, to point at the first difference). */
function traceParts(side: Side, sc: Scenario): string[] {
  const trace = side.simulate(sc);
  const parts: string[] = [JSON.stringify(trace)];
  for (const ev of trace.events) parts.push(JSON.stringify(ev));
  parts.push(side.formatTraceText(trace));
  parts.push(side.formatTraceText(trace, { lang: "zh", tcpdump: true, timers: true }));
  for (const ev of trace.events) if (ev.kind === "segment") parts.push(side.formatTcpdump(ev));
  const mid = Math.round(trace.endedAt * 500) / 1000;
  for (const snap of [trace.final, side.snapshotAt(trace, mid)]) for (const s of snap) parts.push(`${side.formatSsLine(s)} | ${side.formatSsInfo(s)}`);
  return parts;
}

/** Validate with the side's own schema, then simulate (or say why not). */
function inputParts(side: Side, input: ScenarioInput, raise?: (sc: Scenario) => Scenario): string[] {
  const r = side.parseScenario(input);
  if (!r.ok) return [`invalid: ${JSON.stringify(r.issues)}`];
  return traceParts(side, raise ? raise(r.scenario) : r.scenario);
}

function guarded(side: Side, name: string, run: (side: Side) => string[]): string[] {
  try {
    return run(side);
  } catch (e) {
    return [`${name} threw: ${e instanceof Error ? e.message : String(e)}`];
  }
}

// ---------------------------------------------------------------------------------------------
// The cases.

function presetCases(ids: readonly string[]): Case[] {
  return ids.map((id) => ({
    name: `preset ${id}`,
    run: (side) => {
      const p = side.getPreset(id);
      return p ? traceParts(side, p.scenario) : ["no such preset"];
    },
  }));
}

const FAMILY_SEEDS = 25;

function familyCases(ids: readonly string[], probe: Side): Case[] {
  const cases: Case[] = [];
  const seeds = createRng(16);
  for (const id of ids) {
    const family = probe.FAMILY_MODULES[id] as FamilyModule;
    const configs: Record<string, unknown>[] = [{ difficulty: 1 }, { difficulty: 2 }, { difficulty: 3 }];
    // Families that let the instructor pick the profile: the textbook one too.
    if (family.configSchema.safeParse({ difficulty: 2, profile: "rfc9293" }).success) configs.push({ difficulty: 2, profile: "rfc9293" }, { difficulty: 3, profile: "mixed" });
    for (const config of configs) {
      for (let i = 0; i < FAMILY_SEEDS; i++) {
        const seed = seeds.u32();
        cases.push({
          name: `family ${id} ${JSON.stringify(config)} seed ${seed}`,
          run: (side) => {
            const f = side.FAMILY_MODULES[id] as FamilyModule;
            const g = f.generate(seed, config);
            const parts = [JSON.stringify(g), JSON.stringify(f.parse(JSON.parse(JSON.stringify(g.answer)), g.params)), JSON.stringify(f.grade(g.params, g.answer))];
            for (const wrong of f.wrongAnswers(g.params, g.answer, seed)) parts.push(JSON.stringify(f.grade(g.params, wrong)));
            return parts;
          },
        });
      }
    }
  }
  return cases;
}

const HOSTS = [
  { name: "client", ip: "10.0.0.1" },
  { name: "server", ip: "10.0.0.2" },
];

function floodCases(): Case[] {
  const cases: Case[] = [];
  const rng = createRng(1016);
  const shapes: { count: number; rate: number }[] = [];
  for (const count of [1, 2, 10, 129, 600, 2000]) for (const rate of [50, 1000, 10_000, 1_000_000]) shapes.push({ count, rate });
  for (const { count, rate } of shapes) {
    for (const syncookies of [0, 1, 2] as const) {
      const backlog = rng.pick([1, 8, 128]);
      const input: ScenarioInput = {
        seed: rng.u32(),
        profile: rng.chance(0.8) ? "linux" : "rfc9293",
        hosts: HOSTS,
        link: { latencyMs: rng.pick([0.01, 1, 20]) },
        sysctl: { tcp_syncookies: syncookies, tcp_synack_retries: rng.pick([0, 1, 2, 5]), tcp_max_syn_backlog: rng.pick([16, 128, 2048]) },
        flood: { target: "server", port: 80, count, ratePerSec: rate, startMs: rng.pick([0, 3]) },
        script: [
          { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
          { at: 0, host: "server", sock: "l", call: "listen", backlog },
          { id: "acc", at: rng.pick([0, 400]), host: "server", sock: "l", call: "accept", as: "s" },
          { id: "conn", at: rng.pick([1, 50, 900]), host: "client", sock: "c", call: "connect", to: "server:80" },
          { after: "conn", host: "client", sock: "c", call: "send", data: "hello" },
          { after: "acc", host: "server", sock: "s", call: "recv" },
          { at: 3000, host: "client", sock: "c", call: "close" },
        ],
      };
      cases.push({ name: `flood ${count} SYNs at ${rate}/s, syncookies=${syncookies}, listen(${backlog})`, run: (side) => inputParts(side, input) });
    }
  }
  // bench/sim.bench.ts's floods, the 10,000-SYN one raised past the schema's cap after validation as the bench does.
  for (const count of [1000, 10_000]) {
    cases.push({ name: `bench flood ${count} SYNs`, run: (side) => inputParts(side, floodInput(Math.min(count, 1000)), (sc) => raiseFlood(sc, count)) });
  }
  return cases;
}

/**
 * A client that closes first (its TIME-WAIT holds the port), then connects again from the same
 * port: tcp_tw_reuse, timestamps, loopback or not, the reuse delay, an explicit bind or a
 * one-port ephemeral range (connect onto TIME-WAIT, kernel fact 11). Random scripts rarely
 * line all of that up.
 */
function timeWaitCases(): Case[] {
  const cases: Case[] = [];
  for (const twReuse of [0, 1, 2] as const)
    for (const timestamps of [0, 1] as const)
      for (const lo of [false, true])
        for (const againAt of [500, 2500])
          for (const explicitBind of [false, true])
            for (const profile of ["linux", "rfc9293"] as const) {
              const srv = lo ? "client" : "server";
              const to = lo ? "127.0.0.1:80" : "server:80";
              const bind = (sock: string, at: number): StepInput[] =>
                explicitBind
                  ? [
                      { at, host: "client", sock, call: "setsockopt", opt: "SO_REUSEADDR", value: true },
                      { at, host: "client", sock, call: "bind", port: 40000 },
                    ]
                  : [];
              const input: ScenarioInput = {
                profile,
                seed: cases.length + 1,
                hosts: HOSTS,
                link: { latencyMs: 1 },
                sysctl: { tcp_tw_reuse: twReuse, tcp_timestamps: timestamps, ip_local_port_range: [40000, 40000] },
                script: [
                  { at: 0, host: srv, sock: "l", call: "bind", port: 80 },
                  { at: 0, host: srv, sock: "l", call: "listen", backlog: 8 },
                  { id: "acc", at: 0, host: srv, sock: "l", call: "accept", as: "s" },
                  { id: "req", after: "acc", host: srv, sock: "s", call: "recv" },
                  { id: "eof", after: "req", host: srv, sock: "s", call: "recv" },
                  { after: "eof", delayMs: 5, host: srv, sock: "s", call: "close" },
                  ...bind("c", 1),
                  { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to },
                  { id: "get", after: "conn", host: "client", sock: "c", call: "send", data: "GET /" },
                  { after: "get", delayMs: 2, host: "client", sock: "c", call: "close" },
                  { id: "acc2", at: againAt, host: srv, sock: "l", call: "accept", as: "s2" },
                  { after: "acc2", host: srv, sock: "s2", call: "recv" },
                  ...bind("d", againAt),
                  { id: "again", at: againAt, host: "client", sock: "d", call: "connect", to },
                  { after: "again", host: "client", sock: "d", call: "send", data: "GET /again" },
                ],
              };
              cases.push({ name: `TIME-WAIT reuse: ${JSON.stringify({ twReuse, timestamps, lo, againAt, explicitBind, profile })}`, run: (side) => inputParts(side, input) });
            }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Random scenarios: client/server conversations with random variations, and random calls on top.

const KNOBS: { [K in keyof SysctlOverrides]-?: (r: Rng) => NonNullable<SysctlOverrides[K]> } = {
  somaxconn: (r) => r.pick([0, 1, 4, 4096]),
  tcp_max_syn_backlog: (r) => r.pick([1, 4, 128, 2048]),
  tcp_syncookies: (r) => r.pick([0, 1, 2] as const),
  tcp_abort_on_overflow: (r) => r.pick([0, 1] as const),
  tcp_syn_retries: (r) => r.int(1, 7),
  tcp_synack_retries: (r) => r.int(0, 6),
  tcp_orphan_retries: (r) => r.int(0, 9),
  tcp_retries2: (r) => r.pick([1, 3, 8, 15]),
  tcp_fin_timeout: (r) => r.pick([1, 5, 60]),
  tcp_syn_linear_timeouts: (r) => r.int(0, 5),
  tcp_rto_min_ms: (r) => r.pick([1, 50, 200, 1000]),
  tcp_rto_max_ms: (r) => r.pick([1000, 5000, 120_000]),
  tcp_timeout_init_ms: (r) => r.pick([1, 200, 1000, 3000]),
  tcp_delack_min_ms: (r) => r.pick([0, 4, 40, 200]),
  tcp_rfc1337: (r) => r.pick([0, 1] as const),
  tcp_tw_reuse: (r) => r.pick([0, 1, 2] as const),
  tcp_tw_reuse_delay_ms: (r) => r.pick([1, 1000, 60_000]),
  ip_local_port_range: (r) => r.pick([[32768, 60999], [40000, 40002], [1024, 1024]] as [number, number][]),
  tcp_timestamps: (r) => r.pick([0, 1] as const),
  tcp_sack: (r) => r.pick([0, 1] as const),
  tcp_window_scaling: (r) => r.pick([0, 1] as const),
  bindv6only: (r) => r.pick([0, 1] as const),
  msl_ms: (r) => r.pick([1, 500, 30_000, 120_000]),
};
const KNOB_NAMES = Object.keys(KNOBS) as (keyof SysctlOverrides)[];

function randomKnobs(r: Rng, max: number): SysctlOverrides {
  const out: Record<string, unknown> = {};
  for (const k of r.sample(KNOB_NAMES, r.int(1, max))) out[k] = KNOBS[k](r);
  return out as SysctlOverrides;
}

type HostIn = { name: string; ip: string; ip6?: string; sysctl?: SysctlOverrides };

function randomScenario(r: Rng): ScenarioInput {
  const nHosts = r.pick([1, 2, 2, 2, 2, 3, 3, 4, 5]);
  const names = ["client", "server", "proxy", "db", "cache"];
  const hosts: HostIn[] = [];
  for (let i = 0; i < nHosts; i++) {
    const h: HostIn = { name: names[i] as string, ip: `10.0.0.${i + 1}` };
    if (r.chance(0.3)) h.ip6 = r.pick([`fd00::${i + 1}`, `2001:db8:0:0::${(i + 1).toString(16)}`]);
    if (r.chance(0.15)) h.sysctl = randomKnobs(r, 3);
    hosts.push(h);
  }
  const script: StepInput[] = [];
  let nextId = 0;
  const id = (): string => `s${nextId++}`;
  const host = (): HostIn => r.pick(hosts);
  const ports = [80, 443, 8080];
  const text = (): string => r.pick(["GET / HTTP/1.1", "x", "hello, world", "HTTP/1.1 200 OK", "a".repeat(r.int(1, 300))]);
  const timing = (after: string | null): { at: number } | { after: string; delayMs: number } =>
    after !== null && r.chance(0.75) ? { after, delayMs: r.pick([0, 0, 1, 5, 300]) } : { at: r.pick([0, 0, 1, 2, 10, 50, 250, 1000, 5000, 70_000]) };

  // Conversations: a server listening, a client connecting, data both ways, closes.
  const conversations = r.pick([0, 1, 1, 1, 2, 2, 3]);
  for (let c = 0; c < conversations; c++) {
    const srv = host();
    const cli = r.chance(0.85) ? host() : srv;
    const port = r.pick(ports);
    const l = `l${c}`;
    const v6 = srv.ip6 !== undefined && r.chance(0.5);
    if (r.chance(0.2)) script.push({ at: 0, host: srv.name, sock: l, call: "setsockopt", opt: "SO_REUSEADDR", value: true });
    if (v6 && r.chance(0.3)) script.push({ at: 0, host: srv.name, sock: l, call: "setsockopt", opt: "IPV6_V6ONLY", value: r.chance(0.5) });
    const bindIp = v6 ? r.pick([undefined, "::", srv.ip6]) : r.pick([undefined, undefined, "0.0.0.0", srv.ip, "127.0.0.1", "::"]);
    script.push(bindIp === undefined ? { at: 0, host: srv.name, sock: l, call: "bind", port } : { at: 0, host: srv.name, sock: l, call: "bind", ip: bindIp, port });
    script.push({ at: r.pick([0, 0, 0, 20]), host: srv.name, sock: l, call: "listen", backlog: r.pick([-1, 0, 1, 2, 5, 128]) });
    const accepts = r.pick([0, 1, 1, 2]);
    for (let a = 0; a < accepts; a++) {
      const s = `a${c}_${a}`;
      let prev = id();
      script.push({ id: prev, at: r.pick([0, 0, 5, 500, 3000]), host: srv.name, sock: l, call: "accept", as: s, nonblocking: r.chance(0.1) });
      for (let k = r.int(0, 4); k > 0; k--) {
        const next = id();
        const call = r.pick(["recv", "recv", "send", "send", "close", "shutdown", "getsockopt"] as const);
        const t = timing(prev);
        if (call === "recv") script.push({ id: next, ...t, host: srv.name, sock: s, call, max: r.pick([1, 5, 65536]), nonblocking: r.chance(0.1) });
        else if (call === "send")
          script.push(r.chance(0.7) ? { id: next, ...t, host: srv.name, sock: s, call, data: text() } : { id: next, ...t, host: srv.name, sock: s, call, bytes: r.pick([1, 1460, 5000, 200_000]) });
        else if (call === "shutdown") script.push({ id: next, ...t, host: srv.name, sock: s, call, how: r.pick(["SHUT_RD", "SHUT_WR", "SHUT_RDWR"] as const) });
        else if (call === "getsockopt") script.push({ id: next, ...t, host: srv.name, sock: s, call, opt: "SO_ERROR" });
        else script.push({ id: next, ...t, host: srv.name, sock: s, call });
        prev = next;
      }
    }
    if (r.chance(0.15)) script.push({ at: r.pick([100, 2000, 10_000]), host: srv.name, sock: l, call: "close" });
    // A second wave (a later connect() from the same host) meets the first wave's TIME-WAIT.
    const clients = r.pick([1, 1, 1, 2, 3]) + (r.chance(0.25) ? 1 : 0);
    for (let k = 0; k < clients; k++) {
      const s = `c${c}_${k}`;
      const secondWave = k > 0 && r.chance(0.5);
      const start = secondWave ? r.pick([1500, 3000, 20_000]) : 0;
      if (r.chance(0.15)) script.push({ at: start, host: cli.name, sock: s, call: "socket", family: v6 || r.chance(0.2) ? "AF_INET6" : "AF_INET" });
      if (r.chance(0.15)) script.push({ at: start, host: cli.name, sock: s, call: "setsockopt", opt: "SO_LINGER", value: true, linger: r.pick([0, 0, 1]) });
      if (r.chance(0.1)) script.push({ at: start, host: cli.name, sock: s, call: "setsockopt", opt: "TCP_NODELAY", value: true });
      const bindPort = r.chance(secondWave ? 0.4 : 0.1) ? r.pick([0, 40000, 40000, port]) : null;
      if (r.chance(bindPort === 40000 ? 0.6 : 0.1)) script.push({ at: start, host: cli.name, sock: s, call: "setsockopt", opt: "SO_REUSEADDR", value: true });
      if (bindPort !== null) script.push({ at: start, host: cli.name, sock: s, call: "bind", port: bindPort });
      const to = v6 && srv.ip6 ? `[${r.chance(0.2) && srv === cli ? "::1" : srv.ip6}]:${port}` : r.pick([`${srv.name}:${port}`, `${srv.name}:${port}`, `${srv.ip}:${port}`, `127.0.0.1:${port}`, `${srv.name}:${r.pick(ports)}`, `10.0.0.9:${port}`]);
      let prev = id();
      script.push({ id: prev, at: start + r.pick([0, 1, 1, 3, 100, 2000]), host: cli.name, sock: s, call: "connect", to, nonblocking: r.chance(0.1) });
      for (let n = r.int(0, 6); n > 0; n--) {
        const next = id();
        const call = r.pick(["send", "send", "recv", "recv", "close", "shutdown", "getsockopt", "connect"] as const);
        const t = timing(prev);
        if (call === "recv") script.push({ id: next, ...t, host: cli.name, sock: s, call, max: r.pick([1, 5, 65536]), nonblocking: r.chance(0.1) });
        else if (call === "send")
          script.push(r.chance(0.7) ? { id: next, ...t, host: cli.name, sock: s, call, data: text(), nonblocking: r.chance(0.05) } : { id: next, ...t, host: cli.name, sock: s, call, bytes: r.pick([1, 1460, 5000, 200_000]) });
        else if (call === "shutdown") script.push({ id: next, ...t, host: cli.name, sock: s, call, how: r.pick(["SHUT_RD", "SHUT_WR", "SHUT_WR", "SHUT_RDWR"] as const) });
        else if (call === "getsockopt") script.push({ id: next, ...t, host: cli.name, sock: s, call, opt: "SO_ERROR" });
        else if (call === "connect") script.push({ id: next, ...t, host: cli.name, sock: s, call, to });
        else script.push({ id: next, ...t, host: cli.name, sock: s, call });
        prev = next;
      }
    }
  }
  // Random calls on any handle, at any time: sockets in odd states, calls that fail.
  for (let n = r.pick([0, 0, 0, 1, 3, 8]); n > 0; n--) {
    const h = host();
    const sock = r.pick(["l0", "c0_0", "a0_0", "x", "l1", "c1_0"]);
    const t = { at: r.pick([0, 1, 30, 400, 5000, 130_000]) };
    const call = r.pick(["socket", "bind", "listen", "connect", "accept", "send", "recv", "shutdown", "close", "setsockopt", "getsockopt", "sysctl"] as const);
    if (call === "socket") script.push({ ...t, host: h.name, sock, call });
    else if (call === "bind") script.push({ ...t, host: h.name, sock, call, port: r.pick([0, 80, 40000]) });
    else if (call === "listen") script.push({ ...t, host: h.name, sock, call, backlog: r.pick([0, 1, 10]) });
    else if (call === "connect") script.push({ ...t, host: h.name, sock, call, to: `${r.pick(hosts).name}:${r.pick(ports)}`, nonblocking: r.chance(0.3) });
    else if (call === "accept") script.push({ ...t, host: h.name, sock, call, as: `y${n}`, nonblocking: r.chance(0.5) });
    else if (call === "send") script.push({ ...t, host: h.name, sock, call, data: text() });
    else if (call === "recv") script.push({ ...t, host: h.name, sock, call, nonblocking: r.chance(0.5) });
    else if (call === "shutdown") script.push({ ...t, host: h.name, sock, call, how: r.pick(["SHUT_RD", "SHUT_WR", "SHUT_RDWR"] as const) });
    else if (call === "setsockopt") script.push({ ...t, host: h.name, sock, call, opt: r.pick(["SO_REUSEADDR", "SO_LINGER", "TCP_NODELAY", "IPV6_V6ONLY"] as const), value: r.chance(0.7), linger: r.pick([0, 2]) });
    else if (call === "getsockopt") script.push({ ...t, host: h.name, sock, call, opt: "SO_ERROR" });
    else if (call === "sysctl") {
      const key = r.pick(KNOB_NAMES);
      script.push({ ...t, host: h.name, call, key, value: KNOBS[key](r) });
    } else script.push({ ...t, host: h.name, sock, call });
  }

  const faults: NonNullable<ScenarioInput["faults"]> = [];
  for (let n = r.pick([0, 0, 1, 1, 2, 4]); n > 0; n--) {
    const action = r.pick(["drop", "drop", "delay", "duplicate"] as const);
    const match: Record<string, unknown> = {};
    if (r.chance(0.4)) match.from = r.pick(hosts).name;
    if (r.chance(0.2)) match.to = r.pick(hosts).name;
    if (r.chance(0.5)) match.flags = r.sample(["SYN", "ACK", "FIN", "RST", "PSH"] as const, r.int(1, 2));
    if (r.chance(0.2)) match.exact = r.chance(0.5);
    if (r.chance(0.2)) match.data = r.chance(0.5);
    faults.push({
      action,
      ...(r.chance(0.8) ? { match } : {}),
      nth: r.pick([1, 1, 2, 3, 7]),
      count: r.pick([1, 1, 2, 5]),
      delayMs: action === "drop" ? 0 : r.pick([1, 30, 400, 3000]),
    });
  }

  const input: ScenarioInput = {
    profile: r.chance(0.75) ? "linux" : "rfc9293",
    seed: r.u32(),
    hosts,
    link: { latencyMs: r.pick([0.01, 0.01, 0.5, 1, 10, 37, 200]), mss: r.pick([65483, 65483, 1460, 536, 88]) },
    faults,
    script,
  };
  if (r.chance(0.5)) input.sysctl = randomKnobs(r, 5);
  if (r.chance(0.08)) {
    const target = r.pick(hosts).name;
    input.flood = { target, port: r.pick(ports), count: r.pick([1, 5, 50, 300]), ratePerSec: r.pick([100, 1000, 50_000]), startMs: r.pick([0, 10]) };
  }
  if (r.chance(0.15)) input.untilMs = r.pick([0, 1, 3, 150, 2500, 60_000]);
  if (r.chance(0.08)) input.maxEvents = r.pick([10, 25, 100, 400]);
  return input;
}

function randomCases(n: number, probe: Side): { cases: Case[]; invalid: number } {
  const r = createRng(0x5eed16);
  const cases: Case[] = [];
  let invalid = 0;
  while (cases.length < n) {
    const input = randomScenario(r);
    // Keep the valid ones (an invalid scenario never reaches the simulator), but count the rest.
    if (!probe.parseScenario(input).ok) {
      invalid++;
      continue;
    }
    cases.push({ name: `random #${cases.length}: ${JSON.stringify(input)}`, run: (side) => inputParts(side, input) });
  }
  return { cases, invalid };
}

// ---------------------------------------------------------------------------------------------

function firstDifference(a: string[], b: string[]): string {
  const n = Math.max(a.length, b.length);
  // Part 0 is the whole trace: report a finer part when one differs.
  for (let i = 1; i < n; i++) {
    if (a[i] !== b[i]) return `part ${i} of ${a.length} vs ${b.length}:\n  this checkout: ${a[i] ?? "(none)"}\n  baseline:      ${b[i] ?? "(none)"}`;
  }
  return `part 0:\n  this checkout: ${(a[0] ?? "").slice(0, 2000)}\n  baseline:      ${(b[0] ?? "").slice(0, 2000)}`;
}

function main(): void {
  const ref = process.argv[2] ?? "main";
  const randomCount = Number(process.env.SIM_EQ_RANDOM ?? 3000);
  const current = loadBundle<Side>(process.cwd(), ENTRY);
  const { value: baseline, label } = withTreeAt(ref, (root) => loadBundle<Side>(root, ENTRY), ["lib/scenarios"]);

  const random = randomCases(randomCount, current);
  const groups: [string, Case[]][] = [
    ["presets", presetCases(current.PRESET_IDS)],
    ["question families", familyCases(Object.keys(current.FAMILY_MODULES), current)],
    ["SYN floods", floodCases()],
    ["connect onto TIME-WAIT", timeWaitCases()],
    ["random scenarios", random.cases],
  ];
  console.log(`simulator equivalence: this checkout vs ${label}`);
  let total = 0;
  let differing = 0;
  let first: string | null = null;
  const t0 = performance.now();
  for (const [group, cases] of groups) {
    let groupDiffs = 0;
    for (const c of cases) {
      const a = guarded(current, c.name, c.run);
      const b = guarded(baseline, c.name, c.run);
      total++;
      if (a.length === b.length && a.every((x, i) => x === b[i])) continue;
      groupDiffs++;
      first ??= `${c.name}\n${firstDifference(a, b)}`;
    }
    differing += groupDiffs;
    console.log(`  ${group}: ${cases.length} cases, ${groupDiffs} differ${group === "random scenarios" ? ` (${random.invalid} invalid drafts skipped)` : ""}`);
  }
  console.log(`${total} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${differing === 0 ? "all identical" : `${differing} differ`}`);
  if (first !== null) {
    console.log(`\nfirst difference: ${first}`);
    process.exit(1);
  }
}

main();
