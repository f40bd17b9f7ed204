/**
 * Family 7 — listen backlog: listen(B) with somaxconn S, an application that accept()s k
 * connections, M clients connecting one after another: how many connect() calls succeed, how
 * many server sockets are ESTABLISHED, how many clients are still in SYN-SENT, and what
 * `ss -ltn` shows for the listener (Recv-Q, Send-Q).
 *
 * @see kernel-fact 04a-backlog-B0-syncookies1, 04a-backlog-B2-syncookies1, 04a-backlog-B5-syncookies0
 *      (listen(B) holds B+1 established connections; extra SYNs are dropped, clients retransmit)
 * @see kernel-fact 04b-backlog-somaxconn-clamp (effective backlog = min(B, somaxconn))
 * @see net/ipv4/af_inet.c (__inet_listen_sk), include/net/sock.h (sk_acceptq_is_full uses ">")
 */
import { z } from "zod";
import { same, type Answer } from "../answer";
import { knobList, pickPort, pickProfile, profileKnob, profileChoiceSchema, TWO_HOSTS, type Knob } from "../base";
import { numberCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng } from "../rng";
import { L, paragraphs } from "../text";
import { fmtMs, returnOf, run, ScriptBuilder } from "../trace-query";
import type { InputSpec } from "../types";

const configSchema = familyConfigSchema({
  backlogMax: z.number().int().min(0).max(16).default(8),
  clientsMax: z.number().int().min(2).max(16).default(12),
  profile: profileChoiceSchema,
});
export type BacklogConfig = z.infer<typeof configSchema>;

