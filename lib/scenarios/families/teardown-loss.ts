/**
 * Family 5 — a segment lost during the teardown (the first FIN, its ACK, the second FIN, or the
 * last ACK while the active closer sits in TIME-WAIT): states while waiting, what is
 * retransmitted first and when, and how the receiver answers the retransmission.
 *
 * The lost segment is chosen on a fault-free dry run and dropped by its send index, so the
 * loss hits exactly that segment.
 * @see RFC 9293 §3.6 and §3.10.7.4 (TIME-WAIT re-acknowledges a retransmitted FIN and restarts 2MSL)
 * @see RFC 6298 (retransmission timer)
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { ScenarioInput, SegmentEvent, TcpState, Trace } from "@/lib/tcp";
import type { Answer } from "../answer";
import { KNOB, knobList, profileKnob, type Knob, listeningServer, pickPort, pickProfile, profileChoiceSchema, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { APPEARS_AFTER, choices, firstRetransmissionInputs, firstRetransmissionWhen, hostName, L, paragraphs, stateOptionId, stateOptions } from "../text";
import { flagsAre, fmtMs, hasFlag, run, ScriptBuilder, segments, stateAt } from "../trace-query";
import type { InputSpec } from "../types";

const LOSSES = ["fin", "fin-ack", "second-fin", "last-ack"] as const;
type Loss = (typeof LOSSES)[number];

const configSchema = familyConfigSchema({
  losses: z.array(z.enum(LOSSES)).min(1).optional(),
  profile: profileChoiceSchema,
});
export type TeardownLossConfig = z.infer<typeof configSchema>;

type Side = "client" | "server";

function retransmitRto(trace: Trace, host: string, after: number): number | undefined {
  const e = trace.events.find((x) => x.kind === "timer" && x.host === host && x.timer === "retransmit" && x.action === "set" && x.t >= after);
  return e && e.kind === "timer" && e.at !== undefined ? Math.round((e.at - e.t) * 1000) / 1000 : undefined;
}

function build(seed: number, cfg: TeardownLossConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const loss = rng.pick(cfg.losses ?? (d === 1 ? (["fin", "last-ack"] as const) : LOSSES));
  const latency = rng.pick([1, 5, 10, 20]);
  const port = pickPort(rng);
  const profile = pickProfile(rng, cfg.profile, d);
  const active: Side = d === 1 || rng.chance(0.6) ? "client" : "server";
  const passive: Side = active === "client" ? "server" : "client";
  const passiveDelay = loss === "fin-ack" ? rng.pick([50, 150, 400, 1000, 2000]) : rng.pick([50, 100, 200, 300]);
  const closeAt = 100 + 10 * latency;

  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s" });
  s.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  const sock = (h: Side) => (h === "client" ? "c" : "s");
  s.add({ at: closeAt, host: active, sock: sock(active), call: "close" });
  s.add({ id: "eof", after: passive === "client" ? "conn" : "acc_s", host: passive, sock: sock(passive), call: "recv" });
  s.add({ after: "eof", delayMs: passiveDelay, host: passive, sock: sock(passive), call: "close" });

  const base: ScenarioInput = { profile, seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: s.steps };
  const dry = segments(run(base)).filter((g) => g.t >= closeAt);
  const target: SegmentEvent | undefined =
    loss === "fin"
      ? dry.find((g) => g.from === active && hasFlag(g, "FIN"))
      : loss === "fin-ack"
        ? dry.find((g) => g.from === passive && flagsAre(g, ["ACK"]))
        : loss === "second-fin"
          ? dry.find((g) => g.from === passive && hasFlag(g, "FIN"))
          : dry.filter((g) => g.from === active && flagsAre(g, ["ACK"])).at(-1);
  if (!target) throw new Error(`teardown-loss(seed ${seed}): no ${loss} segment in the dry run`);
  const trace = run({ ...base, faults: [{ action: "drop", nth: target.id }] });
  const segs = segments(trace);
  const lost = segs.find((g) => g.fate === "dropped");
  if (!lost) throw new Error(`teardown-loss(seed ${seed}): nothing was dropped`);
  const rtx = segs.find((g) => g.retransmission && g.t > lost.t);
  const W = lost.t + latency + 1;
  const activeWait: TcpState = stateOptionId(stateAt(trace, active, active === "client" ? "c" : "l#1", W));
  const passiveWait: TcpState = stateOptionId(stateAt(trace, passive, passive === "client" ? "c" : "l#1", W));
  const what = !rtx ? "none" : !hasFlag(rtx, "FIN") ? "ack" : rtx.from === active ? "active-fin" : "passive-fin";
  const when = rtx ? rtx.t : null;
  const replySeg = rtx && rtx.arriveAt !== null ? segs.find((g) => g.from === rtx.to && g.t >= (rtx.arriveAt ?? 0)) : undefined;
  const reply = !rtx ? "no-rtx" : !replySeg ? "nothing" : hasFlag(replySeg, "RST") ? "rst" : hasFlag(replySeg, "FIN") ? "fin" : "ack";
  const answer: Answer = { activeWait, passiveWait, what, when, reply };

  const A = hostName(active);
  const P = hostName(passive);
  const WHAT = choices({
    "active-fin": L(`the ${A.en} retransmits its FIN`, `${A.zh}重传它的 FIN`),
    "passive-fin": L(`the ${P.en} retransmits its FIN`, `${P.zh}重传它的 FIN`),
    ack: L("an ACK is retransmitted on a timer", "某个 ACK 因超时被重传"),
    none: L("nothing is retransmitted", "没有任何重传"),
  });
  const REPLY = choices({
    ack: L("an ACK", "一个 ACK"),
    fin: L("a FIN (with ACK)", "一个 FIN（带 ACK）"),
    rst: L("a RST", "一个 RST"),
    nothing: L("nothing", "什么都不发"),
    "no-rtx": L("(nothing was retransmitted)", "（没有发生重传）"),
  });
  const states = stateOptions();
  const inputs: InputSpec[] = [
    { kind: "choice", id: "activeWait", label: L(`State of the ${A.en} (it closed first) at t = ${fmtMs(W)} ms`, `t = ${fmtMs(W)} ms 时${A.zh}（先关闭的一方）的状态`), options: states },
    { kind: "choice", id: "passiveWait", label: L(`State of the ${P.en} at t = ${fmtMs(W)} ms`, `t = ${fmtMs(W)} ms 时${P.zh}的状态`), options: states },
    ...firstRetransmissionInputs(WHAT),
    { kind: "choice", id: "reply", label: L("What does the receiver of that retransmission send back?", "收到该重传报文的一方回复什么？"), options: REPLY },
  ];

  const lostName: Record<Loss, Localized> = {
    fin: L(`the ${A.en}'s FIN`, `${A.zh}的 FIN`),
    "fin-ack": L(`the ${P.en}'s ACK of that FIN`, `${P.zh}对该 FIN 的 ACK`),
    "second-fin": L(`the ${P.en}'s FIN`, `${P.zh}的 FIN`),
    "last-ack": L(`the ${A.en}'s last ACK (the one answering the ${P.en}'s FIN)`, `${A.zh}的最后一个 ACK（对${P.zh} FIN 的确认）`),
  };
  const rtoA = retransmitRto(trace, active, closeAt);
  const rtoP = retransmitRto(trace, passive, closeAt);
  const knobs: Knob[] = [profileKnob(profile), [KNOB.latency, latency]];
  if (rtoA !== undefined) knobs.push([L(`${A.en}'s current RTO (ms)`, `${A.zh}当前的 RTO（ms）`), rtoA]);
  if (rtoP !== undefined) knobs.push([L(`${P.en}'s current RTO (ms)`, `${P.zh}当前的 RTO（ms）`), rtoP]);

  const text = paragraphs(
    L(
      `A client (10.0.0.1) and a server (10.0.0.2:${port}) are connected. At t = ${closeAt} ms the **${A.en}** calls close(); the ${P.en}'s recv() returns 0 (EOF) and it calls close() ${passiveDelay} ms later.`,
      `客户端（10.0.0.1）与服务端（10.0.0.2:${port}）已建立连接。t = ${closeAt} ms 时**${A.zh}**调用 close()；${P.zh}的 recv() 返回 0（EOF），${passiveDelay} ms 后它也调用 close()。`,
    ),
    L(`**${lostName[loss].en[0]?.toUpperCase()}${lostName[loss].en.slice(1)} is lost** (once).`, `**${lostName[loss].zh}${/[A-Za-z0-9]$/.test(lostName[loss].zh) ? " " : ""}丢失了**（仅一次）。`),
    knobList(knobs),
    L("Times are absolute (ms since the start).", "时间均为绝对时间（从开始算起的毫秒数）。"),
  );

  const history = (h: Side) =>
    trace.events
      .filter((e) => e.kind === "state" && e.host === h && e.socket === (h === "client" ? "c" : "l#1") && e.t >= closeAt)
      .map((e) => (e.kind === "state" ? `${e.to} (${fmtMs(e.t)} ms)` : ""))
      .join(" → ");
  const rtxText: Localized = rtx
    ? L(
        `The ${rtx.from} retransmits [${rtx.flags.join(",")}] at t = ${fmtMs(rtx.t)} ms, one RTO after the original was sent; the ${rtx.to ?? "peer"} answers with ${replySeg ? `[${replySeg.flags.join(",")}]` : "nothing"}.`,
        `${hostName(rtx.from).zh}在 t = ${fmtMs(rtx.t)} ms 重传 [${rtx.flags.join(",")}]，距原报文发出恰好一个 RTO；${rtx.to ? hostName(rtx.to).zh : "对端"}回复 ${replySeg ? `[${replySeg.flags.join(",")}]` : "无"}。`,
      )
    : L(
        `Nothing is retransmitted: the ${P.en}'s FIN also acknowledges the ${A.en}'s FIN before its retransmission timer fires.`,
        `没有任何重传：${P.zh}的 FIN 同时确认了${A.zh}的 FIN，赶在其重传定时器超时之前。`,
      );
  const explanation = paragraphs(
    L(`${A.en[0]?.toUpperCase()}${A.en.slice(1)} (active closer): ${history(active)}.`, `${A.zh}（主动关闭方）：${history(active)}。`),
    L(`${P.en[0]?.toUpperCase()}${P.en.slice(1)} (passive closer): ${history(passive)}.`, `${P.zh}（被动关闭方）：${history(passive)}。`),
    rtxText,
    L(
      "A FIN occupies sequence space, so it is retransmitted on the retransmission timer until acknowledged; a pure ACK is never retransmitted on a timer — a lost last ACK is repaired by the peer's FIN retransmission, which the TIME-WAIT socket answers with a new ACK (this is why TIME-WAIT exists) (RFC 9293 §3.6, §3.10.7.4).",
      "FIN 占用序列号，所以在被确认之前会按重传定时器重传；纯 ACK 不会因超时重传——最后一个 ACK 丢失时，靠对端重传 FIN 来修复，处于 TIME-WAIT 的 socket 会再回一个 ACK（这正是 TIME-WAIT 存在的理由）。参见 RFC 9293 §3.6、§3.10.7.4",
    ),
  );

  const rtxSeq = rtx ? { eventSeqNo: rtx.seqNo } : {};
  const checks = [
    choiceCheck("activeWait", L(`${A.en} state after the loss`, `丢包后${A.zh}的状态`), activeWait, states, { eventSeqNo: lost.seqNo, why: L(`${A.en}: ${history(active)}.`, `${A.zh}：${history(active)}。`) }),
    choiceCheck("passiveWait", L(`${P.en} state after the loss`, `丢包后${P.zh}的状态`), passiveWait, states, { eventSeqNo: lost.seqNo, why: L(`${P.en}: ${history(passive)}.`, `${P.zh}：${history(passive)}。`) }),
    choiceCheck("what", L("what is retransmitted first", "第一个重传的报文"), what, WHAT, { why: rtxText, ...rtxSeq }),
    numberCheck("when", L("time of the first retransmission", "第一次重传的时间"), when, {
      tolerance: 1,
      unit: L("ms", "ms"),
      why: L("A retransmission goes out one RTO after the segment was sent (the RTO is given with the question).", "重传发生在报文发出一个 RTO 之后（RTO 已在题目中给出）。"),
      ...rtxSeq,
    }),
    choiceCheck("reply", L("the answer to the retransmission", "对重传报文的回应"), reply, REPLY, {
      why: rtxText,
      ...(replySeg ? { eventSeqNo: replySeg.seqNo } : rtxSeq),
    }),
  ];

  const wrong: Answer[] = [];
  if (loss === "last-ack") wrong.push({ ...answer, what: "ack", reply: "nothing" }, { ...answer, reply: "rst" });
  if (what === "active-fin") wrong.push({ ...answer, what: "passive-fin" });
  if (what === "passive-fin") wrong.push({ ...answer, what: "active-fin" });
  if (what === "none") wrong.push({ ...answer, what: "active-fin", when: lost.t + (rtoA ?? 1000), reply: "ack" });
  if (when !== null) wrong.push({ ...answer, when: when + 1000 }, { ...answer, when: null, what: "none", reply: "no-rtx" });
  wrong.push({ ...answer, activeWait: activeWait === "FIN-WAIT-2" ? "FIN-WAIT-1" : "FIN-WAIT-2" });
  wrong.push({ ...answer, passiveWait: passiveWait === "CLOSE-WAIT" ? "LAST-ACK" : "CLOSE-WAIT" });
  wrong.push({ ...answer, activeWait: "LAST-ACK", passiveWait: "TIME-WAIT" });

  return fromRun(
    trace,
    // Cut before the first close(): later, the diagram would show the states being asked.
    { text, inputs, hideFrom: { atMs: closeAt, caption: APPEARS_AFTER.teardown } },
    { answer, checks, explanation, wrong, ...firstRetransmissionWhen(when), facets: { loss, active, latency }, secrets: when !== null ? [fmtMs(when)] : [] },
  );
}

export const teardownLoss = defineFamily({
  id: "teardown-loss",
  topic: "loss",
  linkTitle: { en: "A lost teardown segment", zh: "挥手报文丢失" },
  version: 1,
  variety: { prompts: 700, answers: 100 },
  title: L("A segment lost during the teardown", "挥手期间丢失报文段"),
  description: L(
    "A FIN or an ACK of the teardown is lost (including the last ACK, in TIME-WAIT): states, what is retransmitted and when, and the answer to it.",
    "挥手中的某个 FIN 或 ACK 丢失（包括 TIME-WAIT 时最后一个 ACK 丢失）：双方状态、谁在何时重传了什么，以及对重传的回应。",
  ),
  configSchema,
  build,
});
