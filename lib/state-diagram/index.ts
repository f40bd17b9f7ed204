/**
 * The TCP connection state diagram as one data table: RFC 9293 §3.3.2 Figure 5 plus the
 * transitions Linux adds (resets, aborts, timeouts, SYN cookies), each with the simulator's
 * `StateCause`s that take it, and a fixed layout that draws it. Pure: no React, no DOM. The SVG
 * (components/sim/state-diagram.tsx), its text alternative (the transition table) and the
 * playback's lit transition all read this one table (issue #19 item 2).
 */
import type { BilingualText, StateCause, TcpState } from "@/lib/tcp/types";

export type TransitionSource = "rfc9293" | "linux";

export type TransitionEvent = {
  /** What happens, in Figure 5's "event / action" notation. */
  text: BilingualText;
  /** Simulator causes (lib/tcp/types.ts StateCause) that take this transition this way. */
  causes: StateCause[];
};

export type Transition = {
  id: string;
  from: TcpState;
  to: TcpState;
  source: TransitionSource;
  events: TransitionEvent[];
};

const ev = (en: string, zh: string, causes: StateCause[]): TransitionEvent => ({ text: { en, zh }, causes });
const RST_IN = ev("rcv RST", "收到 RST", ["rcv-rst"]);
const ABORT = ev("close() with unread data or SO_LINGER {1, 0} / snd RST", "有未读数据时 close() 或 SO_LINGER {1, 0} / 发送 RST", ["abort"]);

function t(from: TcpState, to: TcpState, source: TransitionSource, events: TransitionEvent[]): Transition {
  return { id: `${from}>${to}`, from, to, source, events };
}

/**
 * Every transition, RFC 9293 Figure 5 first (in the figure's order), then Linux's. Linux
 * sources: net/ipv4/tcp_input.c tcp_rcv_state_process (state changes on input, tcp_reset),
 * tcp_timer.c tcp_write_timeout / tcp_keepalive_timer (give-up timeouts, FIN-WAIT-2 of an
 * orphan), inet_connection_sock.c reqsk_timer_handler (SYN-ACK retries), syncookies.c
 * cookie_v4_check (a valid cookie creates an ESTABLISHED child from LISTEN), tcp.c
 * __tcp_close (RST instead of FIN on unread data or linger 0).
 */
