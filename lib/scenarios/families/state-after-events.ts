/**
 * Family 3 — state after a sequence of events: given every call and segment up to a moment
 * (states hidden), name the state of the client's and the server's socket at that moment.
 *
 * @see RFC 9293 §3.3.2 (state diagram)
 * @see kernel-fact 02c-teardown-state-walk-gated, 07c-simultaneous-close, 06-half-close
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { ScenarioInput, TcpState, Trace } from "@/lib/tcp";
import type { Answer } from "../answer";
import { pickProfile, profileChoiceSchema, pickPort, TWO_HOSTS, listeningServer } from "../base";
import { choiceCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng, type Rng } from "../rng";
import { EVENT_COLUMNS, eventRows } from "../timeline";
import { L, paragraphs, stateOptionId, stateOptions } from "../text";
import { fmtMs, run, ScriptBuilder } from "../trace-query";
import type { InputSpec } from "../types";

const KINDS = [
  "client-closes",
  "server-closes",
  "never-closes",
  "simultaneous",
  "half-close",
  "refused",
  "lost-fin",
  "lost-ack",
] as const;
type Kind = (typeof KINDS)[number];

const BY_DIFFICULTY: Record<1 | 2 | 3, readonly Kind[]> = {
  1: ["client-closes", "server-closes"],
  2: ["client-closes", "server-closes", "never-closes", "simultaneous", "half-close", "refused"],
  3: KINDS,
};

const configSchema = familyConfigSchema({
  kinds: z.array(z.enum(KINDS)).min(1).optional(),
  profile: profileChoiceSchema,
});
export type StateAfterEventsConfig = z.infer<typeof configSchema>;

const SERVER_CONN = "l#1";

type Faults = NonNullable<ScenarioInput["faults"]>;

function script(kind: Kind, rng: Rng, port: number, latency: number): { steps: ScriptBuilder; faults: Faults; active: "client" | "server" } {
  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s" });
  const target = kind === "refused" ? port + 1 : port;
  s.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${target}` });
  const closeAt = 20 + 4 * latency + rng.int(0, 5) * 10;
  const delay = rng.pick([0, 3 * latency, 10 * latency]);
  const faults: Faults = [];
  let active: "client" | "server" = "client";
  switch (kind) {
    case "refused":
      break;
    case "client-closes":
    case "never-closes":
    case "lost-fin":
      s.add({ at: closeAt, host: "client", sock: "c", call: "close" });
      s.add({ id: "eof", after: "acc_s", host: "server", sock: "s", call: "recv" });
      if (kind !== "never-closes") s.add({ after: "eof", delayMs: delay, host: "server", sock: "s", call: "close" });
      if (kind === "lost-fin") faults.push({ action: "drop", match: { from: "client", flags: ["FIN"] }, nth: 1 });
      break;
    case "server-closes":
      active = "server";
      s.add({ at: closeAt, host: "server", sock: "s", call: "close" });
      s.add({ id: "eof", after: "conn", host: "client", sock: "c", call: "recv" });
      s.add({ after: "eof", delayMs: delay, host: "client", sock: "c", call: "close" });
      break;
    case "simultaneous":
      s.add({ at: closeAt, host: "client", sock: "c", call: "close" });
      s.add({ at: closeAt, host: "server", sock: "s", call: "close" });
      break;
    case "half-close":
      s.add({ at: closeAt, host: "client", sock: "c", call: "shutdown", how: "SHUT_WR" });
      s.add({ id: "eof", after: "acc_s", host: "server", sock: "s", call: "recv" });
      s.add({ id: "reply", after: "eof", delayMs: delay, host: "server", sock: "s", call: "send", bytes: rng.int(1, 1000) });
      s.add({ id: "crecv", at: closeAt, host: "client", sock: "c", call: "recv" });
      s.add({ after: "reply", delayMs: 2 * latency, host: "server", sock: "s", call: "close" });
      break;
    case "lost-ack":
      // The handshake's final ACK is lost: the client believes it is connected, the server does not yet.
      faults.push({ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, nth: 1 });
      break;
  }
  return { steps: s, faults, active };
}

/** Distinct moments at which either socket changes state (the candidate cut points lie between them). */
function changeTimes(trace: Trace): number[] {
  const ts = new Set<number>();
  for (const e of trace.events)
    if (e.kind === "state" && ((e.host === "client" && e.socket === "c") || (e.host === "server" && e.socket === SERVER_CONN)) && e.t >= 1)
      ts.add(e.t);
  return [...ts].sort((a, b) => a - b);
}

