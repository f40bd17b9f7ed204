/**
 * The scenario schema: what a simulation takes as input.
 *
 * Times are milliseconds of simulated time (fractions allowed down to 0.001 ms = 1 µs).
 * Sysctl defaults are the host defaults recorded with the kernel facts
 * (lib/tcp/kernel-facts/README.md, "Host defaults", Linux 6.18).
 */
import { z } from "zod";
import { canonicalIp, isIpv4Text, isIpv6Text, parseIpv6Groups, unmapV4 } from "./addr";

/** Bounds shared with the API route (`POST /api/simulate`) so both enforce the same limits. */
/**
 * The one set of bounds for every way in: the library, the CLI, `POST /api/simulate`, the
 * playground and its share links (`/sim?s=`), and the diagrams built into lessons (issue #14).
 * They are sized so that the worst scenario they admit costs a few tens of milliseconds of CPU
 * (measured ~2–4 µs per event once warm, `npm run bench:sim`): a public server must not let
 * one request hold its thread for seconds. The event cap is the bound that guarantees it; the
 * others keep the input itself small.
 */
export const LIMITS = {
  maxHosts: 8,
  maxScriptSteps: 200,
  maxFaults: 32,
  /** A flood this size completes within the event cap (≈ 2.4 events per SYN with syncookies). */
  maxFloodSyns: 2000,
  /** Largest `untilMs` / time bound (ms): 20 simulated minutes covers tcp_retries2=15 (~924.6 s). */
  maxTimeMs: 1_200_000,
  /**
   * Default and largest event cap. The run stops with `truncated: true` when it is hit. Every
   * preset and generated question stays far below it (the largest preset has ~510 events).
   */
  defaultMaxEvents: 5_000,
  maxEvents: 5_000,
  /** Largest send() size in bytes. */
  maxSendBytes: 1_000_000,
  maxDataChars: 4096,
  /** Largest serialized scenario the API accepts (bytes of JSON). */
  maxScenarioJsonBytes: 64 * 1024,
  /**
   * Longest share-link parameter (`/sim?s=…`, base64url of compact JSON, ~6 KB of JSON). Node's
   * HTTP parser refuses request heads over 16 KB, so a longer link could not even be opened.
   */
  maxShareParamChars: 8192,
} as const;

const ipv4Schema = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, {
    message: "must be an IPv4 address like 10.0.0.1",
  });

/**
 * A host's own IPv6 address (`fd00::1`; `::1` for a loopback-only host), any RFC 4291 §2.2
 * spelling; the simulator works with its RFC 5952 form. Not the wildcard `::` and not a
 * v4-mapped address (those name sockets' bindings, not interfaces).
 */
const ipv6HostSchema = z
  .string()
  .max(45)
  .refine((t) => isIpv6Text(t) && canonicalIp(t) !== "::" && unmapV4(canonicalIp(t) ?? "") === null, {
    message: "must be an IPv6 address like fd00::1 or ::1 (not :: and not ::ffff:a.b.c.d)",
  });

/** A bind() address: IPv4 (`0.0.0.0` = INADDR_ANY) or IPv6 (`::` = in6addr_any, `::ffff:a.b.c.d` v4-mapped). */
const bindIpSchema = z
  .string()
  .max(45)
  .refine((t) => isIpv4Text(t) || isIpv6Text(t), { message: "must be an IPv4 or IPv6 address like 10.0.0.1, 0.0.0.0, ::1 or ::" });

const nameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,23}$/, { message: "must be a name like client, srv-1 (letters, digits, _ or -; starts with a letter)" });

const msSchema = z.number().min(0).max(LIMITS.maxTimeMs);
const portSchema = z.number().int().min(0).max(65535);

/**
 * Kernel knobs. Names follow `net.ipv4.*` / `net.core.*`; the `_ms` ones are not sysctls in
 * Linux (compile-time constants or per-route/BPF settings) and are exposed for teaching.
 */
