/**
 * Family 4 — a segment lost during the handshake (which one is varied): what is retransmitted
 * first, when, the states while waiting, and when/how connect() returns.
 *
 * @see RFC 6298 §2.1, §5.5 (initial RTO 1 s, doubling) and RFC 9293 §3.8.1
 * @see kernel-fact 04a-backlog-B2-syncookies1 (Linux SYN retransmits at 1,2,3,4,5 s then 7, 11 s:
 *      tcp_syn_linear_timeouts=4) and net/ipv4/tcp_timer.c (retransmits_timed_out)
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { ScenarioInput, SegmentEvent, TcpState } from "@/lib/tcp";
import { same, type Answer } from "../answer";
import { KNOB, knobList, profileKnob, type Knob, listeningServer, pickPort, pickProfile, profileChoiceSchema, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { APPEARS_AFTER, choices, errnoLabel, firstRetransmissionInputs, firstRetransmissionWhen, L, paragraphs, stateOptionId, stateOptions } from "../text";
import { flagsAre, fmtMs, returnOf, run, ScriptBuilder, segments, stateAt } from "../trace-query";
import type { InputSpec } from "../types";

const LOSSES = ["syn", "synack", "ack", "ack-then-data", "all-syn"] as const;
type Loss = (typeof LOSSES)[number];
const BY_DIFFICULTY: Record<1 | 2 | 3, readonly Loss[]> = {
  1: ["syn", "synack", "ack"],
  2: ["syn", "synack", "ack", "ack-then-data"],
  3: LOSSES,
};

const configSchema = familyConfigSchema({
  losses: z.array(z.enum(LOSSES)).min(1).optional(),
  profile: profileChoiceSchema,
  /** Range of tcp_syn_retries for the "every SYN lost" case. */
  synRetriesMax: z.number().int().min(1).max(6).default(4),
});
export type HandshakeLossConfig = z.infer<typeof configSchema>;

const WHAT = choices({
  "client-syn": L("the client retransmits its SYN", "客户端重传 SYN"),
  "server-synack": L("the server retransmits its SYN-ACK", "服务端重传 SYN-ACK"),
  "client-ack": L("the client retransmits its ACK", "客户端重传 ACK"),
  none: L("nothing is retransmitted", "没有任何重传"),
});
const RESULT = choices({
  ok: L("returns 0 (connected)", "返回 0（连接成功）"),
  ECONNREFUSED: errnoLabel("ECONNREFUSED"),
  ETIMEDOUT: errnoLabel("ETIMEDOUT"),
  ECONNRESET: errnoLabel("ECONNRESET"),
});

function whatOf(seg: SegmentEvent | undefined): string {
  if (!seg) return "none";
  if (flagsAre(seg, ["SYN"])) return "client-syn";
  if (flagsAre(seg, ["SYN", "ACK"])) return "server-synack";
  return "client-ack";
}