function build(seed: number, cfg: StateAfterEventsConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const allowed = cfg.kinds ?? BY_DIFFICULTY[d];
  const kind = rng.pick(allowed);
  const latency = rng.pick([5, 10, 20, 50]);
  const port = pickPort(rng);
  const profile = pickProfile(rng, cfg.profile, d);
  const { steps, faults, active } = script(kind, rng, port, latency);
  const trace = run({ profile, seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: steps.steps, faults });

  const times = changeTimes(trace);
  const stateAtT = (host: string, sock: string, t: number): TcpState => {
    let st: TcpState | null = null;
    for (const e of trace.events) {
      if (e.t > t) break;
      if (e.kind === "state" && e.host === host && e.socket === sock) st = e.to;
    }
    return stateOptionId(st);
  };
  // Cut strictly between two changes (or after the last), never inside the connect call itself.
  const allCuts = times.map((t, i) => {
    const next = times[i + 1];
    return next === undefined ? t + Math.max(100, 10 * latency) : (t + next) / 2;
  });
  // "Both CLOSED" is only asked at difficulty 3 (it needs the 60 s TIME-WAIT), and rarely.
  const cuts = allCuts.filter((t) => d === 3 || stateAtT("client", "c", t) !== "CLOSED" || stateAtT("server", SERVER_CONN, t) !== "CLOSED");
  const weights = cuts.map((t, i) => (stateAtT("client", "c", t) === "CLOSED" && stateAtT("server", SERVER_CONN, t) === "CLOSED" ? 1 : i + 1));
  let r = rng.int(1, weights.reduce((a, b) => a + b, 0));
  let idx = 0;
  while (idx < weights.length - 1 && r > (weights[idx] ?? 0)) r -= weights[idx++] ?? 0;
  const T = cuts[idx] ?? allCuts[0] ?? 100;

  const stateOf = (host: string, sock: string): TcpState => stateAtT(host, sock, T);
  const prevState = (host: string, sock: string): TcpState | undefined => {
    const seen: TcpState[] = [];
    for (const e of trace.events) {
      if (e.t > T) break;
      if (e.kind === "state" && e.host === host && e.socket === sock) seen.push(e.to);
    }
    return seen[seen.length - 2];
  };
  const lastStateEvent = (host: string, sock: string) => {
    let seqNo: number | undefined;
    for (const e of trace.events) {
      if (e.t > T) break;
      if (e.kind === "state" && e.host === host && e.socket === sock) seqNo = e.seqNo;
    }
    return seqNo;
  };
  const client = stateOf("client", "c");
  const server = stateOf("server", SERVER_CONN);
  const answer: Answer = { client, server };

  const options = stateOptions();
  const inputs: InputSpec[] = [
    { kind: "choice", id: "client", label: L(`State of the client's socket at t = ${fmtMs(T)} ms`, `t = ${fmtMs(T)} ms 时客户端 socket 的状态`), options },
    {
      kind: "choice",
      id: "server",
      label: L(`State of the server's connection socket (not the listener) at t = ${fmtMs(T)} ms`, `t = ${fmtMs(T)} ms 时服务端连接 socket（不是监听 socket）的状态`),
      options,
    },
  ];

  const history = (host: string, sock: string): string =>
    trace.events
      .filter((e) => e.kind === "state" && e.host === host && e.socket === sock && e.t <= T)
      .map((e) => (e.kind === "state" ? `${e.to} (${fmtMs(e.t)} ms, ${e.cause})` : ""))
      .join(" → ");
  const why = (host: string, sock: string): Localized => {
    const h = history(host, sock);
    return h
      ? L(`Its states up to then: ${h}.`, `到那时为止它经历的状态：${h}。`)
      : L("It did not exist yet: no SYN had reached the listener.", "那时它还不存在：还没有 SYN 到达监听 socket。");
  };
  const checks = [
    choiceCheck("client", L("client state", "客户端状态"), client, options, { why: why("client", "c"), ...seqOpt(lastStateEvent("client", "c")) }),
    choiceCheck("server", L("server state", "服务端状态"), server, options, { why: why("server", SERVER_CONN), ...seqOpt(lastStateEvent("server", SERVER_CONN)) }),
  ];

  // Inclusive: the text says "up to t", and a call or segment can fall exactly on the cut.
  const rows = eventRows(trace, T, { hideCalls: ["bind", "listen", "socket"], inclusive: true });
  const text = paragraphs(
    L(
      `A server (10.0.0.2) listens on port ${port} and accept()s; a client (10.0.0.1) connects. One-way latency ${latency} ms; ${profile === "linux" ? "Linux behaviour" : "RFC 9293 textbook behaviour"}.`,
      `服务端（10.0.0.2）在端口 ${port} 上监听并调用 accept()；客户端（10.0.0.1）发起连接。单向时延 ${latency} ms；${profile === "linux" ? "按 Linux 的行为" : "按 RFC 9293 教科书行为"}。`,
    ),
    L(
      `The table lists every call and every segment up to and including t = ${fmtMs(T)} ms (→ sent, ← received, ✗ lost; seq/ack relative to the ISNs x and y). What state is each side in at t = ${fmtMs(T)} ms?`,
      `下表列出截至 t = ${fmtMs(T)} ms（含该时刻）的每次调用和每个报文段（→ 发送，← 收到，✗ 丢失；seq/ack 相对于 ISN x 和 y）。t = ${fmtMs(T)} ms 时双方各处于什么状态？`,
    ),
  );

  const explanation = paragraphs(
    L(`At t = ${fmtMs(T)} ms the client is in ${client} and the server's connection socket is in ${server}.`, `t = ${fmtMs(T)} ms 时客户端处于 ${client}，服务端连接 socket 处于 ${server}。`),
    L(`Client: ${history("client", "c") || "—"}`, `客户端：${history("client", "c") || "—"}`),
    L(`Server: ${history("server", SERVER_CONN) || "—"}`, `服务端：${history("server", SERVER_CONN) || "—"}`),
    ruleFor(reachedTeardown(trace, T)),
  );

  const wrong: Answer[] = [];
  if (client !== server) wrong.push({ client: server, server: client });
  const pc = prevState("client", "c");
  const ps = prevState("server", SERVER_CONN);
  if (pc && pc !== client) wrong.push({ client: pc, server });
  if (ps && ps !== server) wrong.push({ client, server: ps });
  // "LAST-ACK belongs to the side that closed first"; "TIME-WAIT on the side that closed last".
  if (active === "client") wrong.push({ client: client === "LAST-ACK" ? "TIME-WAIT" : "LAST-ACK", server });
  else wrong.push({ client, server: server === "LAST-ACK" ? "TIME-WAIT" : "LAST-ACK" });
  wrong.push({ client: client === "CLOSE-WAIT" ? "FIN-WAIT-2" : "CLOSE-WAIT", server: server === "FIN-WAIT-2" ? "CLOSE-WAIT" : "FIN-WAIT-2" });

  return fromRun(trace, { text, table: { columns: EVENT_COLUMNS, rows }, inputs }, { answer, checks, explanation, wrong, facets: { event: kind, latency } });
}

