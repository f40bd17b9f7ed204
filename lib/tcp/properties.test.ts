/**
 * Property tests over random scenarios (fast-check). A failure prints the seed and the
 * shrunk scenario, which replays with `simulateInput`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScenarioInput, StepInput } from "./scenario";
import type { ReturnEvent, SegmentEvent, StateEvent, TcpState, Trace } from "./types";
import { TCP_STATES } from "./types";
import { LIMITS } from "./scenario";
import { simulateInput } from "./engine";

/** Raise with TCP_PROPERTY_RUNS=5000 for a deeper search; the default keeps the suite fast. */
const RUNS = Number(process.env.TCP_PROPERTY_RUNS ?? 150);
/** Generous per-test timeout: the machine is shared and each run simulates a whole scenario. */
const TIMEOUT = 30_000 + RUNS * 50;

/** RFC 9293 §3.3.2 state diagram plus Linux's aborts (RST, timeouts, SO_LINGER) to CLOSED. */
const ALLOWED = new Set<string>([
  "CLOSED>LISTEN",
  "CLOSED>SYN-SENT",
  "LISTEN>SYN-RECEIVED",
  "LISTEN>ESTABLISHED", // SYN cookie: the connection is rebuilt from the ACK
  "LISTEN>CLOSED",
  "SYN-SENT>SYN-RECEIVED",
  "SYN-SENT>ESTABLISHED",
  "SYN-SENT>CLOSED",
  "SYN-RECEIVED>ESTABLISHED",
  "SYN-RECEIVED>FIN-WAIT-1",
  "SYN-RECEIVED>CLOSED",
  "ESTABLISHED>FIN-WAIT-1",
  "ESTABLISHED>CLOSE-WAIT",
  "ESTABLISHED>CLOSED",
  "FIN-WAIT-1>FIN-WAIT-2",
  "FIN-WAIT-1>CLOSING",
  "FIN-WAIT-1>CLOSED",
  "FIN-WAIT-2>TIME-WAIT",
  "FIN-WAIT-2>CLOSED",
  "CLOSE-WAIT>LAST-ACK",
  "CLOSE-WAIT>CLOSED",
  "CLOSING>TIME-WAIT",
  "CLOSING>CLOSED",
  "LAST-ACK>CLOSED",
  "TIME-WAIT>CLOSED",
]);

const HOSTS = [
  { name: "client", ip: "10.0.0.1" },
  { name: "server", ip: "10.0.0.2" },
];

type Closer = { mode: "never" } | { mode: "at"; at: number } | { mode: "after-eof"; delay: number };

const closerArb: fc.Arbitrary<Closer> = fc.oneof(
  fc.constant<Closer>({ mode: "never" }),
  fc.record({ mode: fc.constant("at" as const), at: fc.integer({ min: 0, max: 3000 }) }),
  fc.record({ mode: fc.constant("after-eof" as const), delay: fc.integer({ min: 0, max: 500 }) }),
);

