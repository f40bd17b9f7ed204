/**
 * Family 8 — SYN flood: spoofed SYNs at some rate against a listener's SYN queue, with or
 * without SYN cookies; does a legitimate client get in, after how many SYN retransmissions,
 * and how many SYN-RECV entries does the server hold when the client arrives.
 *
 * @see net/ipv4/tcp_input.c tcp_conn_request() (queue full ⇒ cookie or drop; last quarter of
 *      tcp_max_syn_backlog reserved without cookies), net/ipv4/syncookies.c
 * @see net/ipv4/inet_connection_sock.c reqsk_timer_handler (SYN-ACK retries; young/old pruning)
 * @see RFC 4987 (TCP SYN flooding attacks and common mitigations)
 */
import { z } from "zod";
import { same, type Answer } from "../answer";
import { KNOB, knobList, pickPort, type Knob, TWO_HOSTS } from "../base";
import { choiceCheck, numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { choices, L, paragraphs } from "../text";
import { countStateAt, fmtMs, hasFlag, returnOf, run, ScriptBuilder, segments } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({
  backlogMax: z.number().int().min(1).max(64).default(32),
  /** Largest number of spoofed SYNs (the simulation cost grows with it). */
  floodMax: z.number().int().min(10).max(600).default(150),
});
export type SynFloodConfig = z.infer<typeof configSchema>;

const OUTCOME = choices({
  first: L("connects with its first SYN", "第一个 SYN 就连接成功"),
  retransmit: L("connects, but only after retransmitting its SYN", "连接成功，但要先重传 SYN"),
  timeout: L("connect() fails with ETIMEDOUT", "connect() 以 ETIMEDOUT 失败"),
  waiting: L("connect() is still blocked at the end", "到结束时 connect() 仍在阻塞"),
});
const YESNO = choices({
  yes: L("yes", "是"),
  no: L("no", "否"),
});

function build(seed: number, cfg: SynFloodConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const port = pickPort(rng);
  const B = rng.int(2, Math.max(2, Math.min(cfg.backlogMax, d === 1 ? 16 : cfg.backlogMax)));
  const syncookies = d === 3 ? rng.pick([0, 1, 2] as const) : rng.pick([0, 1] as const);
  const synackRetries = d === 1 ? 5 : rng.pick([1, 2, 3, 5]);
  const synRetries = d === 3 ? rng.pick([2, 3, 6]) : 6;
  const maxSynBacklog = d === 3 && syncookies === 0 && rng.chance(0.4) ? rng.pick([8, 16, 32]) : 2048;
  const rate = rng.pick([100, 200, 500, 1000]);
  const count = Math.min(cfg.floodMax, Math.max(B + 2, Math.round((rate * rng.pick([0.5, 1, 2, 3])) / 1)));
  const latency = 10;
  const connectAt = Math.round((count / rate) * 1000 * rng.pick([0.5, 0.9])) + 50;
  const until = connectAt + 70_000;

  const s = new ScriptBuilder();
  s.add({ at: 0, host: "server", sock: "l", call: "bind", port });
  s.add({ at: 0, host: "server", sock: "l", call: "listen", backlog: B });
  s.add({ at: 0, host: "server", sock: "l", call: "accept", as: "s" });
  const conn = s.add({ at: connectAt, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  const trace = run({
    seed,
    sysctl: { tcp_syncookies: syncookies, tcp_synack_retries: synackRetries, tcp_syn_retries: synRetries, tcp_max_syn_backlog: maxSynBacklog },
    hosts: TWO_HOSTS,
    link: { latencyMs: latency },
    flood: { target: "server", port, count, ratePerSec: rate, startMs: 0 },
    script: s.steps,
    untilMs: until,
  });

  const ret = returnOf(trace, conn);
  const segs = segments(trace);
  const clientSyns = segs.filter((g) => g.from === "client" && hasFlag(g, "SYN") && !hasFlag(g, "ACK") && (ret === undefined || g.t <= ret.t));
  const synRetrans = clientSyns.filter((g) => g.retransmission).length;
  const outcome = ret === undefined ? "waiting" : ret.errno !== null ? "timeout" : synRetrans === 0 ? "first" : "retransmit";
  if (ret && ret.errno !== null && ret.errno !== "ETIMEDOUT") throw new Error(`syn-flood(seed ${seed}): connect() returned ${ret.errno}`);
  const firstSyn = clientSyns[0];
  if (!firstSyn || firstSyn.arriveAt === null) throw new Error(`syn-flood(seed ${seed}): no client SYN`);
  // SYN-RECV entries just before the client's first SYN reaches the server.
  const synRecv = countStateAt(trace, "server", firstSyn.arriveAt - 0.001, "SYN-RECEIVED");
  const cookieSeg = segs.find((g) => g.from === "server" && g.to === "client" && hasFlag(g, "SYN") && g.socket === null);
  const cookie = cookieSeg ? "yes" : "no";
  const answer: Answer = { synRecv, outcome, synRetrans, cookie };

  const inputs: InputSpec[] = [
    {
      kind: "number",
      id: "synRecv",
      label: L(`How many SYN-RECV entries does \`ss -tan\` show on the server just before the client's first SYN arrives (t = ${fmtMs(firstSyn.arriveAt)} ms)?`, `客户端第一个 SYN 到达之前（t = ${fmtMs(firstSyn.arriveAt)} ms），服务端的 \`ss -tan\` 显示多少个 SYN-RECV？`),
      min: 0,
      max: 100_000,
    },
    { kind: "choice", id: "outcome", label: L("What happens to the legitimate client?", "合法客户端的结果如何？"), options: OUTCOME },
    { kind: "number", id: "synRetrans", label: L("How many times does the client retransmit its SYN (until connect() returns, or until the end)?", "客户端重传了几次 SYN（到 connect() 返回为止，或到结束为止）？"), min: 0, max: 100 },
    { kind: "choice", id: "cookie", label: L("Does the server answer the client with a SYN cookie?", "服务端是否用 SYN cookie 回应该客户端？"), options: YESNO },
  ];

  const knobs: Knob[] = [
    [KNOB.profile, KNOB.linux],
    [same("listen(backlog)"), B],
    [same("net.ipv4.tcp_syncookies"), syncookies],
    [same("net.ipv4.tcp_max_syn_backlog"), maxSynBacklog],
    [same("net.ipv4.tcp_synack_retries"), synackRetries],
    [same("net.ipv4.tcp_syn_retries"), synRetries],
    [KNOB.latency, latency],
  ];
  const text = paragraphs(
    L(
      `A server (10.0.0.2) listens on port ${port} and accept()s in a loop. From t = 0 an attacker sends ${count} SYNs with spoofed source addresses, ${rate} per second; nobody ever answers the server's SYN-ACKs. At t = ${connectAt} ms a legitimate client (10.0.0.1) calls connect(). The run ends at t = ${until} ms.`,
      `服务端（10.0.0.2）在端口 ${port} 上监听，并循环调用 accept()。从 t = 0 起，攻击者以每秒 ${rate} 个的速度发送 ${count} 个伪造源地址的 SYN；服务端的 SYN-ACK 永远得不到回应。t = ${connectAt} ms 时，一个合法客户端（10.0.0.1）调用 connect()。模拟在 t = ${until} ms 结束。`,
    ),
    knobList(knobs),
  );

  const queueWhy = L(
    `Linux keeps at most backlog + 1 = ${B + 1} request sockets (SYN-RECV) for listen(${B}) (inet_csk_reqsk_queue_is_full tests qlen > backlog)${maxSynBacklog < 2048 && syncookies === 0 ? `, and without cookies the last quarter of tcp_max_syn_backlog = ${maxSynBacklog} is reserved for peers already proven alive` : ""}. Requests leave the queue when their SYN-ACK retries run out.`,
    `对 listen(${B})，Linux 最多保留 backlog + 1 = ${B + 1} 个请求 socket（SYN-RECV）（inet_csk_reqsk_queue_is_full 判断的是 qlen > backlog）${maxSynBacklog < 2048 && syncookies === 0 ? `；未开启 cookies 时，tcp_max_syn_backlog = ${maxSynBacklog} 的最后四分之一留给已证实存活的对端` : ""}。请求在 SYN-ACK 重传次数用完后才离开队列。`,
  );
  const cookieWhy =
    syncookies === 0
      ? L("tcp_syncookies = 0: with the SYN queue full, new SYNs are dropped, so the client retransmits until a slot frees (a spoofed request times out) — and only if the flood has stopped refilling it.", "tcp_syncookies = 0：半连接队列满时新的 SYN 被丢弃，客户端只能不断重传，直到有伪造请求超时腾出位置——而且前提是 SYN 洪水已停止、不再把空位填满。")
      : syncookies === 1
        ? L("tcp_syncookies = 1: once the SYN queue is full, the server answers with a SYN cookie and keeps no state; the client's ACK carries the cookie back and the connection is created then.", "tcp_syncookies = 1：半连接队列满后，服务端用 SYN cookie 回应且不保存状态；客户端的 ACK 把 cookie 带回来时才创建连接。")
        : L("tcp_syncookies = 2: the server answers every SYN with a cookie, whether the queue is full or not.", "tcp_syncookies = 2：无论队列是否已满，服务端都用 cookie 回应每个 SYN。");
  const seqOf = (e: { seqNo: number } | undefined) => (e ? { eventSeqNo: e.seqNo } : {});
  const checks = [
    numberCheck("synRecv", L("SYN-RECV entries when the client arrives", "客户端到达时的 SYN-RECV 数"), synRecv, { why: queueWhy, eventSeqNo: firstSyn.seqNo }),
    choiceCheck("cookie", L("SYN cookie for the client", "是否向客户端发送 SYN cookie"), cookie, YESNO, { why: cookieWhy, ...seqOf(cookieSeg ?? firstSyn) }),
    choiceCheck("outcome", L("the client's outcome", "客户端的结果"), outcome, OUTCOME, { why: cookieWhy, ...seqOf(ret ?? firstSyn) }),
    numberCheck("synRetrans", L("SYN retransmissions by the client", "客户端的 SYN 重传次数"), synRetrans, {
      why: L(
        `The client's SYNs went out at t = ${clientSyns.map((g) => fmtMs(g.t)).join(", ")} ms (Linux: 1 s apart for the first tcp_syn_linear_timeouts = 4 retries, then doubling).`,
        `客户端的 SYN 发送时刻为 t = ${clientSyns.map((g) => fmtMs(g.t)).join("、")} ms（Linux：前 tcp_syn_linear_timeouts = 4 次重传间隔 1 秒，之后翻倍）。`,
      ),
      ...seqOf(clientSyns.at(-1)),
    }),
  ];
  // Order the checks as the timeline unfolds: queue state, cookie (or drop), retransmissions, outcome.
  const ordered = [checks[0]!, checks[1]!, checks[3]!, checks[2]!];

  const explanation = paragraphs(
    L(
      `When the client's first SYN arrived the server held ${synRecv} SYN-RECV requests. ${cookie === "yes" ? "The server answered it with a SYN cookie." : "No SYN cookie was sent to the client."} The client retransmitted its SYN ${synRetrans === 1 ? "once" : `${synRetrans} times`}; ${outcome === "waiting" ? "connect() was still blocked at the end" : ret ? `connect() ${ret.errno ? `failed with ${ret.errno}` : "returned 0"} at t = ${fmtMs(ret.t)} ms` : ""}.`,
      `客户端第一个 SYN 到达时，服务端有 ${synRecv} 个 SYN-RECV 请求。${cookie === "yes" ? "服务端用 SYN cookie 回应了它。" : "服务端没有向客户端发送 SYN cookie。"}客户端重传了 ${synRetrans} 次 SYN；${outcome === "waiting" ? "到结束时 connect() 仍在阻塞" : ret ? `connect() 在 t = ${fmtMs(ret.t)} ms ${ret.errno ? `以 ${ret.errno} 失败` : "返回 0"}` : ""}。`,
    ),
    queueWhy,
    cookieWhy,
  );

  const wrong: Answer[] = [
    { ...answer, synRecv: Math.max(0, synRecv - 1) },
    { ...answer, synRecv: synRecv === count ? synRecv + 1 : count },
    { ...answer, cookie: cookie === "yes" ? "no" : "yes" },
    { ...answer, outcome: outcome === "first" ? "retransmit" : "first", synRetrans: outcome === "first" ? 1 : 0 },
    { ...answer, synRetrans: synRetrans + 1 },
  ];
  if (outcome !== "timeout") wrong.push({ ...answer, outcome: "timeout" });

  return fromRun(trace, { text, inputs }, { answer, checks: ordered, explanation, wrong, facets: { backlog: B, syncookies, synackRetries } });
}

export const synFlood = defineFamily({
  id: "syn-flood",
  topic: "backlog",
  linkTitle: { en: "SYN flood and SYN cookies", zh: "SYN 洪水与 SYN cookie" },
  version: 1,
  variety: { prompts: 900, answers: 150 },
  title: L("SYN flood and SYN cookies", "SYN 洪水与 SYN cookies"),
  description: L(
    "Spoofed SYNs against a listener's SYN queue, with and without SYN cookies: does a legitimate client get in, and how.",
    "伪造的 SYN 冲击监听 socket 的半连接队列，开启与不开启 SYN cookies 时：合法客户端能否连上、如何连上。",
  ),
  configSchema,
  build,
});
