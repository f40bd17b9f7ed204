/**
 * Completing calls that were blocked: recv() getting data/EOF/error, accept() getting a
 * connection, send() on a socket that just connected.
 */
import type { Errno } from "./types";
import type { Sock, Waiter, World } from "./internal";
import { queueData, setHandle, tcpPush } from "./tcp-output";
import { wake } from "./world";
import { endpoint, familyIp } from "./addr";

/** Take up to `max` bytes from the receive queue. */
export function readBytes(s: Sock, max: number): { n: number; text: string | null } {
  let n = 0;
  let text: string | null = "";
  while (n < max && s.rcvQ.length > 0) {
    const c = s.rcvQ[0] as { len: number; text: string | null };
    const take = Math.min(c.len, max - n);
    if (text !== null) text = c.text === null ? null : text + c.text.slice(0, take);
    if (take === c.len) s.rcvQ.shift();
    else s.rcvQ[0] = { len: c.len - take, text: c.text === null ? null : c.text.slice(take) };
    n += take;
  }
  s.rcvQBytes -= n;
  return { n, text };
}

/**
 * What recv() returns now, in tcp_recvmsg's order: queued data; 0 once the peer's FIN was
 * read (SOCK_DONE, so a later RST's error is left for send()); a pending error; 0 after
 * shutdown; or `null` = it would block.
 */
export function recvOutcome(
  s: Sock,
  max: number,
): { value: number | null; errno: Errno | null; data?: string } | null {
  if (s.rcvQBytes > 0) {
    const { n, text } = readBytes(s, max);
    return text !== null ? { value: n, errno: null, data: text } : { value: n, errno: null };
  }
  if (s.finReceived) return { value: 0, errno: null };
  if (s.err !== null) {
    const e = s.err;
    s.err = null;
    return { value: null, errno: e };
  }
  if (s.rcvShutdown) return { value: 0, errno: null };
  return null;
}

/**
 * The index of the first call of this kind blocked on `s` at or after `from`, or -1. Callers
 * walk the waiters with it: wake() takes the woken one out of the list (and adds none), so the
 * next one is found from the same index — no copy or filtered copy of the list (issue #16).
 */
export function nextWaiter(s: Sock, kind: Waiter["kind"], from: number): number {
  const waiters = s.waiters;
  for (let i = from; i < waiters.length; i++) if ((waiters[i] as Waiter).kind === kind) return i;
  return -1;
}

/** Is a call of this kind blocked on `s`? */
export const hasWaiter = (s: Sock, kind: Waiter["kind"]): boolean => nextWaiter(s, kind, 0) >= 0;

/** Serve blocked recv() calls from what has arrived. */
export function feedReaders(w: World, s: Sock): void {
  for (let i = nextWaiter(s, "recv", 0); i >= 0; i = nextWaiter(s, "recv", i)) {
    const wt = s.waiters[i] as Waiter;
    const r = recvOutcome(s, wt.max ?? 65536);
    if (!r) break;
    wake(w, s, wt, r.value, r.errno, r.data !== undefined ? { data: r.data } : undefined);
  }
}

/** Hand the head of the accept queue to a blocked accept(). */
export function completeAccept(w: World, l: Sock, wt: Waiter): void {
  const child = l.acceptQ.shift();
  if (!child) return;
  child.inAcceptQueue = false;
  const handle = wt.as ?? child.id;
  child.handle = handle;
  setHandle(l.host, handle, child);
  const fd = l.host.fdCounter++;
  wake(w, l, wt, fd, null, { as: handle, accepted: child.id, peer: endpoint(familyIp(child.family, child.rip), child.rport) });
}

/** send() calls that waited for the handshake (sk_stream_wait_connect). */
export function flushPendingSends(w: World, s: Sock): void {
  for (let i = nextWaiter(s, "send", 0); i >= 0; i = nextWaiter(s, "send", i)) {
    const wt = s.waiters[i] as Waiter;
    if (s.state !== "ESTABLISHED" && s.state !== "CLOSE-WAIT") {
      wake(w, s, wt, null, s.err ?? "EPIPE");
      continue;
    }
    const n = wt.bytes ?? 0;
    queueData(s, n, wt.text ?? null);
    wake(w, s, wt, n, null);
  }
  tcpPush(w, s);
}