const sysctlShape = {
  somaxconn: z.number().int().min(0).max(65535),
  tcp_max_syn_backlog: z.number().int().min(1).max(65535),
  tcp_syncookies: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  tcp_abort_on_overflow: z.union([z.literal(0), z.literal(1)]),
  tcp_syn_retries: z.number().int().min(1).max(127),
  tcp_synack_retries: z.number().int().min(0).max(255),
  tcp_orphan_retries: z.number().int().min(0).max(255),
  tcp_retries2: z.number().int().min(1).max(255),
  /** Seconds an orphaned FIN-WAIT-2 socket lives (Linux only). */
  tcp_fin_timeout: z.number().int().min(1).max(600),
  /** Linux 6.x: the first N SYN retransmissions keep the initial RTO (no doubling). */
  tcp_syn_linear_timeouts: z.number().int().min(0).max(16),
  tcp_rto_min_ms: z.number().min(1).max(120_000),
  tcp_rto_max_ms: z.number().min(1000).max(120_000),
  /** Initial RTO (TCP_TIMEOUT_INIT, RFC 6298 §2.1). */
  tcp_timeout_init_ms: z.number().min(1).max(60_000),
  /** Delayed-ACK timeout once data has flowed (TCP_ATO_MIN = HZ/25 = 40 ms). */
  tcp_delack_min_ms: z.number().min(0).max(500),
  /** RST in TIME-WAIT kills it when 0 (TIME-WAIT assassination, RFC 1337). */
  tcp_rfc1337: z.union([z.literal(0), z.literal(1)]),
  /** connect() may take over a TIME-WAIT 4-tuple: 0 never, 1 always, 2 loopback only. */
  tcp_tw_reuse: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  tcp_tw_reuse_delay_ms: z.number().min(1).max(600_000),
  ip_local_port_range: z
    .tuple([z.number().int().min(1).max(65535), z.number().int().min(1).max(65535)])
    .refine(([lo, hi]) => lo <= hi, { message: "low end must not exceed high end" }),
  /** RFC 7323 timestamps offered in SYNs (linux default 1); they carry the RTT samples Karn forbids. */
  tcp_timestamps: z.union([z.literal(0), z.literal(1)]),
  /** SACK-permitted offered (default 1); a tail loss probe needs SACK (tcp_schedule_loss_probe). */
  tcp_sack: z.union([z.literal(0), z.literal(1)]),
  /** Window scaling offered (default 1). */
  tcp_window_scaling: z.union([z.literal(0), z.literal(1)]),
  /**
   * net.ipv6.bindv6only: the IPV6_V6ONLY an AF_INET6 socket starts with (default 0: a socket
   * bound to `::` also takes IPv4 through v4-mapped addresses). inet6_create(), net/ipv6/af_inet6.c.
   */
  bindv6only: z.union([z.literal(0), z.literal(1)]),
  /** Maximum segment lifetime for the rfc9293 profile (TIME-WAIT = 2×MSL). RFC 9293 §3.4.2: 2 minutes. */
  msl_ms: z.number().min(1).max(300_000),
};
type SysctlShape = typeof sysctlShape;

/** Host defaults recorded with the kernel facts (Linux 6.18). */
export const SYSCTL_DEFAULTS: { [K in keyof SysctlShape]: z.output<SysctlShape[K]> } = {
  somaxconn: 4096,
  tcp_max_syn_backlog: 2048,
  tcp_syncookies: 1,
  tcp_abort_on_overflow: 0,
  tcp_syn_retries: 6,
  tcp_synack_retries: 5,
  tcp_orphan_retries: 0,
  tcp_retries2: 15,
  tcp_fin_timeout: 60,
  tcp_syn_linear_timeouts: 4,
  tcp_rto_min_ms: 200,
  tcp_rto_max_ms: 120_000,
  tcp_timeout_init_ms: 1000,
  tcp_delack_min_ms: 40,
  tcp_rfc1337: 0,
  tcp_tw_reuse: 2,
  tcp_tw_reuse_delay_ms: 1000,
  ip_local_port_range: [32768, 60999],
  tcp_timestamps: 1,
  tcp_sack: 1,
  tcp_window_scaling: 1,
  bindv6only: 0,
  msl_ms: 120_000,
};

function withDefaults<S extends Record<string, z.ZodType>>(
  shape: S,
  defaults: { [K in keyof S]: z.output<S[K]> },
): z.ZodObject<{ [K in keyof S]: z.ZodDefault<S[K]> }> {
  const out: Record<string, z.ZodType> = {};
  for (const k of Object.keys(shape)) out[k] = (shape[k] as z.ZodType).default(defaults[k as keyof S] as never);
  return z.object(out) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodDefault<S[K]> }>;
}

