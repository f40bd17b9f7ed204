/**
 * Bilingual (en / zh-CN) texts of trace notes. Every user-visible string exists in both.
 */
import type { BilingualText, NoteCode } from "./types";

type P = Record<string, string | number>;

const T: Record<NoteCode, (p: P) => BilingualText> = {
  "syn-dropped-accept-queue-full": (p) => ({
    en: `Accept queue of ${p.listener} is full (${p.len} > backlog ${p.backlog}): SYN silently dropped; the client will retransmit it.`,
    zh: `${p.listener} 的全连接队列 (accept queue) 已满（${p.len} > backlog ${p.backlog}）：SYN 被静默丢弃，客户端会重传 SYN。`,
  }),
  "ack-dropped-accept-queue-full": (p) => ({
    en: `Final ACK reached ${p.socket} but the accept queue is full (tcp_abort_on_overflow=0): ACK dropped, the request stays in SYN-RECEIVED and the server keeps retransmitting SYN-ACK. The client already believes it is ESTABLISHED.`,
    zh: `第三次握手的 ACK 到达 ${p.socket}，但全连接队列已满（tcp_abort_on_overflow=0）：ACK 被丢弃，请求仍处于 SYN-RECEIVED，服务端会继续重传 SYN-ACK，而客户端已认为连接 ESTABLISHED。`,
  }),
  "syn-dropped-syn-queue-full": (p) => ({
    en: `SYN queue of ${p.listener} is full (${p.len} requests) and SYN cookies are off: SYN dropped.`,
    zh: `${p.listener} 的半连接队列 (SYN queue) 已满（${p.len} 个请求）且未开启 SYN cookies：SYN 被丢弃。`,
  }),
  "syn-dropped-backlog-quarter": (p) => ({
    en: `tcp_syncookies=0 and fewer than a quarter of tcp_max_syn_backlog (${p.max}) is left (${p.len} requests): SYN from an unproven peer dropped.`,
    zh: `tcp_syncookies=0，且 tcp_max_syn_backlog（${p.max}）剩余不足四分之一（已有 ${p.len} 个请求）：来自未验证对端的 SYN 被丢弃。`,
  }),
  "syncookie-sent": (p) => ({
    en: `${p.reason === "always" ? "tcp_syncookies=2" : `SYN queue of ${p.listener} is full`}: answered with a SYN cookie SYN-ACK; no state is kept.`,
    zh: `${p.reason === "always" ? "tcp_syncookies=2" : `${p.listener} 的半连接队列已满`}：以 SYN cookie 回复 SYN-ACK，服务端不保存任何状态。`,
  }),
  "syncookie-accepted": (p) => ({
    en: `ACK carries a valid SYN cookie: connection ${p.socket} rebuilt from it.`,
    zh: `ACK 携带有效的 SYN cookie：据此重建连接 ${p.socket}。`,
  }),
  "abort-on-overflow-rst": (p) => ({
    en: `Accept queue full and tcp_abort_on_overflow=1: the final ACK is answered with RST and request ${p.socket} is dropped.`,
    zh: `全连接队列已满且 tcp_abort_on_overflow=1：对第三次握手的 ACK 回复 RST，并丢弃请求 ${p.socket}。`,
  }),
  "rst-refused": (p) => ({
    en: `No socket listens on ${p.dst}: the kernel answers with RST.`,
    zh: `${p.dst} 上没有监听的 socket：内核回复 RST。`,
  }),
  "rst-unread-data": (p) => ({
    en: `close() with ${p.bytes} unread byte(s) in the receive queue: RST instead of FIN (RFC 2525 §2.17, tcp_close()).`,
    zh: `接收队列中还有 ${p.bytes} 字节未读就调用 close()：发送 RST 而不是 FIN（RFC 2525 §2.17，tcp_close()）。`,
  }),
  "rst-linger-zero": () => ({
    en: `SO_LINGER {on, 0}: close() aborts the connection with RST and skips TIME-WAIT.`,
    zh: `SO_LINGER {on, 0}：close() 以 RST 中止连接，不进入 TIME-WAIT。`,
  }),
  "rst-data-after-close": (p) => ({
    en: `Data arrived for ${p.socket} after the application closed it: RST (RFC 1122 §4.2.2.13).`,
    zh: `应用已关闭 ${p.socket} 后仍有数据到达：回复 RST（RFC 1122 §4.2.2.13）。`,
  }),
  "rst-listener-closed": (p) => ({
    en: `Listener closed with connection ${p.socket} still in its accept queue: RST.`,
    zh: `监听 socket 被关闭时 ${p.socket} 仍在全连接队列中：发送 RST。`,
  }),
  "rst-no-socket": (p) => ({
    en: `No connection matches ${p.dst} ← ${p.src}: RST.`,
    zh: `没有与 ${p.dst} ← ${p.src} 匹配的连接：回复 RST。`,
  }),
  "challenge-ack": (p) => ({
    en: `${p.socket} got a SYN in a synchronized state: it answers with an ACK of its current sequence numbers (challenge ACK, RFC 5961 §4).`,
    zh: `${p.socket} 在已同步状态下收到 SYN：以当前序列号回复 ACK（challenge ACK，RFC 5961 §4）。`,
  }),
  "time-wait-assassinated": (p) => ({
    en: `RST killed ${p.socket} in TIME-WAIT (tcp_rfc1337=0: TIME-WAIT assassination, RFC 1337).`,
    zh: `RST 提前终结了处于 TIME-WAIT 的 ${p.socket}（tcp_rfc1337=0：TIME-WAIT 暗杀，RFC 1337）。`,
  }),
  "duplicate-ignored": (p) => ({
    en: `${p.socket} received an old duplicate segment: it is acknowledged again and otherwise ignored.`,
    zh: `${p.socket} 收到重复的旧报文段：重新确认，其余忽略。`,
  }),
  "connect-timeout": (p) => ({
    en: `No answer to the SYN after ${p.retries} retransmission(s): connect() fails with ETIMEDOUT.`,
    zh: `SYN 重传 ${p.retries} 次仍无应答：connect() 以 ETIMEDOUT 失败。`,
  }),
  "orphan-retries-exhausted": (p) => ({
    en: `${p.socket} gave up retransmitting after ${p.retries} retransmission(s): the connection is dropped without RST.`,
    zh: `${p.socket} 重传 ${p.retries} 次后放弃：连接被直接丢弃，不发送 RST。`,
  }),
  "synack-retries-exhausted": (p) => ({
    en: `Request ${p.socket} got no final ACK after ${p.retries} SYN-ACK retransmission(s): removed from the SYN queue.`,
    zh: `请求 ${p.socket} 在重传 ${p.retries} 次 SYN-ACK 后仍未收到 ACK：从半连接队列中移除。`,
  }),
  "flood-started": (p) => ({
    en: `SYN flood: ${p.count} SYNs from spoofed addresses at ${p.rate}/s to ${p.dst}.`,
    zh: `SYN 洪水：以每秒 ${p.rate} 个的速度从伪造地址向 ${p.dst} 发送 ${p.count} 个 SYN。`,
  }),
  truncated: (p) => ({
    en: `Simulation stopped: ${p.reason === "events" ? `event limit (${p.limit}) reached` : `time bound (${p.limit} ms) reached`}.`,
    zh: `模拟已停止：${p.reason === "events" ? `达到事件数上限（${p.limit}）` : `达到时间上限（${p.limit} ms）`}。`,
  }),
};

export function noteMessage(code: NoteCode, params: P): BilingualText {
  return T[code](params);
}
