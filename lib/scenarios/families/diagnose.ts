/**
 * Family 13 — diagnose a live server (lesson 8): the student sees what an on-call engineer
 * would collect during a generated incident — `ss` output, `nstat` counters, an application
 * error, a short capture — and names the cause and the fix.
 *
 * Every line of evidence is read from the simulated trace (snapshotAt, trace.counters, the
 * segments), so what the student sees is what Linux would show for that incident:
 * @see kernel-facts 04a (accept queue full: SYNs dropped, ListenOverflows), 04b (ss -lnt Send-Q)
 * @see net/ipv4/tcp_input.c tcp_conn_request() (SYN cookies when the SYN queue is full)
 * @see net/ipv4/tcp.c __tcp_close() (unread data at close(): RST, TCPAbortOnClose)
 * @see net/ipv4/inet_hashtables.c __inet_hash_connect() (no free 4-tuple: EADDRNOTAVAIL)
 */
import { z } from "zod";
import { formatSegment, formatSsLine, snapshotAt, type CounterName, type SegmentEvent, type Trace } from "@/lib/tcp";
import type { Answer } from "../answer";
import { pickPort } from "../base";
import { choiceCheck } from "../checks";
import { defineFamily, familyConfigSchema, fromRun, type Draft } from "../define";
import { createRng, type Rng } from "../rng";
import { choices, L, paragraphs } from "../text";
import { fmtMs, run, ScriptBuilder, segments } from "../trace-query";
import type { Localized } from "@/lib/core";
import type { InputSpec } from "../types";

export const INCIDENTS = ["accept-queue", "syn-flood", "close-wait", "port-exhaustion", "abortive-close"] as const;
export type Incident = (typeof INCIDENTS)[number];

const configSchema = familyConfigSchema({ incidents: z.array(z.enum(INCIDENTS)).min(1).optional() }).strict();
export type DiagnoseConfig = z.infer<typeof configSchema>;

export const CAUSES = choices<Incident>({
  "accept-queue": L("The application does not accept() fast enough: the accept queue is full", "应用 accept() 得不够快：全连接队列满了"),
  "syn-flood": L("A SYN flood from spoofed addresses is filling the SYN queue", "来自伪造地址的 SYN 洪水正在填满半连接队列"),
  "close-wait": L("The application never calls close() after the peer has hung up", "对端挂断之后，应用从不调用 close()"),
  "port-exhaustion": L("Short outgoing connections sit in TIME-WAIT and use up the local ports", "短连接停在 TIME-WAIT，耗尽了本地端口"),
  "abortive-close": L("The server closes sockets with unread request bytes, so it sends RST", "服务器关闭 socket 时还有未读的请求数据，于是发出 RST"),
});

export const FIXES = choices<Incident>({
  "accept-queue": L("Make the accept loop keep up; raise the backlog together with somaxconn", "让 accept 循环跟上；同时调大 backlog 和 somaxconn"),
  "syn-flood": L("Keep tcp_syncookies on and filter the flood upstream of the server", "保持 tcp_syncookies 开启，并在服务器上游过滤洪水"),
  "close-wait": L("Close the socket on EOF and on every error path, with idle timeouts", "读到 EOF 和每条出错路径上都关闭 socket，并设置空闲超时"),
  "port-exhaustion": L("Reuse connections (keep-alive, a pool) or widen the 4-tuple space", "复用连接（keep-alive、连接池），或扩大四元组空间"),
  "abortive-close": L("Read the whole request before close(), or shut down writing and drain", "close() 之前读完整个请求，或先关闭写方向再把数据读完"),
});

const HOSTS = (clientPorts?: [number, number]) => [
  { name: "client", ip: "10.0.0.1", ...(clientPorts ? { sysctl: { ip_local_port_range: clientPorts } } : {}) },
  { name: "server", ip: "10.0.0.2" },
];

type IncidentScript = { trace: Trace; at: number; host: "client" | "server"; port: number; appLog?: Localized; lines: number };