function build(seed: number, cfg: HandshakeLossConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const loss = rng.pick(cfg.losses ?? BY_DIFFICULTY[d]);
  const latency = rng.pick([1, 5, 10, 20, 50, 100]);
  const port = pickPort(rng);
  const profile = pickProfile(rng, cfg.profile, d);
  const copies = d === 1 ? 1 : rng.pick([1, 1, 2, 3]);
  const synRetries = rng.int(1, cfg.synRetriesMax);
  const dataAfter = rng.pick([100, 200, 300, 500]);
  const connectAt = rng.pick([1, 5, 10, 20, 100]);

  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s" });
  const connStep = s.add({ id: "conn", at: connectAt, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  if (loss === "ack-then-data") {
    s.add({ after: "conn", delayMs: dataAfter, host: "client", sock: "c", call: "send", bytes: rng.int(1, 1000) });
    s.add({ after: "acc_s", host: "server", sock: "s", call: "recv" });
  }
  const faults: NonNullable<ScenarioInput["faults"]> = [];
  const sysctl: ScenarioInput["sysctl"] = {};
  let lostText: Localized;
  switch (loss) {
    case "syn":
      faults.push({ action: "drop", match: { from: "client", flags: ["SYN"], exact: true }, nth: 1, count: copies });
      lostText =
        copies === 1
          ? L("The client's first SYN is lost.", "客户端的第一个 SYN 丢失。")
          : L(`The client's first ${copies} SYN transmissions are lost.`, `客户端的前 ${copies} 次 SYN 发送都丢失了。`);
      break;
    case "synack":
      faults.push({ action: "drop", match: { from: "server", flags: ["SYN", "ACK"], exact: true }, nth: 1, count: copies });
      lostText =
        copies === 1
          ? L("The server's first SYN-ACK is lost.", "服务端的第一个 SYN-ACK 丢失。")
          : L(`The server's first ${copies} SYN-ACK transmissions are lost.`, `服务端的前 ${copies} 次 SYN-ACK 发送都丢失了。`);
      break;
    case "ack":
      faults.push({ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, nth: 1 });
      lostText = L("The handshake's final ACK (client → server) is lost. The client sends nothing afterwards.", "握手的最后一个 ACK（客户端 → 服务端）丢失。此后客户端不再发送任何数据。");
      break;
    case "ack-then-data":
      faults.push({ action: "drop", match: { from: "client", flags: ["ACK"], exact: true }, nth: 1 });
      lostText = L(
        `The handshake's final ACK (client → server) is lost. ${dataAfter} ms after connect() returns, the client sends a request.`,
        `握手的最后一个 ACK（客户端 → 服务端）丢失。connect() 返回 ${dataAfter} ms 后，客户端发送一个请求。`,
      );
      break;
    case "all-syn":
      faults.push({ action: "drop", match: { from: "client", flags: ["SYN"], exact: true }, nth: 1, count: 1000 });
      sysctl.tcp_syn_retries = synRetries;
      lostText = L("Every SYN the client sends is lost (a firewall drops them).", "客户端发送的每个 SYN 都丢失了（被防火墙丢弃）。");
      break;
  }

  const trace = run({ profile, seed, sysctl, hosts: TWO_HOSTS, link: { latencyMs: latency }, faults, script: s.steps });
  const segs = segments(trace);
  const lost = segs.find((g) => g.fate === "dropped");
  const firstRtx = segs.find((g) => g.retransmission);
  const ret = returnOf(trace, connStep);
  if (!lost || !ret) throw new Error(`handshake-loss(seed ${seed}): unexpected trace`);
  const W = lost.t + latency + 1;
  const clientWait: TcpState = stateOptionId(stateAt(trace, "client", "c", W));
  const serverWait: TcpState = stateOptionId(stateAt(trace, "server", "l#1", W));
  const what = whatOf(firstRtx);
  const when = firstRtx ? firstRtx.t : null;
  const result = ret.errno ?? "ok";
  if (!RESULT.some((r) => r.id === result)) throw new Error(`handshake-loss(seed ${seed}): connect() returned ${result}`);
  const connectRet = ret.t;
  const answer: Answer = { clientWait, serverWait, what, when, result, connectAt: connectRet };

  const states = stateOptions();
  const inputs: InputSpec[] = [
    { kind: "choice", id: "clientWait", label: L(`Client state at t = ${fmtMs(W)} ms`, `t = ${fmtMs(W)} ms 时客户端的状态`), options: states },
    { kind: "choice", id: "serverWait", label: L(`State of the server's connection socket (not the listener) at t = ${fmtMs(W)} ms`, `t = ${fmtMs(W)} ms 时服务端连接 socket（不是监听 socket）的状态`), options: states },
    ...firstRetransmissionInputs(WHAT),
    { kind: "choice", id: "result", label: L("How does the client's connect() return?", "客户端的 connect() 如何返回？"), options: RESULT },
    { kind: "number", id: "connectAt", label: L("When does connect() return (t in ms)?", "connect() 在何时返回（t，毫秒）？"), unit: L("ms", "ms"), max: 1_200_000 },
  ];

  const rtxWhy = firstRtx
    ? L(
        `The first retransmission is [${firstRtx.flags.join(",")}] from the ${firstRtx.from} at t = ${fmtMs(firstRtx.t)} ms.`,
        `第一个重传是${firstRtx.from === "client" ? "客户端" : "服务端"}在 t = ${fmtMs(firstRtx.t)} ms 发出的 [${firstRtx.flags.join(",")}]。`,
      )
    : L("Nothing is retransmitted: the client's data segment carries the ACK and completes the handshake on the server.", "没有任何重传：客户端的数据报文段携带 ACK，替代丢失的 ACK 完成了服务端的握手。");
  const timerWhy =
    profile === "linux"
      ? L(
          "Linux: the initial RTO is 1 s and the first tcp_syn_linear_timeouts = 4 timeouts are not doubled, so five SYN retransmissions go out about 1 s apart (SYNs at 0, 1, 2, 3, 4, 5 s) before the interval doubles (7, 11, 19 … s); SYN-ACKs back off 1, 2, 4 … s. The kernel's timer wheel runs a 1 s timer up to 32 ms late (HZ = 250, 8-jiffy buckets: 1.024 s from a tick), so anything from 1000 to 1032 ms after the lost segment is right.",
          "Linux：初始 RTO 为 1 秒，且前 tcp_syn_linear_timeouts = 4 次超时不翻倍，所以前五次 SYN 重传彼此间隔约 1 秒（SYN 在 0、1、2、3、4、5 秒发出），之后间隔才翻倍（7、11、19……秒）；SYN-ACK 按 1、2、4……秒退避。内核定时器轮执行 1 秒定时器最多晚 32 ms（HZ = 250，8 个 jiffy 一档：从整 tick 起算为 1.024 秒），所以丢包后 1000 到 1032 ms 之间的答案都算对。",
        )
      : L("RFC 6298: the initial RTO is 1 s and doubles after every retransmission (§2.1, §5.5).", "RFC 6298：初始 RTO 为 1 秒，每次重传后翻倍（§2.1、§5.5）。");
  const rtxSeq = firstRtx ? { eventSeqNo: firstRtx.seqNo } : {};
  // Linux runs a 1 s timer 0–32 ms late on the timer wheel (lib/tcp/jiffies.ts): accept that much.
  const wheelTolerance = profile === "linux" ? 32 : 1;
  const checks = [
    choiceCheck("clientWait", L("client state while waiting", "等待期间客户端的状态"), clientWait, states, {
      why:
        clientWait === "ESTABLISHED"
          ? L("The SYN-ACK reached the client, so its connect() completed; it cannot know its ACK was lost.", "SYN-ACK 已到达客户端，它的 connect() 已完成；它无从得知自己的 ACK 丢了。")
          : L("The client has not received a SYN-ACK yet.", "客户端还没有收到 SYN-ACK。"),
      eventSeqNo: lost.seqNo,
    }),
    choiceCheck("serverWait", L("server state while waiting", "等待期间服务端的状态"), serverWait, states, {
      why:
        serverWait === "CLOSED"
          ? L("No SYN has reached the server, so no connection socket exists there (only the listener, in LISTEN).", "还没有 SYN 到达服务端，所以那里没有连接 socket（只有处于 LISTEN 的监听 socket）。")
          : L(`The server's request socket is in ${serverWait} until the handshake's ACK arrives.`, `在握手的 ACK 到达之前，服务端的请求 socket 处于 ${serverWait}。`),
      eventSeqNo: lost.seqNo,
    }),
    choiceCheck("what", L("what is retransmitted first", "第一个重传的报文"), what, WHAT, {
      why: L(`${rtxWhy.en} A pure ACK is never retransmitted on a timer: only segments that occupy sequence space (SYN, FIN, data) are.`, `${rtxWhy.zh}纯 ACK 不会因超时而重传：只有占用序列号的报文段（SYN、FIN、数据）才会。`),
      ...rtxSeq,
    }),
    numberCheck("when", L("time of the first retransmission", "第一次重传的时间"), when, { tolerance: wheelTolerance, unit: L("ms", "ms"), why: timerWhy, ...rtxSeq }),
    choiceCheck("result", L("connect() result", "connect() 的结果"), result, RESULT, {
      why:
        result === "ok"
          ? L("connect() returns as soon as the client receives a SYN-ACK.", "客户端一收到 SYN-ACK，connect() 就返回。")
          : L(`With tcp_syn_retries = ${synRetries}, the client gives up and connect() fails with ${result}.`, `tcp_syn_retries = ${synRetries} 时，客户端放弃重试，connect() 以 ${result} 失败。`),
      eventSeqNo: ret.seqNo,
    }),
    numberCheck("connectAt", L("time connect() returns", "connect() 返回的时间"), connectRet, { tolerance: wheelTolerance, unit: L("ms", "ms"), why: timerWhy, eventSeqNo: ret.seqNo }),
  ];

  const sc = trace.scenario.sysctl;
  const knobs: Knob[] = [
    profileKnob(profile),
    [KNOB.latency, latency],
    [L("connect() called at t (ms)", "调用 connect() 的时刻 t（ms）"), connectAt],
    [L("initial RTO (ms)", "初始 RTO（ms）"), sc.tcp_timeout_init_ms],
    [same("net.ipv4.tcp_syn_retries"), sc.tcp_syn_retries],
    [same("net.ipv4.tcp_synack_retries"), sc.tcp_synack_retries],
  ];
  if (profile === "linux") knobs.push([same("net.ipv4.tcp_syn_linear_timeouts"), sc.tcp_syn_linear_timeouts]);

  const text = paragraphs(
    L(
      `A client (10.0.0.1) calls connect() to a server (10.0.0.2) listening on port ${port}, at t = ${connectAt} ms.`,
      `客户端（10.0.0.1）在 t = ${connectAt} ms 调用 connect()，连接在端口 ${port} 上监听的服务端（10.0.0.2）。`,
    ),
    lostText,
    knobList(knobs),
    L("Times are absolute (t in ms since the start).", "时间均为绝对时间（从开始算起的毫秒数）。"),
  );

  const explanation = paragraphs(
    L(
      `The ${lost.flags.join(",")} sent at t = ${fmtMs(lost.t)} ms is lost. At t = ${fmtMs(W)} ms the client is in ${clientWait} and the server's connection socket in ${serverWait}.`,
      `t = ${fmtMs(lost.t)} ms 发出的 ${lost.flags.join(",")} 丢失。t = ${fmtMs(W)} ms 时客户端处于 ${clientWait}，服务端连接 socket 处于 ${serverWait}。`,
    ),
    rtxWhy,
    timerWhy,
    L(
      `connect() ${result === "ok" ? "returns 0" : `fails with ${result}`} at t = ${fmtMs(connectRet)} ms.`,
      `connect() 在 t = ${fmtMs(connectRet)} ms ${result === "ok" ? "返回 0" : `以 ${result} 失败`}。`,
    ),
  );

  const wrong: Answer[] = [];
  const otherWhat = what === "client-syn" ? "server-synack" : what === "server-synack" ? "client-syn" : "client-ack";
  wrong.push({ ...answer, what: otherWhat, when: when ?? lost.t + 1000 });
  if (when !== null) {
    wrong.push({ ...answer, when: lost.t + 3000 }); // RFC 1122's old 3 s initial RTO
    wrong.push({ ...answer, when: lost.t + 200 }); // confusing the initial RTO with tcp_rto_min
  }
  if (clientWait === "ESTABLISHED") wrong.push({ ...answer, clientWait: "SYN-SENT" });
  else wrong.push({ ...answer, clientWait: "ESTABLISHED" });
  wrong.push({ ...answer, serverWait: serverWait === "CLOSED" ? "SYN-RECEIVED" : serverWait === "SYN-RECEIVED" ? "ESTABLISHED" : "SYN-RECEIVED" });
  wrong.push({ ...answer, result: result === "ok" ? "ETIMEDOUT" : "ok" });
  // Classic exponential backoff from the first retry (1, 2, 4 … s), ignoring Linux's linear SYN timeouts.
  const retries = segs.filter((g) => g.retransmission && flagsAre(g, ["SYN"])).length;
  const doubling = connectAt + (2 ** retries - 1) * 1000 + (result === "ok" ? 2 * latency : 1000 * 2 ** retries);
  if (Math.abs(doubling - connectRet) > wheelTolerance) wrong.push({ ...answer, connectAt: doubling });
  wrong.push({ ...answer, connectAt: connectRet + 1000 });

  const secrets = [...(when !== null && when > 2 * latency + 10 ? [fmtMs(when)] : []), ...(connectRet > 1000 ? [fmtMs(connectRet)] : [])];
  return fromRun(
    trace,
    // Cut before connect(): anything later would show the states and returns being asked.
    { text, inputs, hideFrom: { atMs: connectAt, caption: APPEARS_AFTER.handshake } },
    { answer, checks, explanation, wrong, ...firstRetransmissionWhen(when), facets: { loss, copies, latency, synRetries }, secrets },
  );
}

export const handshakeLoss = defineFamily({
  id: "handshake-loss",
  topic: "loss",
  linkTitle: { en: "A lost handshake segment", zh: "握手报文丢失" },
  version: 1,
  variety: { prompts: 700, answers: 150 },
  title: L("A segment lost during the handshake", "握手期间丢失报文段"),
  description: L(
    "One handshake segment is lost: what is retransmitted, when and by whom, the states while waiting, and how connect() ends.",
    "握手中的某个报文段丢失：谁在何时重传了什么、等待期间双方的状态，以及 connect() 的结局。",
  ),
  configSchema,
  build,
});
