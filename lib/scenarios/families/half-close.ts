/**
 * Family 11 — half-close: after shutdown(SHUT_WR) one direction is closed and the other still
 * works. What the half-closed side's send() returns, what the peer's recv() returns, how many
 * bytes still flow the other way, and the states on both sides.
 *
 * @see kernel-fact 06-half-close (send() after SHUT_WR ⇒ EPIPE; the client still received 3000
 *      bytes; FIN-WAIT-2 / CLOSE-WAIT while the server sends; TIME-WAIT at the end)
 * @see RFC 9293 §3.6 (a FIN closes one direction only), POSIX shutdown()
 */
import { z } from "zod";
import type { TcpState } from "@/lib/tcp";
import type { Answer } from "../answer";
import { listeningServer, pickPort, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { CALL_RESULT_OPTIONS, hostName, L, paragraphs, stateOptionId, stateOptions } from "../text";
import { callResultId, fmtMs, returnOf, run, ScriptBuilder, stateAt } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({});
export type HalfCloseConfig = z.infer<typeof configSchema>;

type Side = "client" | "server";

function build(seed: number, cfg: HalfCloseConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const port = pickPort(rng);
  const latency = rng.pick([1, 5, 10]);
  const x: Side = d === 1 || rng.chance(0.6) ? "client" : "server";
  const p: Side = x === "client" ? "server" : "client";
  const how = d === 3 && rng.chance(0.3) ? "SHUT_RDWR" : "SHUT_WR";
  const req = rng.int(1, 500);
  const chunks = rng.int(1, d === 1 ? 2 : 4);
  const chunk = rng.pick([100, 500, 1000, 1400]);
  const X = x === "client" ? "c" : "s";
  const P = p === "client" ? "c" : "s";
  const shutAt = 100 + 4 * latency;

  const s = new ScriptBuilder();
  listeningServer(s, port, { accept: "s" });
  s.add({ id: "conn", at: 1, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  s.add({ at: shutAt - 50, host: x, sock: X, call: "send", bytes: req });
  s.add({ id: "shut", at: shutAt, host: x, sock: X, call: "shutdown", how });
  const xSendStep = s.add({ at: shutAt + 1, host: x, sock: X, call: "send", bytes: 10 });
  // Peer: read the request, then read again (EOF), then answer in chunks and close.
  s.add({ id: "pr1", at: shutAt - 40, host: p, sock: P, call: "recv" });
  const peerRecvStep = s.add({ id: "pr2", after: "pr1", host: p, sock: P, call: "recv" });
  let prev = "pr2";
  for (let i = 1; i <= chunks; i++) {
    s.add({ id: `pw${i}`, after: prev, delayMs: 20, host: p, sock: P, call: "send", bytes: chunk });
    prev = `pw${i}`;
  }
  s.add({ id: "pclose", after: prev, delayMs: 100, host: p, sock: P, call: "close" });
  // The half-closed side keeps reading until EOF (one more recv than there are chunks).
  const xRecvs: number[] = [];
  for (let i = 1; i <= chunks + 1; i++) xRecvs.push(s.add(i === 1 ? { id: "xr1", at: shutAt + 2, host: x, sock: X, call: "recv" } : { id: `xr${i}`, after: `xr${i - 1}`, host: x, sock: X, call: "recv" }));
  s.add({ after: `xr${chunks + 1}`, delayMs: 50, host: x, sock: X, call: "close" });

  const trace = run({ seed, hosts: TWO_HOSTS, link: { latencyMs: latency }, script: s.steps, untilMs: shutAt + 10_000 });

  const xSend = callResultId(returnOf(trace, xSendStep));
  const peerRet = returnOf(trace, peerRecvStep);
  const peerRecv = callResultId(peerRet);
  const bytes = xRecvs.map((i) => returnOf(trace, i)).reduce((sum, r) => sum + (r && r.errno === null && r.value !== null ? r.value : 0), 0);
  const closeCall = trace.events.find((e) => e.kind === "call" && e.host === p && e.call === "close");
  const T = closeCall ? closeCall.t - 50 : shutAt + 60;
  const sockId = (h: Side) => (h === "client" ? "c" : "l#1");
  const xState: TcpState = stateOptionId(stateAt(trace, x, sockId(x), T));
  const peerState: TcpState = stateOptionId(stateAt(trace, p, sockId(p), T));
  const T2 = (closeCall?.t ?? T) + 1000;
  const xFinal: TcpState = stateOptionId(stateAt(trace, x, sockId(x), T2));
  for (const r of [xSend, peerRecv]) if (!CALL_RESULT_OPTIONS.some((o) => o.id === r)) throw new Error(`half-close(seed ${seed}): unexpected result ${r}`);
  const answer: Answer = { xSend, peerRecv, bytes, xState, peerState, xFinal };

  const XN = hostName(x);
  const PN = hostName(p);
  const states = stateOptions();
  const inputs: InputSpec[] = [
    { kind: "choice", id: "xSend", label: L(`What does the ${XN.en}'s send() at t = ${shutAt + 1} ms return?`, `${XN.zh}在 t = ${shutAt + 1} ms 调用的 send() 返回什么？`), options: CALL_RESULT_OPTIONS },
    { kind: "choice", id: "peerRecv", label: L(`What does the ${PN.en}'s second recv() return?`, `${PN.zh}的第二次 recv() 返回什么？`), options: CALL_RESULT_OPTIONS },
    { kind: "number", id: "bytes", label: L(`How many bytes does the ${XN.en} receive after its shutdown()?`, `${XN.zh}在 shutdown() 之后一共收到多少字节？`), min: 0, max: 1_000_000 },
    { kind: "choice", id: "xState", label: L(`State of the ${XN.en} at t = ${fmtMs(T)} ms`, `t = ${fmtMs(T)} ms 时${XN.zh}的状态`), options: states },
    { kind: "choice", id: "peerState", label: L(`State of the ${PN.en} at t = ${fmtMs(T)} ms`, `t = ${fmtMs(T)} ms 时${PN.zh}的状态`), options: states },
    { kind: "choice", id: "xFinal", label: L(`State of the ${XN.en} at t = ${fmtMs(T2)} ms`, `t = ${fmtMs(T2)} ms 时${XN.zh}的状态`), options: states },
  ];
  const text = paragraphs(
    L(
      `A client (10.0.0.1) is connected to a server (10.0.0.2:${port}); one-way latency ${latency} ms; Linux behaviour. The **${XN.en}** sends a ${req}-byte request at t = ${shutAt - 50} ms, calls **shutdown(${how})** at t = ${shutAt} ms, tries to send 10 more bytes at t = ${shutAt + 1} ms, then calls recv() until it returns 0, and finally close().`,
      `客户端（10.0.0.1）已连接到服务端（10.0.0.2:${port}）；单向时延 ${latency} ms；按 Linux 的行为。**${XN.zh}**在 t = ${shutAt - 50} ms 发送 ${req} 字节的请求，在 t = ${shutAt} ms 调用 **shutdown(${how})**，在 t = ${shutAt + 1} ms 试图再发送 10 字节，然后反复调用 recv() 直到返回 0，最后调用 close()。`,
    ),
    L(
      `The ${PN.en} calls recv() twice; when the second one returns it sends ${chunks} × ${chunk} bytes (20 ms apart) and closes 100 ms after the last send.`,
      `${PN.zh}调用两次 recv()；第二次返回后，它发送 ${chunks} × ${chunk} 字节（间隔 20 ms），并在最后一次发送 100 ms 后关闭。`,
    ),
  );

  const halfWhy =
    how === "SHUT_WR"
      ? L(
          `shutdown(SHUT_WR) sends a FIN: the ${XN.en} may not send any more (send() fails with EPIPE, kernel-fact 06), but it can still receive; the ${PN.en} sees EOF (recv() = 0) and may keep sending until it closes.`,
          `shutdown(SHUT_WR) 发送 FIN：${XN.zh}不能再发送（send() 以 EPIPE 失败，kernel-fact 06），但仍可接收；${PN.zh}读到 EOF（recv() = 0），在自己关闭之前仍可继续发送。`,
        )
      : L(
          `shutdown(SHUT_RDWR) closes both directions locally: send() fails with EPIPE, recv() returns 0 at once, and data the ${PN.en} sends afterwards is answered with a RST (the application can no longer read it).`,
          `shutdown(SHUT_RDWR) 在本地关闭两个方向：send() 以 EPIPE 失败，recv() 立即返回 0，${PN.zh}之后发送的数据会收到 RST（应用已无法读取）。`,
        );
  const hist = (h: Side) =>
    trace.events
      .filter((e) => e.kind === "state" && e.host === h && e.socket === sockId(h))
      .map((e) => (e.kind === "state" ? `${e.to} (${fmtMs(e.t)} ms)` : ""))
      .join(" → ");
  const checks = [
    choiceCheck("xSend", L(`the ${XN.en}'s send() after shutdown`, `shutdown 之后${XN.zh}的 send()`), xSend, CALL_RESULT_OPTIONS, { why: halfWhy, ...seq(returnOf(trace, xSendStep)) }),
    choiceCheck("peerRecv", L(`the ${PN.en}'s second recv()`, `${PN.zh}的第二次 recv()`), peerRecv, CALL_RESULT_OPTIONS, { why: halfWhy, ...seq(peerRet) }),
    numberCheck("bytes", L(`bytes the ${XN.en} receives after shutdown`, `shutdown 之后${XN.zh}收到的字节数`), bytes, { why: halfWhy }),
    choiceCheck("xState", L(`${XN.en} state while the ${PN.en} sends`, `${PN.zh}发送期间${XN.zh}的状态`), xState, states, { why: L(`${XN.en}: ${hist(x)}.`, `${XN.zh}：${hist(x)}。`) }),
    choiceCheck("peerState", L(`${PN.en} state while it sends`, `发送期间${PN.zh}的状态`), peerState, states, { why: L(`${PN.en}: ${hist(p)}.`, `${PN.zh}：${hist(p)}。`) }),
    choiceCheck("xFinal", L(`${XN.en} state at the end`, `最后${XN.zh}的状态`), xFinal, states, {
      why: L(`${XN.en}: ${hist(x)}. It sent the first FIN, so it is the active closer and ends in TIME-WAIT.`, `${XN.zh}：${hist(x)}。它先发出 FIN，是主动关闭方，最终进入 TIME-WAIT。`),
    }),
  ];
  const explanation = paragraphs(
    halfWhy,
    L(`${XN.en}: ${hist(x)}.`, `${XN.zh}：${hist(x)}。`),
    L(`${PN.en}: ${hist(p)}.`, `${PN.zh}：${hist(p)}。`),
    L(`The ${XN.en} received ${bytes} bytes after its shutdown().`, `${XN.zh}在 shutdown() 之后收到 ${bytes} 字节。`),
  );

  const wrong: Answer[] = [
    { ...answer, xSend: xSend === "EPIPE" ? "positive" : "EPIPE" },
    { ...answer, peerRecv: peerRecv === "zero" ? "ECONNRESET" : "zero" },
    { ...answer, bytes: bytes === 0 ? chunks * chunk : 0 }, // "after shutdown nothing flows at all" / the reverse
    { ...answer, xState: xState === "CLOSED" ? "FIN-WAIT-2" : "CLOSED", peerState: peerState === "CLOSED" ? "CLOSE-WAIT" : "CLOSED" },
    { ...answer, xState: peerState, peerState: xState === peerState ? "LAST-ACK" : xState },
    { ...answer, xFinal: xFinal === "TIME-WAIT" ? "CLOSED" : "TIME-WAIT" },
  ];

  return fromRun(
    trace,
    { text, inputs, hideFrom: { atMs: shutAt, caption: L("What happens after shutdown() appears after you answer.", "shutdown() 之后的过程在提交答案后显示。") } },
    { answer, checks, explanation, wrong, facets: { side: x, how, latency } },
  );
}

function seq(e: { seqNo: number } | undefined): { eventSeqNo?: number } {
  return e ? { eventSeqNo: e.seqNo } : {};
}

export const halfClose = defineFamily({
  id: "half-close",
  topic: "socket-api",
  linkTitle: { en: "Half-close with shutdown()", zh: "用 shutdown() 半关闭" },
  version: 1,
  variety: { prompts: 900, answers: 30 },
  title: L("Half-close with shutdown()", "用 shutdown() 半关闭"),
  description: L(
    "After shutdown(SHUT_WR), who can still send what: send() and recv() results, bytes that still flow, and the states on both sides.",
    "shutdown(SHUT_WR) 之后谁还能发送什么：send() 与 recv() 的结果、仍在传输的字节数，以及双方的状态。",
  ),
  configSchema,
  build,
});