export const TRANSITIONS: readonly Transition[] = [
  t("CLOSED", "LISTEN", "rfc9293", [ev("passive OPEN: listen() / create TCB", "被动打开：listen() / 创建 TCB", ["listen"])]),
  t("CLOSED", "SYN-SENT", "rfc9293", [ev("active OPEN: connect() / snd SYN", "主动打开：connect() / 发送 SYN", ["connect"])]),
  t("LISTEN", "CLOSED", "rfc9293", [ev("CLOSE / delete TCB", "CLOSE / 删除 TCB", ["close", "abort"])]),
  t("LISTEN", "SYN-RECEIVED", "rfc9293", [ev("rcv SYN / snd SYN,ACK", "收到 SYN / 发送 SYN,ACK", ["rcv-syn"])]),
  t("LISTEN", "SYN-SENT", "rfc9293", [ev("SEND / snd SYN (Linux refuses connect() on a listener)", "SEND / 发送 SYN（Linux 不允许对监听 socket connect()）", [])]),
  t("SYN-RECEIVED", "LISTEN", "rfc9293", [ev("rcv RST (Linux frees the request socket instead)", "收到 RST（Linux 直接释放请求 socket）", [])]),
  t("SYN-SENT", "SYN-RECEIVED", "rfc9293", [ev("rcv SYN / snd SYN,ACK (simultaneous open)", "收到 SYN / 发送 SYN,ACK（同时打开）", ["rcv-syn"])]),
  t("SYN-SENT", "CLOSED", "rfc9293", [
    ev("CLOSE / delete TCB", "CLOSE / 删除 TCB", ["close", "abort"]),
    ev("rcv RST,ACK: connect() fails with ECONNREFUSED (Linux)", "收到 RST,ACK：connect() 返回 ECONNREFUSED（Linux）", ["rcv-rst"]),
    ev("tcp_syn_retries exhausted: ETIMEDOUT (Linux)", "tcp_syn_retries 用尽：ETIMEDOUT（Linux）", ["timeout"]),
  ]),
  t("SYN-RECEIVED", "ESTABLISHED", "rfc9293", [ev("rcv ACK of SYN", "收到对 SYN 的 ACK", ["rcv-ack", "rcv-synack"])]),
  t("SYN-SENT", "ESTABLISHED", "rfc9293", [ev("rcv SYN,ACK / snd ACK", "收到 SYN,ACK / 发送 ACK", ["rcv-synack"])]),
  t("SYN-RECEIVED", "FIN-WAIT-1", "rfc9293", [ev("CLOSE / snd FIN", "CLOSE / 发送 FIN", ["close", "shutdown"])]),
  t("ESTABLISHED", "FIN-WAIT-1", "rfc9293", [ev("CLOSE: close() or shutdown(SHUT_WR) / snd FIN", "CLOSE：close() 或 shutdown(SHUT_WR) / 发送 FIN", ["close", "shutdown"])]),
  t("ESTABLISHED", "CLOSE-WAIT", "rfc9293", [ev("rcv FIN / snd ACK", "收到 FIN / 发送 ACK", ["rcv-fin"])]),
  t("FIN-WAIT-1", "FIN-WAIT-2", "rfc9293", [ev("rcv ACK of FIN", "收到对 FIN 的 ACK", ["rcv-ack"])]),
  t("FIN-WAIT-1", "CLOSING", "rfc9293", [ev("rcv FIN / snd ACK", "收到 FIN / 发送 ACK", ["rcv-fin"])]),
  t("CLOSE-WAIT", "LAST-ACK", "rfc9293", [ev("CLOSE / snd FIN", "CLOSE / 发送 FIN", ["close", "shutdown"])]),
  t("FIN-WAIT-2", "TIME-WAIT", "rfc9293", [ev("rcv FIN / snd ACK", "收到 FIN / 发送 ACK", ["rcv-fin"])]),
  t("CLOSING", "TIME-WAIT", "rfc9293", [ev("rcv ACK of FIN", "收到对 FIN 的 ACK", ["rcv-ack"])]),
  t("LAST-ACK", "CLOSED", "rfc9293", [ev("rcv ACK of FIN / delete TCB", "收到对 FIN 的 ACK / 删除 TCB", ["rcv-ack"]), { ...RST_IN, text: { en: "rcv RST (Linux)", zh: "收到 RST（Linux）" } }]),
  t("TIME-WAIT", "CLOSED", "rfc9293", [ev("timeout = 2 MSL (Linux: 60 s) / delete TCB", "超时 = 2 MSL（Linux：60 秒）/ 删除 TCB", ["time-wait-expired"])]),
  // Linux's own transitions (not in Figure 5).
  t("LISTEN", "ESTABLISHED", "linux", [ev("rcv ACK carrying a valid SYN cookie: the child is born ESTABLISHED", "收到带有效 SYN cookie 的 ACK：子 socket 直接进入 ESTABLISHED", ["rcv-ack"])]),
  t("SYN-RECEIVED", "CLOSED", "linux", [
    ev("tcp_synack_retries exhausted: request socket freed", "tcp_synack_retries 用尽：释放请求 socket", ["synack-timeout"]),
    ev("accept queue full, tcp_abort_on_overflow = 1 / snd RST", "全连接队列已满且 tcp_abort_on_overflow = 1 / 发送 RST", ["accept-queue-overflow"]),
    RST_IN,
    ev("listener closed / snd RST", "监听 socket 关闭 / 发送 RST", ["abort", "close"]),
  ]),
  t("ESTABLISHED", "CLOSED", "linux", [RST_IN, ABORT, ev("tcp_retries2 exhausted: ETIMEDOUT", "tcp_retries2 用尽：ETIMEDOUT", ["timeout"]), ev("accept queue full, tcp_abort_on_overflow = 1 / snd RST", "全连接队列已满且 tcp_abort_on_overflow = 1 / 发送 RST", ["accept-queue-overflow"])]),
  t("CLOSE-WAIT", "CLOSED", "linux", [RST_IN, ABORT, ev("retransmission limit reached", "重传次数用尽", ["timeout"])]),
  t("FIN-WAIT-1", "CLOSED", "linux", [RST_IN, ABORT, ev("tcp_orphan_retries exhausted", "tcp_orphan_retries 用尽", ["timeout"])]),
  t("FIN-WAIT-1", "TIME-WAIT", "linux", [ev("rcv FIN with the ACK of our FIN / snd ACK (RFC 9293 §3.10.7.4)", "收到同时确认我方 FIN 的 FIN / 发送 ACK（RFC 9293 §3.10.7.4）", ["rcv-fin"])]),
  t("FIN-WAIT-2", "CLOSED", "linux", [ev("orphan: tcp_fin_timeout (60 s) expires", "孤儿 socket：tcp_fin_timeout（60 秒）到期", ["fin-wait-2-timeout"]), RST_IN, ABORT]),
  t("CLOSING", "CLOSED", "linux", [RST_IN, ev("retransmission limit reached", "重传次数用尽", ["timeout"]), ABORT]),
];

