/**
 * Words and number formats used inside diagrams and event tables. This module is pure (no
 * next-intl) so the layout can run anywhere (server components, tests, route handlers); both
 * languages live side by side so they cannot drift apart.
 */
import type { Locale } from "@/lib/core/locale";
import type { CallName, ReturnEvent, SegmentEvent, StateCause, TimerName } from "@/lib/tcp";
import { endpoint } from "@/lib/tcp/addr";

type Words = {
  kind: Record<"segment" | "state" | "call" | "return" | "timer" | "note", string>;
  dropped: string;
  droppedBy: Record<string, string>;
  duplicated: string;
  delayed: string;
  retransmission: string;
  inFlight: string;
  noHost: string;
  spoofed: string;
  timer: Record<TimerName, string>;
  timerAction: Record<"set" | "fire" | "cancel", string>;
  cause: Record<StateCause, string>;
  retries: (n: number) => string;
  blocked: (d: string) => string;
  gap: (d: string) => string;
  cutAt: (d: string) => string;
  notDrawn: (n: number) => string;
  moreRows: (n: number) => string;
  truncated: string;
  stateChange: (from: string, to: string) => string;
  hostCol: string;
  timeCol: string;
  eventCol: string;
  detailsCol: string;
  describe: (hosts: string[], segments: number, dropped: number, endsAt: string) => string;
  finalStates: string;
  accepted: (as: string, id: string) => string;
  received: (data: string) => string;
  eof: string;
};

const en: Words = {
  kind: { segment: "segment", state: "state", call: "call", return: "return", timer: "timer", note: "note" },
  dropped: "dropped",
  droppedBy: {
    fault: "lost (fault)",
    "accept-queue-full": "dropped: accept queue full",
    "syn-queue-full": "dropped: SYN queue full",
    "syn-backlog-quarter": "dropped: last quarter of tcp_max_syn_backlog",
    "no-host": "no host at this address",
    "listener-closed": "listener closed",
    duplicate: "duplicate copy",
  },
  duplicated: "duplicated",
  delayed: "delayed",
  retransmission: "retransmission",
  inFlight: "in flight",
  noHost: "no host",
  spoofed: "spoofed sources",
  timer: {
    syn: "SYN retransmission timer",
    synack: "SYN-ACK retransmission timer",
    retransmit: "retransmission timer",
    "loss-probe": "tail loss probe timer",
    delack: "delayed-ACK timer",
    "fin-wait-2": "FIN-WAIT-2 timer",
    "time-wait": "TIME-WAIT timer",
  },
  timerAction: { set: "set", fire: "fired", cancel: "cancelled" },
  cause: {
    socket: "socket()",
    listen: "listen()",
    connect: "connect() sent SYN",
    "rcv-syn": "received SYN",
    "rcv-synack": "received SYN-ACK",
    "rcv-ack": "received ACK",
    "rcv-fin": "received FIN",
    "rcv-rst": "received RST",
    close: "close()",
    shutdown: "shutdown()",
    abort: "aborted (RST sent)",
    timeout: "retransmissions gave up",
    "fin-wait-2-timeout": "FIN-WAIT-2 timeout (tcp_fin_timeout)",
    "time-wait-expired": "TIME-WAIT expired",
    "synack-timeout": "SYN-ACK retransmissions gave up",
    "accept-queue-overflow": "accept queue overflow (tcp_abort_on_overflow)",
  },
  retries: (n) => `retry ${n}`,
  blocked: (d) => `blocked ${d}`,
  gap: (d) => `… ${d} …`,
  cutAt: (d) => `shown until ${d}`,
  notDrawn: (n) => `${n} more events not drawn (see the table)`,
  moreRows: (n) => `${n} more events not listed.`,
  truncated: "The simulation stopped at its event or time bound.",
  stateChange: (from, to) => `${from} → ${to}`,
  hostCol: "Host",
  timeCol: "Time",
  eventCol: "Event",
  detailsCol: "Details",
  describe: (hosts, segments, dropped, endsAt) =>
    `Sequence diagram of ${hosts.join(", ")}: ${segments} segment${segments === 1 ? "" : "s"}` +
    (dropped ? `, ${dropped} of them lost or dropped` : "") +
    `, until ${endsAt}. Time runs downwards; long idle gaps are shortened.`,
  finalStates: "Final states",
  accepted: (as, id) => `accepted as ${as} (${id})`,
  received: (data) => `read "${data}"`,
  eof: "EOF",
};