function server(s: ScriptBuilder, port: number, backlog: number) {
  s.add({ at: 0, host: "server", sock: "l", call: "bind", port });
  s.add({ at: 0, host: "server", sock: "l", call: "listen", backlog });
}

/** A server (backlog 128) that accepts n connections, the i-th at t = 1 + i ms as `s${i}` (step `a${i}`), each followed by `serve(i)`. */
function serveEach(s: ScriptBuilder, port: number, n: number, serve: (i: number) => void) {
  server(s, port, 128);
  for (let i = 0; i < n; i++) {
    s.add({ id: `a${i}`, at: 1 + i, host: "server", sock: "l", call: "accept", as: `s${i}` });
    serve(i);
  }
}

/** The application stops calling accept(): more clients than backlog + 1 connect (facts 04a). */
function acceptQueue(rng: Rng, seed: number, port: number): IncidentScript {
  const backlog = rng.int(1, 8);
  const clients = backlog + 1 + rng.int(3, 8);
  const gap = rng.pick([10, 20, 30, 50]);
  const s = new ScriptBuilder();
  server(s, port, backlog);
  for (let i = 0; i < clients; i++) s.add({ at: 10 + i * gap, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}`, nonblocking: true });
  const at = rng.pick([2500, 3500, 4500]);
  const trace = run({ seed, hosts: HOSTS(), link: { latencyMs: rng.pick([1, 5, 10]) }, script: s.steps, untilMs: at + 100 });
  return { trace, at, host: "server", port, lines: 6 };
}

/** Spoofed SYNs (198.18.0.0/15) at a rate the SYN queue cannot hold; cookies on (the default). */
function synFlood(rng: Rng, seed: number, port: number): IncidentScript {
  const backlog = rng.pick([16, 32, 64]);
  const count = backlog * rng.int(3, 5);
  const s = new ScriptBuilder();
  server(s, port, backlog);
  s.add({ at: 1, host: "server", sock: "l", call: "accept", as: "s" });
  s.add({ at: 150, host: "client", sock: "c", call: "connect", to: `server:${port}` });
  const at = rng.pick([300, 400, 500]);
  const trace = run({
    seed,
    hosts: HOSTS(),
    link: { latencyMs: 5 },
    flood: { target: "server", port, count, ratePerSec: rng.pick([1000, 2000]), startMs: 0 },
    script: s.steps,
    untilMs: at + 50,
  });
  return { trace, at, host: "server", port, lines: 5 };
}

/** The server answers each request, then waits for another that never comes and never closes. */
function closeWait(rng: Rng, seed: number, port: number): IncidentScript {
  const n = rng.int(4, 9);
  const s = new ScriptBuilder();
  serveEach(s, port, n, (i) => {
    s.add({ id: `r${i}`, after: `a${i}`, host: "server", sock: `s${i}`, call: "recv" });
    s.add({ id: `w${i}`, after: `r${i}`, host: "server", sock: `s${i}`, call: "send", bytes: rng.int(100, 900) });
    s.add({ id: `c${i}`, at: 10 + 40 * i, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}` });
    s.add({ id: `q${i}`, after: `c${i}`, host: "client", sock: `c${i}`, call: "send", bytes: rng.int(20, 200) });
    s.add({ id: `p${i}`, after: `q${i}`, host: "client", sock: `c${i}`, call: "recv" });
    s.add({ after: `p${i}`, delayMs: 10, host: "client", sock: `c${i}`, call: "close" });
  });
  const at = rng.pick([2000, 5000, 8000]);
  const trace = run({ seed, hosts: HOSTS(), link: { latencyMs: 2 }, script: s.steps, untilMs: at + 100 });
  return { trace, at, host: "server", port, lines: 6 };
}