/** The transition a state change took, or undefined when the table lacks it (a test forbids that). */
export function findTransition(from: TcpState, to: TcpState, cause?: StateCause): Transition | undefined {
  const candidates = TRANSITIONS.filter((x) => x.from === from && x.to === to);
  return candidates.find((x) => cause === undefined || x.events.some((e) => e.causes.includes(cause))) ?? candidates[0];
}

// ---------------------------------------------------------------------------------------------
// Layout: Figure 5's arrangement (CLOSED on top, the opening states, ESTABLISHED in the middle,
// the closing states below, a second CLOSED at the bottom as in the figure).

export const NODE_W = 124;
export const NODE_H = 30;
export const DIAGRAM_W = 680;
export const DIAGRAM_H = 640;

export type StateNode = { key: string; state: TcpState; x: number; y: number };

export const NODES: readonly StateNode[] = [
  { key: "CLOSED", state: "CLOSED", x: 340, y: 30 },
  { key: "LISTEN", state: "LISTEN", x: 340, y: 115 },
  { key: "SYN-RECEIVED", state: "SYN-RECEIVED", x: 110, y: 200 },
  { key: "SYN-SENT", state: "SYN-SENT", x: 570, y: 200 },
  { key: "ESTABLISHED", state: "ESTABLISHED", x: 340, y: 290 },
  { key: "FIN-WAIT-1", state: "FIN-WAIT-1", x: 110, y: 380 },
  { key: "CLOSE-WAIT", state: "CLOSE-WAIT", x: 570, y: 380 },
  { key: "CLOSING", state: "CLOSING", x: 340, y: 450 },
  { key: "FIN-WAIT-2", state: "FIN-WAIT-2", x: 110, y: 500 },
  { key: "LAST-ACK", state: "LAST-ACK", x: 570, y: 470 },
  { key: "TIME-WAIT", state: "TIME-WAIT", x: 340, y: 575 },
  { key: "CLOSED-end", state: "CLOSED", x: 570, y: 575 },
];

const LOWER: ReadonlySet<TcpState> = new Set(["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]);

/** Curvature (px of the control point off the straight line) where a straight edge would cross a box. */
const BEND: Record<string, number> = {
  "ESTABLISHED>CLOSED": -40,
  "FIN-WAIT-1>CLOSED": 60,
  "FIN-WAIT-2>CLOSED": 150,
  "CLOSING>CLOSED": 0,
  "CLOSE-WAIT>CLOSED": 40,
  "SYN-RECEIVED>CLOSED": 30,
  "SYN-SENT>CLOSED": 0,
  "LISTEN>SYN-SENT": 0,
  "FIN-WAIT-1>TIME-WAIT": -30,
  "SYN-RECEIVED>LISTEN": 0,
};

export type EdgeLayout = { id: string; transition: Transition; d: string; labelX: number; labelY: number };

function node(key: string): StateNode {
  const n = NODES.find((x) => x.key === key);
  if (!n) throw new Error(`state-diagram: no node ${key}`);
  return n;
}

/** Where the segment from the box centre towards (tx, ty) leaves the box. */
function boxExit(n: StateNode, tx: number, ty: number): [number, number] {
  const dx = tx - n.x;
  const dy = ty - n.y;
  const sx = dx === 0 ? Infinity : NODE_W / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : NODE_H / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [n.x + dx * s, n.y + dy * s];
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Path of every transition: quadratic curves (straight when unbent), offset when both directions exist. */
export function layoutEdges(): EdgeLayout[] {
  return TRANSITIONS.map((tr) => {
    const a = node(tr.from === "CLOSED" ? "CLOSED" : tr.from);
    const b = node(tr.to === "CLOSED" && LOWER.has(tr.from) ? "CLOSED-end" : tr.to);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const nx = -(b.y - a.y) / len;
    const ny = (b.x - a.x) / len;
    const reverse = TRANSITIONS.some((o) => o.from === tr.to && o.to === tr.from);
    const bend = (BEND[tr.id] ?? 0) + (reverse ? 14 : 0);
    const cx = mx + nx * bend;
    const cy = my + ny * bend;
    const [x1, y1] = boxExit(a, cx, cy);
    const [x2, y2] = boxExit(b, cx, cy);
    const d = `M${r1(x1)},${r1(y1)} Q${r1(cx)},${r1(cy)} ${r1(x2)},${r1(y2)}`;
    // Quadratic Bézier midpoint: (P0 + 2C + P2) / 4.
    return { id: tr.id, transition: tr, d, labelX: r1((x1 + 2 * cx + x2) / 4), labelY: r1((y1 + 2 * cy + y2) / 4) };
  });
}