function build(seed: number, cfg: BacklogConfig): Draft {
  const rng = createRng(seed);
  const d = cfg.difficulty;
  const profile = pickProfile(rng, cfg.profile, d);
  const port = pickPort(rng);
  const useMinusOne = d === 3 && rng.chance(0.15);
  const B = useMinusOne ? -1 : rng.int(0, cfg.backlogMax);
  const clamp = d >= 2 && rng.chance(0.4);
  const somaxconn = clamp ? rng.int(useMinusOne ? 1 : 0, Math.max(0, Math.min(cfg.backlogMax, B < 0 ? 6 : B - 1))) : 4096;
  const k = d === 1 ? 0 : rng.int(0, 3);
  const lateAccept = d === 3 && k > 0 && rng.chance(0.6);
  // Enough clients that some usually do not get in (the parameter choice only; answers come from the trace).
  const roughCapacity = (B < 0 ? somaxconn : Math.min(B, somaxconn)) + 1 + k;
  const M = Math.max(2, Math.min(cfg.clientsMax, roughCapacity + rng.int(-1, 4)));
  const gap = 10;
  const lastConnect = gap * M;
  const acceptAt = lateAccept ? 1500 : 0;
  const until = lateAccept ? 3500 : lastConnect + 200;

  const s = new ScriptBuilder();
  s.add({ at: 0, host: "server", sock: "l", call: "bind", port });
  s.add({ at: 0, host: "server", sock: "l", call: "listen", backlog: B });
  for (let i = 1; i <= k; i++)
    s.add(
      i === 1
        ? { id: "a1", at: acceptAt, host: "server", sock: "l", call: "accept", as: "s1" }
        : { id: `a${i}`, after: `a${i - 1}`, host: "server", sock: "l", call: "accept", as: `s${i}` },
    );
  const connects: number[] = [];
  for (let i = 1; i <= M; i++) connects.push(s.add({ at: gap * i, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}` }));

  const trace = run({
    profile,
    seed,
    sysctl: { somaxconn },
    hosts: TWO_HOSTS,
    link: { latencyMs: 1 },
    script: s.steps,
    untilMs: until,
  });

  const rets = connects.map((i) => returnOf(trace, i));
  const connected = rets.filter((r) => r !== undefined && r.errno === null).length;
  const listener = trace.final.find((x) => x.host === "server" && x.socket === "l");
  if (!listener) throw new Error(`backlog(seed ${seed}): no listener in the final snapshot`);
  const recvQ = listener.recvQ;
  const sendQ = listener.sendQ;
  const serverEstab = trace.final.filter((x) => x.host === "server" && x.state === "ESTABLISHED").length;
  const synSent = trace.final.filter((x) => x.host === "client" && x.state === "SYN-SENT").length;
  const answer: Answer = { connected, serverEstab, synSent, recvQ, sendQ };

  const inputs: InputSpec[] = [
    { kind: "number", id: "connected", label: L(`How many connect() calls have returned 0 by t = ${until} ms?`, `到 t = ${until} ms 时，有多少个 connect() 已返回 0？`), min: 0, max: M },
    { kind: "number", id: "serverEstab", label: L("How many server sockets are ESTABLISHED then (accepted or not)?", "此时服务端有多少个 ESTABLISHED socket（无论是否已 accept）？"), min: 0, max: 100 },
    { kind: "number", id: "synSent", label: L("How many clients are still in SYN-SENT then?", "此时还有多少个客户端处于 SYN-SENT？"), min: 0, max: M },
    { kind: "number", id: "recvQ", label: L("`ss -ltn`: the listener's Recv-Q", "`ss -ltn`：监听 socket 的 Recv-Q"), min: 0, max: 100_000 },
    { kind: "number", id: "sendQ", label: L("`ss -ltn`: the listener's Send-Q", "`ss -ltn`：监听 socket 的 Send-Q"), min: 0, max: 100_000 },
  ];

  const acceptText =
    k === 0
      ? L("The application never calls accept().", "应用从不调用 accept()。")
      : lateAccept
        ? L(`At t = ${acceptAt} ms the application calls accept() ${k === 1 ? "once" : `${k} times, one after another`}.`, `t = ${acceptAt} ms 时应用连续调用 ${k} 次 accept()。`)
        : L(`The application calls accept() ${k === 1 ? "once" : `${k} times, one after another,`} from the start, then stops accepting.`, `应用从一开始就连续调用 ${k} 次 accept()，之后不再 accept。`);
  const knobs: Knob[] = [
    profileKnob(profile),
    [same("listen(backlog)", "listen(backlog)"), B],
    [same("net.core.somaxconn"), somaxconn],
    [same("net.ipv4.tcp_syncookies"), trace.scenario.sysctl.tcp_syncookies],
    [L("clients", "客户端数量"), M],
  ];
  const text = paragraphs(
    L(
      `A server (10.0.0.2) calls listen(${B}) on port ${port}. ${M} clients connect (blocking connect()) one after another, every ${gap} ms from t = ${gap} ms; one-way latency 1 ms.`,
      `服务端（10.0.0.2）在端口 ${port} 上调用 listen(${B})。${M} 个客户端从 t = ${gap} ms 起每隔 ${gap} ms 依次发起连接（阻塞 connect()）；单向时延 1 ms。`,
    ),
    acceptText,
    knobList(knobs),
    L(`Look at the state at **t = ${until} ms**.`, `考察 **t = ${until} ms** 时的状态。`),
  );

  const firstDrop = trace.events.find((e) => e.kind === "segment" && e.cause === "accept-queue-full");
  const lastOk = rets.filter((r) => r && r.errno === null).at(-1);
  const listenerWhy =
    profile === "linux"
      ? L(
          `Send-Q of a listener is its effective backlog min(backlog, somaxconn)${B < 0 ? " (listen(-1) is taken as unsigned, so it means somaxconn)" : ""} = ${sendQ}; Linux calls the accept queue full only when its length is greater than that, so it holds ${sendQ}+1 connections (kernel-fact 04a, 04b).`,
          `监听 socket 的 Send-Q 是有效 backlog = min(backlog, somaxconn)${B < 0 ? "（listen(-1) 按无符号数处理，即 somaxconn）" : ""} = ${sendQ}；Linux 只有在全连接队列长度大于它时才认为队列已满，所以能容纳 ${sendQ}+1 个连接（kernel-fact 04a、04b）。`,
        )
      : L(`RFC profile: the accept queue holds exactly the backlog (${sendQ}).`, `RFC 模型：全连接队列恰好容纳 backlog 个连接（${sendQ}）。`);
  const dropWhy =
    profile === "linux"
      ? L(
          "When the accept queue is full, Linux drops the SYN silently (ListenOverflows); the client stays in SYN-SENT and retransmits its SYN after 1 s. accept() is not needed for connect() to succeed: the kernel completes the handshake and queues the connection.",
          "全连接队列满时，Linux 静默丢弃 SYN（ListenOverflows 计数）；客户端停在 SYN-SENT，1 秒后重传 SYN。connect() 成功并不需要 accept()：握手由内核完成，连接放入队列。",
        )
      : L(
          "When the accept queue is full the SYN is not answered; the client stays in SYN-SENT and retransmits after its 1 s initial RTO. accept() is not needed for connect() to succeed: the handshake completes in the kernel and the connection waits in the queue.",
          "全连接队列满时 SYN 得不到回应；客户端停在 SYN-SENT，在 1 秒的初始 RTO 后重传。connect() 成功并不需要 accept()：握手在内核中完成，连接在队列中等待。",
        );
  const seqOf = (e: { seqNo: number } | undefined) => (e ? { eventSeqNo: e.seqNo } : {});
  const checks = [
    numberCheck("connected", L("connect() calls that succeeded", "成功的 connect() 数"), connected, { why: L(`${listenerWhy.en} ${dropWhy.en}`, `${listenerWhy.zh}${dropWhy.zh}`), ...seqOf(firstDrop ?? lastOk) }),
    numberCheck("serverEstab", L("ESTABLISHED sockets on the server", "服务端 ESTABLISHED socket 数"), serverEstab, {
      why: L("Accepted connections plus those waiting in the accept queue are all ESTABLISHED.", "已 accept 的连接和在全连接队列中等待的连接都处于 ESTABLISHED。"),
    }),
    numberCheck("synSent", L("clients still in SYN-SENT", "仍处于 SYN-SENT 的客户端数"), synSent, { why: dropWhy, ...seqOf(firstDrop) }),
    numberCheck("recvQ", L("listener Recv-Q", "监听 socket Recv-Q"), recvQ, {
      why: L("For a listener, Recv-Q is the current accept-queue length: connections established but not yet accept()ed.", "对监听 socket 而言，Recv-Q 是当前全连接队列的长度：已建立但尚未被 accept() 的连接数。"),
    }),
    numberCheck("sendQ", L("listener Send-Q", "监听 socket Send-Q"), sendQ, { why: listenerWhy }),
  ];

  const explanation = paragraphs(
    L(
      `At t = ${until} ms: ${connected} of ${M} connect() calls have returned 0, ${serverEstab} server sockets are ESTABLISHED, ${synSent} clients are in SYN-SENT; \`ss -ltn\` shows Recv-Q ${recvQ}, Send-Q ${sendQ}.`,
      `t = ${until} ms 时：${M} 个 connect() 中有 ${connected} 个已返回 0，服务端有 ${serverEstab} 个 ESTABLISHED socket，${synSent} 个客户端处于 SYN-SENT；\`ss -ltn\` 显示 Recv-Q ${recvQ}、Send-Q ${sendQ}。`,
    ),
    listenerWhy,
    dropWhy,
    firstDrop ? L(`The first dropped SYN is at t = ${fmtMs(firstDrop.t)} ms.`, `第一个被丢弃的 SYN 在 t = ${fmtMs(firstDrop.t)} ms。`) : undefined,
  );

  const wrong: Answer[] = [];
  if (recvQ >= 1 && connected >= 1) wrong.push({ ...answer, connected: connected - 1, serverEstab: Math.max(0, serverEstab - 1), synSent: synSent + 1, recvQ: recvQ - 1 });
  wrong.push({ ...answer, connected: k, serverEstab: k, synSent: M - k, recvQ: 0 }); // "accept() is needed to connect"
  if (B >= 0 && B !== sendQ) wrong.push({ ...answer, sendQ: B }); // somaxconn clamp ignored
  if (recvQ !== sendQ) wrong.push({ ...answer, recvQ: sendQ }); // "Recv-Q is the backlog"
  if (connected !== M) wrong.push({ ...answer, connected: M, synSent: 0 }); // "connect() always succeeds"
  wrong.push({ ...answer, serverEstab: serverEstab - recvQ === serverEstab ? serverEstab + 1 : serverEstab - recvQ }); // "only accepted sockets are ESTABLISHED"

  return fromRun(trace, { text, inputs }, { answer, checks, explanation, wrong, facets: { backlog: B, somaxconn, clients: M, acceptedFirst: k } });
}

export const backlog = defineFamily({
  id: "backlog",
  topic: "backlog",
  linkTitle: { en: "Listen backlog and queue overflow", zh: "listen 队列与队列溢出" },
  version: 1,
  variety: { prompts: 700, answers: 150 },
  title: L("The listen backlog", "listen 的 backlog"),
  description: L(
    "listen(B) with somaxconn S, an application that accepts k, M clients: which connect() calls succeed, server states, and `ss -ltn` Recv-Q/Send-Q.",
    "listen(B)、somaxconn S、应用 accept k 个、M 个客户端：哪些 connect() 成功、服务端状态，以及 `ss -ltn` 的 Recv-Q/Send-Q。",
  ),
  configSchema,
  build,
});
