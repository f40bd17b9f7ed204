/**
 * Family 10 — RST: which of several actions puts a RST on the wire, and what the peer's next
 * call returns after one of them. Every action is simulated on its own connection; the answer
 * is whether that trace contains a RST.
 *
 * @see RFC 9293 §3.5.2 (reset generation), RFC 2525 §2.17 / RFC 1122 §4.2.2.13 (close() with
 *      unread data ⇒ RST), SO_LINGER {on, 0} (net/ipv4/tcp.c tcp_close)
 * @see kernel-fact 05-connect-closed-port (RST,ACK to a SYN for a closed port; ECONNREFUSED)
 */
import { z } from "zod";
import type { Localized } from "@/lib/core";
import type { Trace } from "@/lib/tcp";
import type { Answer } from "../answer";
import { pickPort, TWO_HOSTS } from "../base";
import { choiceCheck, multiCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng, type Rng } from "../rng";
import { CALL_RESULT_OPTIONS, hostName, L, paragraphs } from "../text";
import { callResultId, fmtMs, hasFlag, returnOf, run, ScriptBuilder, segments } from "../trace-query";
import type { InputSpec } from "../types";

const RST_ACTIONS = ["close-unread", "linger0", "listener-closed", "data-after-close", "connect-refused"] as const;
const CALM_ACTIONS = ["normal-close", "shutdown-wr", "shutdown-rd", "linger-nonzero", "close-with-unsent"] as const;
type ActionId = (typeof RST_ACTIONS)[number] | (typeof CALM_ACTIONS)[number];
/** Actions after which "the peer's next call" is a meaningful question. */
const FEATURABLE: readonly ActionId[] = ["close-unread", "linger0", "listener-closed", "normal-close", "shutdown-wr", "shutdown-rd", "linger-nonzero", "close-with-unsent"];

const configSchema = familyConfigSchema({
});
export type RstConfig = z.infer<typeof configSchema>;

type Side = "client" | "server";
type Ctx = { x: Side; p: Side; port: number; n: number; tA: number };

const sockOf = (h: Side) => (h === "client" ? "c" : "s");

function label(a: ActionId, c: Ctx): Localized {
  const X = hostName(c.x);
  const P = hostName(c.p);
  switch (a) {
    case "close-unread":
      return L(`The ${X.en} calls close() while ${c.n} bytes it received are still unread.`, `${X.zh}在还有 ${c.n} 字节已收到但未读取的数据时调用 close()。`);
    case "linger0":
      return L(`The ${X.en} sets SO_LINGER {on, 0 s} and calls close().`, `${X.zh}设置 SO_LINGER {on, 0 秒} 后调用 close()。`);
    case "listener-closed":
      return L("The server closes its listening socket while an established connection still waits in the accept queue.", "服务端关闭监听 socket，而全连接队列中还有一个已建立、尚未被 accept 的连接。");
    case "data-after-close":
      return L(`The ${X.en} reads everything and calls close(); 100 ms later the ${P.en} sends ${c.n} bytes.`, `${X.zh}读完所有数据后调用 close()；100 ms 后${P.zh}发送 ${c.n} 字节。`);
    case "connect-refused":
      return L(`The client calls connect() to port ${c.port + 1}, where nothing listens.`, `客户端对端口 ${c.port + 1} 调用 connect()，而该端口上没有监听者。`);
    case "normal-close":
      return L(`The ${X.en} reads all ${c.n} bytes it received, then calls close().`, `${X.zh}读完收到的全部 ${c.n} 字节后调用 close()。`);
    case "shutdown-wr":
      return L(`The ${X.en} calls shutdown(SHUT_WR).`, `${X.zh}调用 shutdown(SHUT_WR)。`);
    case "shutdown-rd":
      return L(`The ${X.en} calls shutdown(SHUT_RD).`, `${X.zh}调用 shutdown(SHUT_RD)。`);
    case "linger-nonzero":
      return L(`The ${X.en} sets SO_LINGER {on, 5 s} and calls close() (it has read everything).`, `${X.zh}设置 SO_LINGER {on, 5 秒} 后调用 close()（数据都已读完）。`);
    case "close-with-unsent":
      return L(`The ${X.en} sends ${c.n} bytes and immediately calls close().`, `${X.zh}发送 ${c.n} 字节后立即调用 close()。`);
  }
}