const TEARDOWN_STATES: ReadonlySet<TcpState> = new Set<TcpState>(["FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]);

/** Whether either asked socket had entered a teardown state by `t` (then the teardown rule explains it). */
function reachedTeardown(trace: Trace, t: number): boolean {
  return trace.events.some(
    (e) =>
      e.kind === "state" &&
      e.t <= t &&
      ((e.host === "client" && e.socket === "c") || (e.host === "server" && e.socket === SERVER_CONN)) &&
      TEARDOWN_STATES.has(e.to),
  );
}

/** The general rule behind the asked moment: the handshake's or the teardown's, not both. */
function ruleFor(teardown: boolean): Localized {
  return teardown
    ? L(
        "The side that closes first goes FIN-WAIT-1 → FIN-WAIT-2 (its FIN acknowledged) → TIME-WAIT (peer's FIN received); the other side goes CLOSE-WAIT (FIN received) → LAST-ACK (its own close()) → CLOSED. Both FINs crossing gives CLOSING (RFC 9293 §3.3.2, §3.6).",
        "先关闭的一方：FIN-WAIT-1 → FIN-WAIT-2（自己的 FIN 被确认）→ TIME-WAIT（收到对端 FIN）；另一方：CLOSE-WAIT（收到 FIN）→ LAST-ACK（自己调用 close()）→ CLOSED。双方 FIN 交叉时进入 CLOSING。参见 RFC 9293 §3.3.2、§3.6",
      )
    : L(
        "The client goes SYN-SENT when connect() sends its SYN and ESTABLISHED when the SYN-ACK arrives. The server's connection socket is born in SYN-RECEIVED when the SYN reaches the listener and becomes ESTABLISHED only when the final ACK arrives, so a lost ACK leaves it in SYN-RECEIVED while the client is already ESTABLISHED. A RST answering the SYN (nobody listens on that port) sends the client back to CLOSED (RFC 9293 §3.3.2, §3.5).",
        "客户端在 connect() 发出 SYN 时进入 SYN-SENT，收到 SYN-ACK 时进入 ESTABLISHED。服务端的连接 socket 在 SYN 到达监听 socket 时以 SYN-RECEIVED 诞生，直到最后的 ACK 到达才进入 ESTABLISHED，所以 ACK 丢失时它停在 SYN-RECEIVED，而客户端已经是 ESTABLISHED。如果 SYN 得到的回应是 RST（该端口无人监听），客户端回到 CLOSED。参见 RFC 9293 §3.3.2、§3.5",
      );
}

function seqOpt(seqNo: number | undefined): { eventSeqNo?: number } {
  return seqNo === undefined ? {} : { eventSeqNo: seqNo };
}

export const stateAfterEvents = defineFamily({
  id: "state-after-events",
  topic: "teardown",
  linkTitle: { en: "Socket states after a series of events", zh: "一系列事件之后的 socket 状态" },
  version: 1,
  variety: { prompts: 800, answers: 30 },
  title: L("State after a sequence of events", "一系列事件之后的状态"),
  description: L(
    "Given the calls and segments up to a moment, name the TCP state of each side then.",
    "给出到某一时刻为止的调用与报文段，说出此时双方各自的 TCP 状态。",
  ),
  configSchema,
  build,
});
