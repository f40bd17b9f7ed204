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

/** Serve blocked recv() calls from what has arrived. */
export function feedReaders(w: World, s: Sock): void {
  // wake() takes the woken waiter out of the list (and adds none): the walk stays at its index
  // then, instead of walking a filtered copy (issue #16).
  const waiters = s.waiters;
  for (let i = 0; i < waiters.length; ) {
    const wt = waiters[i] as Waiter;
    if (wt.kind !== "recv") {
      i++;
      continue;
    }
    const r = recvOutcome(s, wt.max ?? 65536);
    if (!r) break;
    wake(w, s, wt, r.value, r.errno, r.data !== undefined ? { data: r.data } : undefined);
  }
}

/** Is a call of this kind blocked on `s`? */
export function hasWaiter(s: Sock, kind: Waiter["kind"]): boolean {
  for (const wt of s.waiters) if (wt.kind === kind) return true;
  return false;
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
  // Each one woken leaves the list: the walk stays at its index then (see feedReaders).
  const waiters = s.waiters;
  for (let i = 0; i < waiters.length; ) {
    const wt = waiters[i] as Waiter;
    if (wt.kind !== "send") {
      i++;
      continue;
    }
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