/** Script of one action on a fresh connection; `peerCall` adds the peer's call 50 ms after the action. */
function actionTrace(seed: number, a: ActionId, c: Ctx, peerCall?: "recv" | "send"): { trace: Trace; peerStep?: number } {
  const s = new ScriptBuilder();
  const X = sockOf(c.x);
  const P = sockOf(c.p);
  s.add({ at: 0, host: "server", sock: "l", call: "bind", port: c.port });
  s.add({ at: 0, host: "server", sock: "l", call: "listen", backlog: 16 });
  if (a !== "listener-closed") s.add({ at: 0, host: "server", sock: "l", call: "accept", as: "s" });
  s.add({ at: 1, host: "client", sock: "c", call: "connect", to: `server:${a === "connect-refused" ? c.port + 1 : c.port}` });
  switch (a) {
    case "close-unread":
      s.add({ at: 50, host: c.p, sock: P, call: "send", bytes: c.n });
      s.add({ at: c.tA, host: c.x, sock: X, call: "close" });
      break;
    case "linger0":
    case "linger-nonzero":
      s.add({ at: 50, host: c.x, sock: X, call: "setsockopt", opt: "SO_LINGER", value: true, linger: a === "linger0" ? 0 : 5 });
      s.add({ at: c.tA, host: c.x, sock: X, call: "close" });
      break;
    case "listener-closed":
      s.add({ at: c.tA, host: "server", sock: "l", call: "close" });
      break;
    case "data-after-close":
      s.add({ at: c.tA, host: c.x, sock: X, call: "close" });
      s.add({ at: c.tA + 100, host: c.p, sock: P, call: "send", bytes: c.n });
      break;
    case "connect-refused":
      break;
    case "normal-close":
      s.add({ at: 50, host: c.p, sock: P, call: "send", bytes: c.n });
      s.add({ at: 100, host: c.x, sock: X, call: "recv" });
      s.add({ at: c.tA, host: c.x, sock: X, call: "close" });
      break;
    case "shutdown-wr":
    case "shutdown-rd":
      s.add({ at: c.tA, host: c.x, sock: X, call: "shutdown", how: a === "shutdown-wr" ? "SHUT_WR" : "SHUT_RD" });
      break;
    case "close-with-unsent":
      s.add({ id: "xs", at: c.tA, host: c.x, sock: X, call: "send", bytes: c.n });
      s.add({ after: "xs", host: c.x, sock: X, call: "close" });
      break;
  }
  let peerStep: number | undefined;
  if (peerCall === "recv") peerStep = s.add({ at: c.tA + 50, host: c.p, sock: P, call: "recv" });
  if (peerCall === "send") peerStep = s.add({ at: c.tA + 50, host: c.p, sock: P, call: "send", bytes: 100 });
  const trace = run({ seed, hosts: TWO_HOSTS, link: { latencyMs: 5 }, script: s.steps, untilMs: c.tA + 10_000 });
  return peerStep === undefined ? { trace } : { trace, peerStep };
}

const RESULT = CALL_RESULT_OPTIONS;

function pickActions(rng: Rng, d: 1 | 2 | 3): ActionId[] {
  const total = d === 1 ? 3 : d === 2 ? 4 : 5;
  const nRst = rng.int(1, total - 1);
  return rng.shuffle([...rng.sample(RST_ACTIONS, nRst), ...rng.sample(CALM_ACTIONS, total - nRst)]);
}