export const sysctlSchema = withDefaults(sysctlShape, SYSCTL_DEFAULTS);
/** The knob names, for the `sysctl` script step. */
export const SYSCTL_KEYS = Object.keys(sysctlShape) as [keyof SysctlShape, ...(keyof SysctlShape)[]];
export type SysctlKey = keyof SysctlShape;
export type Sysctl = z.infer<typeof sysctlSchema>;
/** The same knobs, all optional and without defaults (what a host may override). */
export const sysctlOverridesSchema = z.object(sysctlShape).partial();
export type SysctlOverrides = z.infer<typeof sysctlOverridesSchema>;

export const hostSchema = z.object({
  name: nameSchema,
  ip: ipv4Schema,
  /** The host's IPv6 address (optional). Every host also has `::1`, as it has 127.0.0.1. */
  ip6: ipv6HostSchema.optional(),
  /** Per-host overrides on top of `scenario.sysctl`. */
  sysctl: sysctlOverridesSchema.optional(),
});
export type HostSpec = z.infer<typeof hostSchema>;

const flagSchema = z.enum(["SYN", "ACK", "FIN", "RST", "PSH"]);

export const faultSchema = z
  .object({
    action: z.enum(["drop", "delay", "duplicate"]),
    /** Which segments it applies to; omitted = every segment. `flags` must all be present (or be exactly the set with `exact`). */
    match: z
      .object({
        from: nameSchema.optional(),
        to: nameSchema.optional(),
        flags: z.array(flagSchema).max(5).optional(),
        exact: z.boolean().optional(),
        /** true: only segments carrying data; false: only segments without data. */
        data: z.boolean().optional(),
      })
      .optional(),
    /** 1-based: the nth segment that matches (counting all segments when `match` is omitted). */
    nth: z.number().int().min(1).max(100_000).default(1),
    /** How many consecutive matches, from the nth, it applies to. */
    count: z.number().int().min(1).max(100_000).default(1),
    /** For "delay" (extra latency) and "duplicate" (lag of the copy behind the original). */
    delayMs: z.number().min(0).max(LIMITS.maxTimeMs).default(0),
  })
  .refine((f) => f.action !== "delay" || f.delayMs > 0, {
    message: "a delay fault needs delayMs > 0",
    path: ["delayMs"],
  });
export type Fault = z.infer<typeof faultSchema>;

export const floodSchema = z.object({
  /** Host under attack and its listening port. */
  target: nameSchema,
  port: portSchema.min(1),
  count: z.number().int().min(1).max(LIMITS.maxFloodSyns),
  startMs: msSchema.default(0),
  /** SYNs per second; the spoofed sources (198.18.0.0/15, RFC 2544) never answer. */
  ratePerSec: z.number().min(1).max(10_000_000).default(1000),
});
export type Flood = z.infer<typeof floodSchema>;

/**
 * "host:port" (a host's name: its IPv4 address, or its IPv6 one from an AF_INET6 socket),
 * "a.b.c.d:port" or "[ipv6]:port" (RFC 3986 §3.2.2 brackets, e.g. "[::1]:5002", "[::ffff:127.0.0.1]:80").
 */