const zh: Words = {
  kind: { segment: "报文段", state: "状态", call: "调用", return: "返回", timer: "定时器", note: "说明" },
  dropped: "丢弃",
  droppedBy: {
    fault: "丢失（故障注入）",
    "accept-queue-full": "被丢弃：全连接队列已满",
    "syn-queue-full": "被丢弃：半连接队列已满",
    "syn-backlog-quarter": "被丢弃：tcp_max_syn_backlog 的最后四分之一保留",
    "no-host": "该地址没有主机",
    "listener-closed": "监听 socket 已关闭",
    duplicate: "重复的副本",
  },
  duplicated: "重复",
  delayed: "延迟",
  retransmission: "重传",
  inFlight: "传输中",
  noHost: "无主机",
  spoofed: "伪造源地址",
  timer: {
    syn: "SYN 重传定时器",
    synack: "SYN-ACK 重传定时器",
    retransmit: "重传定时器",
    "loss-probe": "尾部丢包探测定时器",
    delack: "延迟 ACK 定时器",
    "fin-wait-2": "FIN-WAIT-2 定时器",
    "time-wait": "TIME-WAIT 定时器",
  },
  timerAction: { set: "启动", fire: "超时", cancel: "取消" },
  cause: {
    socket: "socket()",
    listen: "listen()",
    connect: "connect() 发出 SYN",
    "rcv-syn": "收到 SYN",
    "rcv-synack": "收到 SYN-ACK",
    "rcv-ack": "收到 ACK",
    "rcv-fin": "收到 FIN",
    "rcv-rst": "收到 RST",
    close: "close()",
    shutdown: "shutdown()",
    abort: "异常终止（发出 RST）",
    timeout: "重传次数用尽",
    "fin-wait-2-timeout": "FIN-WAIT-2 超时（tcp_fin_timeout）",
    "time-wait-expired": "TIME-WAIT 结束",
    "synack-timeout": "SYN-ACK 重传次数用尽",
    "accept-queue-overflow": "全连接队列溢出（tcp_abort_on_overflow）",
  },
  retries: (n) => `第 ${n} 次重传`,
  blocked: (d) => `阻塞 ${d}`,
  gap: (d) => `… ${d} …`,
  cutAt: (d) => `只显示到 ${d}`,
  notDrawn: (n) => `还有 ${n} 个事件未画出（见下表）`,
  moreRows: (n) => `还有 ${n} 个事件未列出。`,
  truncated: "模拟在事件数或时间上限处停止。",
  stateChange: (from, to) => `${from} → ${to}`,
  hostCol: "主机",
  timeCol: "时间",
  eventCol: "事件",
  detailsCol: "详情",
  describe: (hosts, segments, dropped, endsAt) =>
    `${hosts.join("、")} 之间的时序图：共 ${segments} 个报文段` +
    (dropped ? `，其中 ${dropped} 个丢失或被丢弃` : "") +
    `，直到 ${endsAt}。时间自上而下；较长的空闲间隔已压缩。`,
  finalStates: "最终状态",
  accepted: (as, id) => `接受为 ${as}（${id}）`,
  received: (data) => `读到 "${data}"`,
  eof: "EOF（对端已关闭）",
};

export function words(locale: Locale): Words {
  return locale === "zh" ? zh : en;
}

/** Trims trailing zeros: 1.500 → "1.5", 60.000 → "60". */
function trimmed(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, "");
}