function build(seed: number, cfg: RstConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const port = pickPort(rng);
  const actions = pickActions(rng, d);
  const ctxs = actions.map((a): Ctx => {
    const x: Side = a === "listener-closed" ? "server" : a === "connect-refused" ? "client" : rng.pick(["client", "server"] as const);
    return { x, p: x === "client" ? "server" : "client", port, n: rng.int(1, 1000), tA: 300 };
  });
  const featurable = actions.map((a, i) => ({ a, i })).filter(({ a }) => FEATURABLE.includes(a));
  const featured = rng.pick(featurable);
  const peerCall = d === 3 && featured.a !== "listener-closed" && rng.chance(0.5) ? "send" : "recv";

  const optionIds = actions.map((_, i) => `a${i + 1}`);
  const labels = actions.map((a, i) => label(a, ctxs[i]!));
  const traces = actions.map((a, i) => actionTrace(seed, a, ctxs[i]!).trace);
  const rstIn = (t: Trace) => segments(t).find((g) => hasFlag(g, "RST"));
  const rstIds = optionIds.filter((_, i) => rstIn(traces[i]!) !== undefined);
  const fctx = ctxs[featured.i]!;
  const f = actionTrace(seed, featured.a, fctx, peerCall);
  const ret = f.peerStep === undefined ? undefined : returnOf(f.trace, f.peerStep);
  const result = callResultId(ret);
  if (!RESULT.some((r) => r.id === result)) throw new Error(`rst(seed ${seed}): peer ${peerCall}() returned ${result}`);
  const answer: Answer = { rst: rstIds, peer: result };

  const options = optionIds.map((id, i) => ({ id, label: labels[i]! }));
  const fl = labels[featured.i]!;
  const P = hostName(fctx.p);
  const inputs: InputSpec[] = [
    { kind: "multi", id: "rst", label: L("Which of these actions make a RST appear on the wire?", "以下哪些操作会让线路上出现 RST？"), options },
    {
      kind: "choice",
      id: "peer",
      label: L(
        `In situation ${optionIds[featured.i]} (“${fl.en}”), the ${P.en} calls ${peerCall === "recv" ? "recv()" : "send() with 100 bytes"} 50 ms later. What does the call return?`,
        `在情形 ${optionIds[featured.i]}（“${fl.zh}”）中，${P.zh}在 50 ms 后调用${peerCall === "recv" ? " recv()" : " send() 发送 100 字节"}。该调用返回什么？`,
      ),
      options: RESULT,
    },
  ];
  const text = paragraphs(
    L(
      `Each situation below starts from its own established connection between a client (10.0.0.1) and a server (10.0.0.2:${port}); one-way latency 5 ms; Linux behaviour.`,
      `下面每种情形都从一条独立的、已建立的连接开始：客户端（10.0.0.1）与服务端（10.0.0.2:${port}）；单向时延 5 ms；按 Linux 的行为。`,
    ),
    { en: options.map((o) => `- **${o.id}**: ${o.label.en}`).join("\n"), zh: options.map((o) => `- **${o.id}**：${o.label.zh}`).join("\n") },
  );

  const perAction = actions.map((a, i) => {
    const r = rstIn(traces[i]!);
    const sent = r ? `${hostName(r.from).en} sends [${r.flags.join(",")}] ${r.label}` : "no RST";
    const sentZh = r ? `${hostName(r.from).zh}发送 [${r.flags.join(",")}] ${r.label}` : "没有 RST";
    return L(`${optionIds[i]}: ${sent} — ${WHY[a].en}`, `${optionIds[i]}：${sentZh}——${WHY[a].zh}`);
  });
  const rstWhy: Localized = { en: perAction.map((p) => p.en).join(" "), zh: perAction.map((p) => p.zh).join("") };
  const peerWhy = L(
    `In ${optionIds[featured.i]} the ${P.en}'s ${peerCall}() ${ret ? `returns ${ret.errno ? `-1 ${ret.errno}` : ret.value} at t = ${fmtMs(ret.t)} ms` : "never returns: nothing arrives that would wake it"}. ${PEER_WHY.en}`,
    `在 ${optionIds[featured.i]} 中，${P.zh}的 ${peerCall}() ${ret ? `在 t = ${fmtMs(ret.t)} ms 返回 ${ret.errno ? `-1 ${ret.errno}` : ret.value}` : "一直不返回：没有任何东西到达来唤醒它"}。${PEER_WHY.zh}`,
  );
  const checks = [
    multiCheck("rst", L("actions that send a RST", "会发送 RST 的操作"), rstIds, options, { why: rstWhy, showIds: true }),
    choiceCheck("peer", L("the peer's next call", "对端的下一次调用"), result, RESULT, { why: peerWhy, ...(ret ? { eventSeqNo: ret.seqNo } : {}) }),
  ];
  const explanation = paragraphs(
    { en: perAction.map((p) => `- ${p.en}`).join("\n"), zh: perAction.map((p) => `- ${p.zh}`).join("\n") },
    peerWhy,
  );

  const closeLike = optionIds.filter((_, i) => ["close-unread", "linger0", "normal-close", "linger-nonzero", "close-with-unsent", "data-after-close"].includes(actions[i]!));
  const lingerAny = optionIds.filter((_, i) => ["linger0", "linger-nonzero"].includes(actions[i]!));
  const shutdowns = optionIds.filter((_, i) => actions[i]!.startsWith("shutdown"));
  const canon = (ids: string[]) => optionIds.filter((id) => ids.includes(id));
  const wrong: Answer[] = [
    { ...answer, rst: canon(closeLike) }, // "close() always resets"
    { ...answer, rst: canon([...rstIds, ...lingerAny]) }, // "any SO_LINGER means RST"
    { ...answer, rst: canon([...rstIds, ...shutdowns]) }, // "shutdown() resets"
    { ...answer, rst: [] }, // "a normal program never sees RSTs"
    { ...answer, rst: canon(optionIds.filter((id) => !rstIds.includes(id))) }, // everything flipped
    { ...answer, peer: result === "ECONNRESET" ? "zero" : result === "zero" ? "ECONNRESET" : result === "blocks" ? "zero" : "ECONNRESET" },
    { ...answer, peer: result === "EPIPE" ? "ECONNRESET" : "EPIPE" },
  ];

  const rstShown = rstIds.length ? { en: rstIds.join(", "), zh: rstIds.join("、") } : L("(none)", "（无）");
  return fromRun(f.trace, { text, inputs }, { answer, checks, explanation, correctDisplay: { rst: rstShown }, wrong, facets: { action: featured.a, side: ctxs[featured.i]!.x } });
}