const destinationSchema = z
  .string()
  .regex(/^([A-Za-z][A-Za-z0-9_-]{0,23}|(\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}$/, {
    message: 'must look like "server:80", "10.0.0.2:80" or "[fd00::2]:80"',
  });

const stepTiming = {
  /** Absolute time (ms). */
  at: msSchema.optional(),
  /** Run right after step `after` (by id) returned, plus `delayMs`. */
  after: nameSchema.optional(),
  delayMs: msSchema.default(0),
  /** Name this step so others can run `after` it. */
  id: nameSchema.optional(),
  host: nameSchema,
};

const stepBase = {
  ...stepTiming,
  /** Script handle of the socket (e.g. "c1", "l", "s1"). */
  sock: nameSchema,
};

export const stepSchema = z.discriminatedUnion("call", [
  z.object({
    ...stepBase,
    call: z.literal("socket"),
    /**
     * Address family. Omitted (or a socket created by its first call): AF_INET6 when that call
     * names an IPv6 address or sets IPV6_V6ONLY, AF_INET otherwise.
     */
    family: z.enum(["AF_INET", "AF_INET6"]).optional(),
  }),
  z.object({
    ...stepBase,
    call: z.literal("setsockopt"),
    opt: z.enum(["SO_REUSEADDR", "SO_LINGER", "TCP_NODELAY", "IPV6_V6ONLY"]),
    /** SO_REUSEADDR/TCP_NODELAY/IPV6_V6ONLY: on/off. SO_LINGER: on/off with `linger` seconds. */
    value: z.boolean(),
    linger: z.number().int().min(0).max(3600).default(0),
  }),
  z.object({ ...stepBase, call: z.literal("getsockopt"), opt: z.literal("SO_ERROR") }),
  z.object({
    ...stepBase,
    call: z.literal("bind"),
    /**
     * Defaults to the host's own address (IPv4, or its IPv6 one on an AF_INET6 socket);
     * "0.0.0.0" and "::" are the wildcards, "::ffff:a.b.c.d" a v4-mapped address.
     */
    ip: bindIpSchema.optional(),
    port: portSchema,
  }),
  z.object({
    ...stepBase,
    call: z.literal("listen"),
    /** Linux clamps to somaxconn (as unsigned, so -1 means somaxconn). */
    backlog: z.number().int().min(-1).max(1_000_000),
  }),
  z.object({
    ...stepBase,
    call: z.literal("connect"),
    to: destinationSchema,
    nonblocking: z.boolean().default(false),
  }),
  z.object({
    ...stepBase,
    call: z.literal("accept"),
    /** Handle that will name the accepted socket. */
    as: nameSchema,
    nonblocking: z.boolean().default(false),
  }),
  z.object({
    ...stepBase,
    call: z.literal("send"),
    /** Text to send (its length is the byte count), or give `bytes` instead. */
    data: z.string().min(1).max(LIMITS.maxDataChars).optional(),
    bytes: z.number().int().min(1).max(LIMITS.maxSendBytes).optional(),
    nonblocking: z.boolean().default(false),
  }),
  z.object({
    ...stepBase,
    call: z.literal("recv"),
    max: z.number().int().min(1).max(LIMITS.maxSendBytes).default(65536),
    nonblocking: z.boolean().default(false),
  }),
  z.object({ ...stepBase, call: z.literal("shutdown"), how: z.enum(["SHUT_RD", "SHUT_WR", "SHUT_RDWR"]) }),
  z.object({ ...stepBase, call: z.literal("close") }),
  z.object({
    ...stepTiming,
    /** Change one of the host's sysctls from now on (`sysctl -w` between two experiments). */
    call: z.literal("sysctl"),
    key: z.enum(SYSCTL_KEYS),
    /** Checked against the knob's own bounds (ip_local_port_range takes [low, high]). */
    value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
  }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepInput = z.input<typeof stepSchema>;

export const scenarioSchema = z
  .object({
    profile: z.enum(["linux", "rfc9293"]).default("linux"),
    /** Seeds the PRNG that picks ISNs and ephemeral ports. */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    sysctl: sysctlSchema.prefault({}),
    hosts: z.array(hostSchema).min(1).max(LIMITS.maxHosts),
    link: z
      .object({
        /** One-way delay between any two hosts (and a host to itself). Loopback ≈ 0.01 ms. */
        latencyMs: z.number().min(0).max(10_000).default(0.01),
        /**
         * Maximum segment size of IPv4 data. Default 65483 = Linux loopback (MTU 65536), like the
         * kernel facts; Ethernet is 1460. IPv6 connections carry 20 bytes less (a 40-byte header):
         * 65464 on loopback, announced as MSS 65476 (kernel fact 12).
         */
        mss: z.number().int().min(88).max(65483).default(65483),
      })
      .prefault({}),
    faults: z.array(faultSchema).max(LIMITS.maxFaults).default([]),
    flood: floodSchema.optional(),
    script: z.array(stepSchema).max(LIMITS.maxScriptSteps).default([]),
    /** Stop at this time (ms). Omitted: run until nothing is pending (bounded by LIMITS.maxTimeMs). */
    untilMs: msSchema.optional(),
    maxEvents: z.number().int().min(10).max(LIMITS.maxEvents).default(LIMITS.defaultMaxEvents),
  })
  .superRefine((s, ctx) => {
    const names = new Set<string>();
    const ips = new Set<string>();
    s.hosts.forEach((h, i) => {
      if (names.has(h.name)) ctx.addIssue({ code: "custom", path: ["hosts", i, "name"], message: `duplicate host name "${h.name}"` });
      if (ips.has(h.ip)) ctx.addIssue({ code: "custom", path: ["hosts", i, "ip"], message: `duplicate host ip ${h.ip}` });
      const ip6 = h.ip6 === undefined ? null : canonicalIp(h.ip6);
      if (ip6 !== null && ips.has(ip6)) ctx.addIssue({ code: "custom", path: ["hosts", i, "ip6"], message: `duplicate host ip ${h.ip6}` });
      if (ip6 !== null) ips.add(ip6);
      if (h.name === "flood") ctx.addIssue({ code: "custom", path: ["hosts", i, "name"], message: `"flood" is reserved for spoofed SYN sources` });
      names.add(h.name);
      ips.add(h.ip);
    });
    const ids = new Set<string>();
    s.script.forEach((step, i) => {
      if (!names.has(step.host)) ctx.addIssue({ code: "custom", path: ["script", i, "host"], message: `unknown host "${step.host}"` });
      if (step.at === undefined && step.after === undefined)
        ctx.addIssue({ code: "custom", path: ["script", i], message: 'a step needs "at" (ms) or "after" (a step id)' });
      if (step.at !== undefined && step.after !== undefined)
        ctx.addIssue({ code: "custom", path: ["script", i], message: 'give either "at" or "after", not both' });
      if (step.after !== undefined && !ids.has(step.after))
        ctx.addIssue({ code: "custom", path: ["script", i, "after"], message: `"after" must name an earlier step's id ("${step.after}" not found)` });
      if (step.id !== undefined) {
        if (ids.has(step.id)) ctx.addIssue({ code: "custom", path: ["script", i, "id"], message: `duplicate step id "${step.id}"` });
        ids.add(step.id);
      }
      if (step.call === "sysctl") {
        const r = (sysctlShape[step.key] as z.ZodType).safeParse(step.value);
        if (!r.success)
          ctx.addIssue({ code: "custom", path: ["script", i, "value"], message: `${step.key}: ${r.error.issues[0]?.message ?? "invalid value"}` });
      }
      if (step.call === "send" && (step.data === undefined) === (step.bytes === undefined))
        ctx.addIssue({ code: "custom", path: ["script", i], message: 'send needs exactly one of "data" or "bytes"' });
      if (step.call === "connect") {
        const dest = step.to.slice(0, step.to.lastIndexOf(":"));
        const port = Number(step.to.slice(step.to.lastIndexOf(":") + 1));
        if (port > 65535) ctx.addIssue({ code: "custom", path: ["script", i, "to"], message: "port must be ≤ 65535" });
        if (dest.startsWith("[") && parseIpv6Groups(dest.slice(1, -1)) === null)
          ctx.addIssue({ code: "custom", path: ["script", i, "to"], message: `${dest} is not an IPv6 address` });
        else if (!/^[\d[]/.test(dest) && !names.has(dest))
          ctx.addIssue({ code: "custom", path: ["script", i, "to"], message: `unknown host "${dest}"` });
      }
    });
    s.faults.forEach((f, i) => {
      for (const k of ["from", "to"] as const) {
        const v = f.match?.[k];
        if (v !== undefined && !names.has(v) && v !== "flood")
          ctx.addIssue({ code: "custom", path: ["faults", i, "match", k], message: `unknown host "${v}"` });
      }
    });
    if (s.flood && !names.has(s.flood.target))
      ctx.addIssue({ code: "custom", path: ["flood", "target"], message: `unknown host "${s.flood.target}"` });
  });

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** What authors write (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export type ScenarioIssue = { path: string; message: string };

/** Validate untrusted input at the boundary (API route, CLI, presets). */
export function parseScenario(
  raw: unknown,
): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const r = scenarioSchema.safeParse(raw);
  if (r.success) return { ok: true, scenario: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.length ? i.path.map(String).join(".") : "(root)",
      message: i.message,
    })),
  };
}