/** A client opens short connections to one server and closes first: TIME-WAIT pins every port. */
function portExhaustion(rng: Rng, seed: number, port: number): IncidentScript {
  const ports = rng.int(3, 6);
  const lo = rng.pick([40000, 50000, 32768]);
  const n = ports + rng.int(1, 3);
  const s = new ScriptBuilder();
  serveEach(s, port, n, (i) => {
    s.add({ id: `r${i}`, after: `a${i}`, host: "server", sock: `s${i}`, call: "recv" });
    s.add({ id: `e${i}`, after: `r${i}`, host: "server", sock: `s${i}`, call: "recv" });
    s.add({ after: `e${i}`, host: "server", sock: `s${i}`, call: "close" });
    s.add({ id: `c${i}`, at: 10 + 100 * i, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}` });
    s.add({ id: `q${i}`, after: `c${i}`, host: "client", sock: `c${i}`, call: "send", bytes: 32 });
    s.add({ after: `q${i}`, delayMs: 20, host: "client", sock: `c${i}`, call: "close" });
  });
  const at = 10 + 100 * n + 50;
  const trace = run({ seed, hosts: HOSTS([lo, lo + ports - 1]), link: { latencyMs: 2 }, script: s.steps, untilMs: at + 100 });
  const failed = trace.events.filter((e) => e.kind === "return" && e.call === "connect" && e.errno === "EADDRNOTAVAIL").length;
  const appLog = L(
    `client application log: ${failed} × connect() to 10.0.0.2:${port} failed: EADDRNOTAVAIL (Cannot assign requested address)`,
    `客户端应用日志：${failed} 次 connect() 到 10.0.0.2:${port} 失败：EADDRNOTAVAIL（Cannot assign requested address）`,
  );
  return { trace, at, host: "client", port, appLog, lines: 8 };
}

/** The server answers an error and closes without reading the request: close() sends RST. */
function abortiveClose(rng: Rng, seed: number, port: number): IncidentScript {
  const n = rng.int(3, 6);
  const s = new ScriptBuilder();
  serveEach(s, port, n, (i) => {
    s.add({ id: `sw${i}`, after: `a${i}`, delayMs: 15, host: "server", sock: `s${i}`, call: "send", bytes: rng.int(40, 200) });
    s.add({ after: `sw${i}`, host: "server", sock: `s${i}`, call: "close" });
    s.add({ id: `c${i}`, at: 10 + 50 * i, host: "client", sock: `c${i}`, call: "connect", to: `server:${port}` });
    s.add({ after: `c${i}`, host: "client", sock: `c${i}`, call: "send", bytes: rng.int(100, 600) });
  });
  const at = 10 + 50 * n + 100;
  const trace = run({ seed, hosts: HOSTS(), link: { latencyMs: 5 }, script: s.steps, untilMs: at + 100 });
  return { trace, at, host: "server", port, lines: 6 };
}

const BUILDERS: Record<Incident, (rng: Rng, seed: number, port: number) => IncidentScript> = {
  "accept-queue": acceptQueue,
  "syn-flood": synFlood,
  "close-wait": closeWait,
  "port-exhaustion": portExhaustion,
  "abortive-close": abortiveClose,
};

/** The counters an on-call engineer greps for (nstat -az prints zeros too). */
export const WATCHED: CounterName[] = [
  "TcpExtListenOverflows",
  "TcpExtListenDrops",
  "TcpExtSyncookiesSent",
  "TcpExtTCPReqQFullDoCookies",
  "TcpExtTCPSynRetrans",
  "TcpExtTCPTimeouts",
  "TcpExtTCPAbortOnClose",
  "TcpExtTCPAbortOnData",
  "TcpOutRsts",
  "TcpEstabResets",
];

/** `ss -lnt`, `ss -tan` (first lines), `nstat` and a capture, all read from the trace at `at`. */
export function evidence(x: IncidentScript): { en: string; zh: string } {
  const { trace, at, host, port } = x;
  const socks = snapshotAt(trace, at).filter((s) => s.host === host);
  const listeners = socks.filter((s) => s.state === "LISTEN");
  const conns = socks.filter((s) => s.state !== "LISTEN" && s.state !== "CLOSED");
  const shown = conns.slice(0, x.lines).map(formatSsLine);
  const more = conns.length - shown.length;
  const counters = trace.counters[host];
  const nstat = WATCHED.map((c) => `${c.padEnd(28)}${String(counters?.[c] ?? 0).padStart(6)}`);
  // tcpdump on the host sees what reaches its interface, including SYNs its listener then drops.
  const segs = segments(trace).filter((g) => g.t <= at && (g.from === host || g.to === host));
  const sent = (g: SegmentEvent) => `${fmtMs(g.t).padStart(8)}  ${formatSegment(g)}`;
  const capture = segs.slice(-6).map(sent);
  const ssBlock = (more0: string) =>
    [
      "```text",
      ...(listeners.length ? [`$ ss -lnt 'sport = :${port}'`, "State Recv-Q Send-Q Local Address:Port Peer Address:Port", ...listeners.map(formatSsLine)] : []),
      "$ ss -tan",
      ...shown,
      ...(more > 0 ? [more0] : []),
      "```",
    ].join("\n");
  const rest = [
    "```text",
    `$ nstat -az ${WATCHED.join(" ")}`,
    ...nstat,
    `$ tcpdump -n 'tcp port ${port}'   # ${host}, last segments before t = ${fmtMs(at)} ms`,
    ...capture,
    "```",
  ].join("\n");
  const title = (h: string) => L(`On the **${h}**, at t = ${fmtMs(at)} ms:`, `在**${h === "server" ? "服务端" : "客户端"}**上，t = ${fmtMs(at)} ms 时：`);
  const t = title(host);
  return {
    en: [t.en, x.appLog?.en ?? "", ssBlock(`… ${more} more`), rest].filter(Boolean).join("\n\n"),
    zh: [t.zh, x.appLog?.zh ?? "", ssBlock(`… 另有 ${more} 行`), rest].filter(Boolean).join("\n\n"),
  };
}

const WHY: Record<Incident, Localized> = {
  "accept-queue": L(
    "The listener's Recv-Q has reached Send-Q + 1 (Linux keeps backlog + 1, facts 04a/04b), ListenOverflows and ListenDrops count the SYNs it dropped, and the capture shows SYNs retransmitted with no SYN-ACK: the kernel is fine, the application is not taking connections off the queue.",
    "监听 socket 的 Recv-Q 已达到 Send-Q + 1（Linux 保留 backlog + 1 个，facts 04a/04b），ListenOverflows 和 ListenDrops 记录了被丢弃的 SYN，抓包里是得不到 SYN-ACK 的重传 SYN：内核没问题，是应用没有把连接从队列里取走。",
  ),
  "syn-flood": L(
    "Many SYN-RECV entries from scattered 198.18.0.0/15 addresses whose SYN-ACKs are never answered, and SyncookiesSent / TCPReqQFullDoCookies climbing: the SYN queue is full of spoofed requests and the kernel has switched to SYN cookies, so real clients still connect.",
    "大量来自分散的 198.18.0.0/15 地址的 SYN-RECV 条目，它们的 SYN-ACK 从未得到回应，同时 SyncookiesSent / TCPReqQFullDoCookies 在增长：半连接队列被伪造请求塞满，内核已改用 SYN cookie，真实客户端仍能连上。",
  ),
  "close-wait": L(
    "CLOSE-WAIT sockets pile up and none of the counters move: each peer sent its FIN, the kernel ACKed it, and the application never called close(). Only the application can end CLOSE-WAIT; there is no timer for it (RFC 9293 §3.6).",
    "CLOSE-WAIT socket 越积越多，而计数器都没动：每个对端都发了 FIN，内核也确认了，但应用始终没有调用 close()。只有应用能结束 CLOSE-WAIT，内核没有为它设定时器（RFC 9293 §3.6）。",
  ),
  "port-exhaustion": L(
    "The client closed first, so every connection left a 60 s TIME-WAIT on its local port; with source IP, destination IP and port fixed, only ip_local_port_range varies, and once every port is pinned connect() fails with EADDRNOTAVAIL.",
    "客户端先关闭，所以每条连接都在它的本地端口上留下 60 秒的 TIME-WAIT；源 IP、目的 IP 和端口都固定时，能变的只有 ip_local_port_range，所有端口都被占住后，connect() 就以 EADDRNOTAVAIL 失败。",
  ),
  "abortive-close": L(
    "The capture shows each response followed at once by [RST,ACK] from the server, and TCPAbortOnClose / TcpOutRsts count them: close() with unread bytes in the receive queue sends RST instead of FIN (RFC 2525 §2.17, tcp_close()).",
    "抓包显示每个响应之后紧跟着服务器发出的 [RST,ACK]，TCPAbortOnClose / TcpOutRsts 也在计数：接收队列里还有未读数据时，close() 发的是 RST 而不是 FIN（RFC 2525 §2.17，tcp_close()）。",
  ),
};

/** Difficulty 1 offers the incidents with the loudest evidence; 3 adds the quieter ones. */
const BY_DIFFICULTY: Record<1 | 2 | 3, readonly Incident[]> = {
  1: ["accept-queue", "syn-flood", "close-wait"],
  2: INCIDENTS,
  3: INCIDENTS,
};

function build(seed: number, cfg: DiagnoseConfig): Draft {
  const rng = createRng(seed);
  const incident = rng.pick(cfg.incidents ?? BY_DIFFICULTY[cfg.difficulty]);
  const port = pickPort(rng);
  const x = BUILDERS[incident](rng, seed, port);
  const ev = evidence(x);
  const answer: Answer = { cause: incident, fix: incident };
  const inputs: InputSpec[] = [
    { kind: "choice", id: "cause", label: L("What is going on?", "发生了什么？"), options: CAUSES },
    { kind: "choice", id: "fix", label: L("What fixes it?", "怎样解决？"), options: FIXES },
  ];
  const text = paragraphs(
    L(
      `Users report trouble with the service on port ${port}. You log in and collect the usual evidence (Linux 6.x defaults unless shown otherwise).`,
      `用户反映端口 ${port} 上的服务出了问题。你登录上去，收集了常规的证据（除非另有说明，均为 Linux 6.x 默认设置）。`,
    ),
    ev,
    L("Name the cause and the fix.", "说出原因和解决办法。"),
  );
  const checks = [
    choiceCheck("cause", L("cause", "原因"), incident, CAUSES, { why: WHY[incident] }),
    choiceCheck("fix", L("fix", "解决办法"), incident, FIXES, { why: WHY[incident] }),
  ];
  const explanation = paragraphs(WHY[incident], L(`Fix: ${FIXES.find((f) => f.id === incident)?.label.en}.`, `解决：${FIXES.find((f) => f.id === incident)?.label.zh}。`));
  // The usual confusions: an overflowing accept queue read as a flood and back; CLOSE-WAIT and
  // TIME-WAIT mixed up; any cause with the right fix for a neighbour.
  const confusion: Record<Incident, Incident> = {
    "accept-queue": "syn-flood",
    "syn-flood": "accept-queue",
    "close-wait": "port-exhaustion",
    "port-exhaustion": "close-wait",
    "abortive-close": "close-wait",
  };
  const other = confusion[incident];
  const wrong: Answer[] = [
    { cause: other, fix: other },
    { cause: incident, fix: other },
    { cause: other, fix: incident },
  ];
  return fromRun(x.trace, { text, inputs }, { answer, checks, explanation, wrong, facets: { incident } });
}

export const diagnose = defineFamily({
  id: "diagnose",
  topic: "diagnose",
  linkTitle: { en: "Diagnose a live server from ss, nstat and a capture", zh: "根据 ss、nstat 和抓包诊断线上服务器" },
  version: 1,
  // Five incidents, each with its cause and fix: the variety is in the evidence, not the answer.
  variety: { prompts: 700, answers: 5 },
  title: L("Diagnose a live server", "诊断一台线上服务器"),
  description: L(
    "From ss, nstat and a short capture of a generated incident, name the cause (accept queue, SYN flood, CLOSE-WAIT leak, port exhaustion, abortive close) and the fix.",
    "根据一次生成的故障中的 ss、nstat 输出和一小段抓包，说出原因（全连接队列、SYN 洪水、CLOSE-WAIT 泄漏、端口耗尽、中止式关闭）和解决办法。",
  ),
  configSchema,
  build,
});