const WHY: Record<ActionId, Localized> = {
  "close-unread": L("close() with unread data aborts the connection with a RST instead of a FIN, so the peer learns data was lost (RFC 2525 §2.17).", "有未读数据时 close() 会用 RST 而不是 FIN 终止连接，让对端知道数据丢失了（RFC 2525 §2.17）。"),
  linger0: L("SO_LINGER {on, 0} makes close() abort: RST, no TIME-WAIT.", "SO_LINGER {on, 0} 使 close() 直接中止连接：发 RST，不进入 TIME-WAIT。"),
  "listener-closed": L("Closing a listener aborts the connections still in its accept queue with RSTs.", "关闭监听 socket 会用 RST 中止全连接队列中尚未 accept 的连接。"),
  "data-after-close": L("Data arriving for a socket the application has closed cannot be delivered: the kernel answers with a RST.", "发给已被应用关闭的 socket 的数据无法交付：内核回复 RST。"),
  "connect-refused": L("A SYN to a port with no listener is answered with RST,ACK; connect() fails with ECONNREFUSED.", "发往无监听端口的 SYN 会收到 RST,ACK；connect() 以 ECONNREFUSED 失败。"),
  "normal-close": L("close() with nothing unread sends a FIN: a graceful close.", "没有未读数据时 close() 发送 FIN：正常关闭。"),
  "shutdown-wr": L("shutdown(SHUT_WR) sends a FIN and keeps the socket open for reading.", "shutdown(SHUT_WR) 发送 FIN，socket 仍可读。"),
  "shutdown-rd": L("shutdown(SHUT_RD) sends nothing at all.", "shutdown(SHUT_RD) 不发送任何报文。"),
  "linger-nonzero": L("SO_LINGER with a non-zero timeout only makes close() wait for the FIN to be acknowledged; it still closes gracefully.", "超时非零的 SO_LINGER 只是让 close() 等待 FIN 被确认；仍然是正常关闭。"),
  "close-with-unsent": L("Data already queued is still delivered, followed by a FIN: close() does not discard the send buffer.", "已排队的数据仍会发出，随后是 FIN：close() 不会丢弃发送缓冲区。"),
};
const PEER_WHY = L(
  "After a RST, a pending error ECONNRESET is reported once; a FIN is an orderly end of the stream: recv() returns 0 (EOF). Sending on a socket that has received a FIN still succeeds locally.",
  "收到 RST 后，挂起的错误 ECONNRESET 会上报一次；FIN 表示数据流正常结束：recv() 返回 0（EOF）。在已收到 FIN 的 socket 上发送数据，本地仍会成功。",
);

export const rst = defineFamily({
  id: "rst",
  topic: "socket-api",
  linkTitle: { en: "When TCP sends a RST", zh: "TCP 什么时候发送 RST" },
  version: 1,
  variety: { prompts: 1000, answers: 100 },
  title: L("Which actions send a RST?", "哪些操作会发送 RST？"),
  description: L(
    "Several socket actions, each on its own connection: which put a RST on the wire, and what the peer's next call returns.",
    "若干 socket 操作，各自在独立的连接上进行：哪些会在线路上产生 RST，以及对端下一次调用返回什么。",
  ),
  configSchema,
  build,
});