const faultArb = fc.record({
  action: fc.constantFrom("drop" as const, "delay" as const, "duplicate" as const),
  match: fc.option(
    fc.record(
      {
        from: fc.constantFrom("client", "server"),
        flags: fc.subarray(["SYN", "ACK", "FIN", "PSH"] as const, { minLength: 1, maxLength: 2 }),
        data: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  nth: fc.integer({ min: 1, max: 8 }),
  count: fc.integer({ min: 1, max: 3 }),
  delayMs: fc.integer({ min: 1, max: 400 }),
});

/** A random client/server scenario: handshake(s), some data, closes, faults, knobs. */
const scenarioArb: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    profile: fc.constantFrom("linux" as const, "rfc9293" as const),
    latencyMs: fc.constantFrom(0.01, 1, 10, 37),
    backlog: fc.integer({ min: 0, max: 3 }),
    acceptAt: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    clients: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 200 }),
        sends: fc.array(fc.record({ delay: fc.integer({ min: 0, max: 300 }), text: fc.string({ minLength: 1, maxLength: 40 }), bytes: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }) }), { maxLength: 3 }),
        close: closerArb,
        shutdownWr: fc.boolean(),
        linger0: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    serverReply: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
    serverClose: closerArb,
    faults: fc.array(faultArb, { maxLength: 3 }),
    syncookies: fc.constantFrom(0 as const, 1 as const, 2 as const),
    abortOnOverflow: fc.constantFrom(0 as const, 1 as const),
    untilMs: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
  })
  .map((r) => {
    const script: StepInput[] = [
      { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
      { at: 0, host: "server", sock: "l", call: "listen", backlog: r.backlog },
    ];
    if (r.acceptAt !== undefined) {
      r.clients.forEach((_, i) => {
        script.push({ id: `acc${i}`, at: (r.acceptAt ?? 0) + i, host: "server", sock: "l", call: "accept", as: `s${i}` });
        script.push({ id: `req${i}`, after: `acc${i}`, host: "server", sock: `s${i}`, call: "recv", max: 100_000 });
        let last = `req${i}`;
        if (r.serverReply !== undefined) {
          script.push({ id: `rep${i}`, after: last, host: "server", sock: `s${i}`, call: "send", data: r.serverReply });
          last = `rep${i}`;
        }
        const c = r.serverClose;
        if (c.mode === "at") script.push({ at: c.at + 1, host: "server", sock: `s${i}`, call: "close" });
        if (c.mode === "after-eof") {
          script.push({ id: `eof${i}`, after: last, host: "server", sock: `s${i}`, call: "recv", max: 100_000 });
          script.push({ id: `eof${i}b`, after: `eof${i}`, host: "server", sock: `s${i}`, call: "recv", max: 100_000 });
          script.push({ after: `eof${i}b`, delayMs: c.delay, host: "server", sock: `s${i}`, call: "close" });
        }
      });
    }
    r.clients.forEach((c, i) => {
      const h = `c${i}`;
      script.push({ id: `conn${i}`, at: 1 + c.at, host: "client", sock: h, call: "connect", to: "server:80" });
      if (c.linger0) script.push({ at: 0, host: "client", sock: h, call: "setsockopt", opt: "SO_LINGER", value: true, linger: 0 });
      let prev = `conn${i}`;
      c.sends.forEach((s, j) => {
        const id = `snd${i}_${j}`;
        script.push(
          s.bytes !== undefined
            ? { id, after: prev, delayMs: s.delay, host: "client", sock: h, call: "send", bytes: s.bytes }
            : { id, after: prev, delayMs: s.delay, host: "client", sock: h, call: "send", data: s.text },
        );
        prev = id;
      });
      if (c.shutdownWr) script.push({ id: `shut${i}`, after: prev, host: "client", sock: h, call: "shutdown", how: "SHUT_WR" });
      script.push({ id: `rd${i}`, after: prev, host: "client", sock: h, call: "recv", max: 100_000 });
      if (c.close.mode === "at") script.push({ at: 2 + c.close.at, host: "client", sock: h, call: "close" });
      if (c.close.mode === "after-eof") script.push({ after: `rd${i}`, delayMs: c.close.delay, host: "client", sock: h, call: "close" });
    });
    const sc: ScenarioInput = {
      seed: r.seed,
      profile: r.profile,
      hosts: HOSTS,
      link: { latencyMs: r.latencyMs },
      sysctl: { tcp_syncookies: r.syncookies, tcp_abort_on_overflow: r.abortOnOverflow },
      faults: r.faults,
      script,
    };
    if (r.untilMs !== undefined) sc.untilMs = r.untilMs;
    return sc;
  });

const segments = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment" && e.copyOf === undefined);

describe("properties over random scenarios", () => {
  it("should replay byte-identically (deterministic given the scenario and seed)", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        expect(JSON.stringify(simulateInput(sc))).toBe(JSON.stringify(simulateInput(sc)));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("should keep events in time order, numbered, and never past the time bound", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const t = simulateInput(sc);
        const bound = sc.untilMs ?? LIMITS.maxTimeMs;
        t.events.forEach((e, i) => {
          expect(e.seqNo).toBe(i);
          if (i > 0) expect(e.t).toBeGreaterThanOrEqual((t.events[i - 1] as { t: number }).t);
          expect(e.t).toBeLessThanOrEqual(bound);
        });
        expect(t.endedAt).toBeLessThanOrEqual(bound);
        if (sc.untilMs !== undefined) expect(t.endedAt).toBe(sc.untilMs);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("should advance each side's sequence numbers by len + SYN + FIN and never ACK what was not sent", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const t = simulateInput(sc);
        // Per direction of each connection incarnation: the highest sequence offset sent so far.
        const sent = new Map<string, number>();
        for (const s of segments(t)) {
          if (s.flags.includes("RST")) continue;
          const key = `${s.src}>${s.dst}`;
          const back = `${s.dst}>${s.src}`;
          const syn = s.flags.includes("SYN");
          if (syn) {
            expect(s.rel.seq).toBe(0); // a SYN carries the ISN
            if (!s.flags.includes("ACK") && !s.retransmission) {
              sent.delete(back);
              sent.delete(key);
            }
          }
          const end = s.rel.seq + s.len + (syn ? 1 : 0) + (s.flags.includes("FIN") ? 1 : 0);
          const prev = sent.get(key) ?? 0;
          if (!syn && !s.retransmission && end > s.rel.seq) {
            // New data or FIN continues exactly where this side left off.
            expect(s.rel.seq).toBe(prev);
          } else {
            expect(s.rel.seq).toBeLessThanOrEqual(Math.max(prev, 0));
          }
          sent.set(key, Math.max(prev, end));
          if (s.ack !== null && s.rel.ack !== null && sent.has(back)) {
            expect(s.rel.ack).toBeLessThanOrEqual(sent.get(back) ?? 0);
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("should only make transitions of the TCP state diagram and leave no socket in a transient state", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const t = simulateInput(sc);
        const last = new Map<string, TcpState>();
        for (const e of t.events) {
          if (e.kind !== "state") continue;
          const st = e as StateEvent;
          expect(TCP_STATES).toContain(st.to);
          expect(ALLOWED.has(`${st.from}>${st.to}`), `${st.socket}: ${st.from} → ${st.to}`).toBe(true);
          const key = `${st.host}/${st.socket}`;
          const prev = last.get(key);
          if (prev !== undefined) expect(st.from).toBe(prev);
          last.set(key, st.to);
        }
        if (sc.untilMs === undefined && !t.truncated) {
          for (const s of t.final) {
            expect(["LISTEN", "ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-2", "CLOSED"], `${s.socket} ${s.state}`).toContain(s.state);
            if (s.state === "FIN-WAIT-2" && sc.profile !== "rfc9293") expect(s.orphan).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("should deliver each direction's bytes in order: what recv() returns is a prefix of what was sent", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const t = simulateInput(sc);
        const sentText = new Map<string, string>();
        const gotText = new Map<string, string>();
        const sockOf = new Map<string, string>();
        for (const e of t.events) {
          if (e.kind === "return" && e.call === "accept" && e.as) sockOf.set(e.as, e.accepted ?? e.as);
        }
        const id = (sock: string): string => sockOf.get(sock) ?? sock;
        for (const e of t.events) {
          if (e.kind === "return" && e.call === "send" && e.value !== null) {
            const step = sc.script?.[e.step];
            if (step && step.call === "send") {
              const k = id(e.sock);
              sentText.set(k, (sentText.get(k) ?? "") + (step.data ?? "\u0000".repeat(step.bytes ?? 0)));
            }
          }
          if (e.kind === "return" && e.call === "recv" && (e.value ?? 0) > 0) {
            const r = e as ReturnEvent;
            const k = id(r.sock);
            gotText.set(k, (gotText.get(k) ?? "") + (r.data ?? "\u0000".repeat(r.value ?? 0)));
          }
        }
        // Client c_i talks to server child s_i only when accepted in order; check per pair.
        for (const [server, got] of gotText) {
          if (!server.includes("#")) continue;
          const peers = [...sentText.entries()].filter(([k]) => !k.includes("#")).map(([, v]) => v);
          // A recv() spanning byte-count sends reports no text: treat its bytes as wildcards.
          const isPrefix = (p: string): boolean => got.length <= p.length && [...got].every((ch, i) => ch === "\u0000" || ch === p[i]);
          expect(peers.some(isPrefix)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("should leave exactly the active closer in TIME-WAIT after a normal close, both after a simultaneous one", () => {
    const clean = fc.record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      latencyMs: fc.constantFrom(0.01, 1, 10, 50),
      data: fc.string({ minLength: 0, maxLength: 200 }),
      reply: fc.string({ minLength: 0, maxLength: 200 }),
      first: fc.constantFrom("client" as const, "server" as const, "both" as const),
      closeAt: fc.integer({ min: 300, max: 2000 }),
      secondDelay: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(clean, (r) => {
        const script: StepInput[] = [
          { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
          { at: 0, host: "server", sock: "l", call: "listen", backlog: 8 },
          { id: "acc", at: 0, host: "server", sock: "l", call: "accept", as: "s" },
          { id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
        ];
        if (r.data) script.push({ after: "conn", host: "client", sock: "c", call: "send", data: r.data });
        if (r.reply) script.push({ after: "acc", host: "server", sock: "s", call: "send", data: r.reply });
        const closer = (host: "client" | "server", sock: string): void => {
          if (r.first === "both" || r.first === host) {
            // Drain what arrived first: closing with unread data would reset, not FIN.
            script.push({ at: r.closeAt - 1, host, sock, call: "recv", max: 100_000, nonblocking: true });
            script.push({ at: r.closeAt, host, sock, call: "close" });
          } else {
            // The passive side reads until EOF, then closes.
            script.push({ id: `${sock}r1`, at: 1, host, sock, call: "recv", max: 100_000 });
            script.push({ id: `${sock}r2`, after: `${sock}r1`, host, sock, call: "recv", max: 100_000 });
            script.push({ id: `${sock}r3`, after: `${sock}r2`, host, sock, call: "recv", max: 100_000 });
            script.push({ after: `${sock}r3`, delayMs: r.secondDelay, host, sock, call: "close" });
          }
        };
        closer("client", "c");
        closer("server", "s");
        // The server's first read must wait for accept() to name its socket.
        for (const st of script) if (st.host === "server" && "sock" in st && st.sock === "s" && st.at === 1) Object.assign(st, { at: undefined, after: "acc" });
        const t = simulateInput({ seed: r.seed, hosts: HOSTS, link: { latencyMs: r.latencyMs }, script });
        const tw = new Set(t.events.filter((e): e is StateEvent => e.kind === "state" && e.to === "TIME-WAIT").map((e) => e.host));
        const want = r.first === "both" ? ["client", "server"] : [r.first];
        expect([...tw].sort()).toEqual(want.sort());
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