/**
 * A simulated time (ms) for people: below one second in ms with µs precision, above it in s.
 * The engine counts whole microseconds (lib/tcp/README.md "Units"), so 3 decimals of ms and
 * 6 of s lose nothing.
 */
export function formatTime(ms: number): string {
  if (Math.abs(ms) < 1000) return `${trimmed(ms, 3)} ms`;
  return `${trimmed(ms / 1000, 6)} s`;
}

/** A duration rounded for a glance (gap markers): "40 ms", "1 s", "59.9 s", "2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${trimmed(ms, 3)} ms`;
  if (ms < 1000) return `${trimmed(ms, 1)} ms`;
  if (ms < 120_000) return `${trimmed(ms / 1000, 1)} s`;
  return `${trimmed(ms / 60_000, 1)} min`;
}

/** `[SYN,ACK] seq=y ack=x+1` (+ ` len=5`), the notation of the kernel facts. */
export function segmentText(ev: Pick<SegmentEvent, "flags" | "label" | "len">): string {
  return `[${ev.flags.join(",")}] ${ev.label}${ev.len ? ` len=${ev.len}` : ""}`;
}

/**
 * The handshake options of a SYN or SYN-ACK in the facts' short form, with its window:
 * `win 65495 · mss 65495,sackOK,TS,wscale 10`. Empty for other segments (their only option is
 * the timestamp) and for segments without options.
 */
export function synOptionsText(ev: Pick<SegmentEvent, "flags" | "options" | "win">): string {
  if (!ev.flags.includes("SYN") || !ev.options) return "";
  const opts = ev.options
    .split(",")
    .filter((o) => o !== "nop")
    .map((o) => (o.startsWith("TS ") ? "TS" : o))
    .join(",");
  return `win ${ev.win} · ${opts}`;
}

/** A call as a programmer would write it: `listen(128)`, `connect(server:80)`, `close()`. */
export function callText(call: CallName, args: Record<string, string | number | boolean | null>): string {
  const shown: string[] = [];
  switch (call) {
    case "bind":
      // bind(::1, 5002) reads as "[::1]:5002", the way ss and the trace write IPv6 endpoints.
      shown.push(typeof args.ip === "string" ? endpoint(args.ip, Number(args.port ?? 0)) : String(args.port ?? 0));
      break;
    case "listen":
      shown.push(String(args.backlog ?? ""));
      break;
    case "connect":
      shown.push(String(args.to ?? ""));
      break;
    case "setsockopt":
      shown.push(String(args.opt ?? ""));
      if (args.opt === "SO_LINGER") shown.push(`{${args.value ? 1 : 0}, ${args.linger ?? 0}}`);
      else if (args.value !== undefined) shown.push(args.value ? "1" : "0");
      break;
    case "getsockopt":
      shown.push(String(args.opt ?? ""));
      break;
    case "send":
      if (typeof args.data === "string") shown.push(JSON.stringify(args.data.length > 16 ? `${args.data.slice(0, 15)}…` : args.data));
      else if (args.bytes !== undefined && args.bytes !== null) shown.push(`${args.bytes} B`);
      break;
    case "recv":
      break;
    case "shutdown":
      shown.push(String(args.how ?? ""));
      break;
    case "sysctl":
      shown.push(`${args.key}=${args.value}`);
      break;
    case "socket":
      if (typeof args.family === "string") shown.push(args.family, "SOCK_STREAM", "0");
      break;
    case "accept":
    case "close":
      break;
  }
  if (args.nonblocking === true) shown.push("O_NONBLOCK");
  return `${call}(${shown.join(", ")})`;
}

/** `= 0`, `= 5`, `= -1 ECONNREFUSED` — what the program sees. */
export function returnText(ev: Pick<ReturnEvent, "value" | "errno">): string {
  return ev.errno ? `= -1 ${ev.errno}` : `= ${ev.value ?? 0}`;
}
