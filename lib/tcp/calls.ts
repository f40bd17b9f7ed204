/**
 * The socket API: one script step = one system call, with the return value and errno a Linux
 * program gets. @see net/ipv4/af_inet.c (inet_stream_connect, inet_listen, inet_shutdown),
 * net/ipv4/tcp.c (tcp_sendmsg, tcp_recvmsg, tcp_close, tcp_shutdown, tcp_disconnect).
 */
import type { CallName, Errno, ReturnEvent } from "./types";
import type { Step } from "./scenario";
import type { Host, PlannedStep, Sock, Waiter, World } from "./internal";
import { bindConflict, isLocalIp, pickConnectPort, pickEphemeral } from "./bind";
import { NONE, seqAdd } from "./internal";
import {
  dropHandle,
  hashConn,
  lookupEstablished,
  maybeFree,
  newSock,
  uniqueId,
  queueData,
  queueFin,
  sendActiveReset,
  sendSyn,
  setHandle,
  setTimeWaitTimer,
  sockOfHandle,
  tcpDone,
  tcpPush,
} from "./tcp-output";
import { completeAccept, feedReaders, recvOutcome } from "./wakeups";
import { emit, emitReturn, hostNamed, note, setState, setTimer } from "./world";
import { hostParams } from "./params";
import { canonicalIp, isV6, unmapV4 } from "./addr";


function createSocket(host: Host, handle: string, family?: "AF_INET" | "AF_INET6"): Sock {
  const s = newSock(host, uniqueId(host, handle), handle);
  setHandle(host, handle, s);
  if (family !== undefined) setFamily(host, s, family === "AF_INET6" ? 6 : 4);
  return s;
}

/**
 * Fix a socket's address family, as socket(2) does (inet_create / inet6_create): an AF_INET6
 * socket starts with IPV6_V6ONLY = net.ipv6.bindv6only (kernel fact 12: 1 ⇒ new sockets V6ONLY).
 */
function setFamily(host: Host, s: Sock, family: 4 | 6): void {
  s.family = family;
  s.v6only = family === 6 && host.p.sys.bindv6only === 1;
}

/** The step of a given call type. */
type StepOf<C extends CallName> = Extract<Step, { call: C }>;

/**
 * The call's own arguments, for the trace (built per call type: cheaper than Object.entries).
 * Dispatched on the planned step's `call` (one shape) and cast, not on `step.call`: see
 * PlannedStep (internal.ts) for why reading a field of the step itself is what costs.
 */
function callArgs(step: Step, call: CallName): Record<string, string | number | boolean | null> {
  switch (call) {
    case "socket": {
      const st = step as StepOf<"socket">;
      return st.family === undefined ? {} : { family: st.family };
    }
    case "close":
      return {};
    case "setsockopt": {
      const st = step as StepOf<"setsockopt">;
      return st.opt === "SO_LINGER" ? { opt: st.opt, value: st.value, linger: st.linger } : { opt: st.opt, value: st.value };
    }
    case "getsockopt":
      return { opt: (step as StepOf<"getsockopt">).opt };
    case "bind": {
      const st = step as StepOf<"bind">;
      return st.ip === undefined ? { port: st.port } : { ip: st.ip, port: st.port };
    }
    case "listen":
      return { backlog: (step as StepOf<"listen">).backlog };
    case "connect": {
      const st = step as StepOf<"connect">;
      return { to: st.to, nonblocking: st.nonblocking };
    }
    case "accept": {
      const st = step as StepOf<"accept">;
      return { as: st.as, nonblocking: st.nonblocking };
    }
    case "send": {
      const st = step as StepOf<"send">;
      return st.data !== undefined ? { data: st.data, nonblocking: st.nonblocking } : { bytes: st.bytes ?? 0, nonblocking: st.nonblocking };
    }
    case "recv": {
      const st = step as StepOf<"recv">;
      return { max: st.max, nonblocking: st.nonblocking };
    }
    case "shutdown":
      return { how: (step as StepOf<"shutdown">).how };
    case "sysctl": {
      const st = step as StepOf<"sysctl">;
      return { key: st.key, value: Array.isArray(st.value) ? st.value.join(" ") : st.value };
    }
  }
}

/**
 * `sysctl -w net.ipv4.<key>=<value>` on one host during the run: the host's knobs change from
 * now on and everything derived from them is recomputed (params.ts). Like the kernel, what a
 * socket already decided stays (a listener's clamped backlog, an armed timer); what is read
 * when it is used (tcp_syn_retries at the next SYN timeout, tcp_tw_reuse at the next connect,
 * somaxconn at the next listen) follows the new value. Validated by the scenario schema.
 */
function runSysctl(w: World, host: Host, step: Extract<Step, { call: "sysctl" }>, idx: number): void {
  emit(w, { kind: "call", t: w.nowMs, seqNo: w.events.length, host: host.name, call: "sysctl", sock: "", step: idx, args: callArgs(step, "sysctl") });
  host.p = hostParams(host.p.profile, { ...host.p.sys, [step.key]: step.value });
  emitReturn(w, host, "sysctl", idx, "", null, 0, null, w.now);
}

/** sock_error(): read and clear the pending socket error (sk_err). */
function takeErr(s: Sock): Errno | null {
  const e = s.err;
  s.err = null;
  return e;
}

/**
 * A script step's call returns: its return event (see emitReturn) with the step's host, call
 * and handle. A plain function rather than a closure made per step: each step used to allocate
 * two closures and their context (node --cpu-prof, bench:sim; issue #16).
 */
function ret(
  w: World,
  host: Host,
  idx: number,
  s: Sock | null,
  value: number | null,
  errno: Errno | null,
  extra?: Partial<Pick<ReturnEvent, "data" | "as" | "accepted" | "soError">>,
): void {
  const ps = w.plan[idx] as PlannedStep;
  emitReturn(w, host, ps.call, idx, ps.sock, s, value, errno, w.now, extra);
}

/** Calls that succeed with 0 or fail with an errno (bind, listen, shutdown) return through here. */
function retErr(w: World, host: Host, idx: number, s: Sock, errno: Errno | null): void {
  if (errno === null) ret(w, host, idx, s, 0, null);
  else ret(w, host, idx, s, null, errno);
}

/** The call blocks: a waiter on the socket, woken by wake() (world.ts) when it completes. */
function block(w: World, s: Sock, idx: number, kind: Waiter["kind"], as?: string, max?: number, bytes?: number, text?: string | null): void {
  // Every field present (undefined when unused): one hidden class for all waiters.
  const wt: Waiter = { kind, step: idx, handle: (w.plan[idx] as PlannedStep).sock, since: w.now, as, max, bytes, text };
  s.waiters.push(wt);
}

export function runStep(w: World, idx: number): void {
  const ps = w.plan[idx] as PlannedStep;
  const step = ps.step;
  const host = ps.host;
  const call = ps.call;
  if (call === "sysctl") return runSysctl(w, host, step as StepOf<"sysctl">, idx);
  let s = sockOfHandle(host, ps.sock);
  // The calls that make the socket they name when there is none yet.
  if (call === "socket" || (!s && (call === "connect" || call === "bind" || call === "listen" || call === "setsockopt")))
    s = createSocket(host, ps.sock, call === "socket" ? (step as StepOf<"socket">).family : undefined);
  // One literal per final shape: `socket` set afterwards made every call event change hidden
  // class and grow an out-of-object property store.
  const t = w.nowMs;
  const seqNo = w.events.length;
  emit(
    w,
    s
      ? { kind: "call", t, seqNo, host: host.name, call, sock: ps.sock, step: idx, args: callArgs(step, call), socket: s.id }
      : { kind: "call", t, seqNo, host: host.name, call, sock: ps.sock, step: idx, args: callArgs(step, call) },
  );
  if (!s) {
    ret(w, host, idx, null, null, "EBADF");
    return;
  }

  // Dispatched on `call`, each case casting the step to its type (see callArgs).
  switch (call) {
    case "socket":
      ret(w, host, idx, s, host.fdCounter++, null);
      return;
    case "setsockopt": {
      const st = step as StepOf<"setsockopt">;
      if (st.opt === "IPV6_V6ONLY") {
        if (s.family === 0) setFamily(host, s, 6);
        // ip_setsockopt() on an AF_INET socket knows no IPPROTO_IPV6 options: ENOPROTOOPT;
        // do_ipv6_setsockopt(): "if (... inet_sk(sk)->inet_num) goto e_inval" — not once bound.
        if (s.family === 4) return ret(w, host, idx, s, null, "ENOPROTOOPT");
        if (s.bound) return ret(w, host, idx, s, null, "EINVAL");
        s.v6only = st.value;
      } else if (st.opt === "SO_REUSEADDR") s.reuse = st.value;
      else if (st.opt === "SO_LINGER") {
        s.lingerOn = st.value;
        s.lingerSec = st.linger;
      } else {
        s.nodelay = st.value;
        if (st.value && s.state !== "CLOSED" && s.state !== "LISTEN") tcpPush(w, s);
      }
      ret(w, host, idx, s, 0, null);
      return;
    }
    case "getsockopt":
      ret(w, host, idx, s, 0, null, { soError: takeErr(s) });
      return;
    case "bind": {
      const st = step as StepOf<"bind">;
      return retErr(w, host, idx, s, doBind(w, host, s, st.ip, st.port));
    }
    case "listen":
      return retErr(w, host, idx, s, doListen(w, host, s, (step as StepOf<"listen">).backlog));
    case "connect": {
      const st = step as StepOf<"connect">;
      return doConnect(w, host, s, idx, st.to, st.nonblocking);
    }
    case "accept": {
      const st = step as StepOf<"accept">;
      if (s.state !== "LISTEN") return ret(w, host, idx, s, null, "EINVAL");
      if (s.acceptQ.length > 0) {
        block(w, s, idx, "accept", st.as);
        completeAccept(w, s, s.waiters[s.waiters.length - 1] as Waiter);
        return;
      }
      if (st.nonblocking) return ret(w, host, idx, s, null, "EAGAIN");
      block(w, s, idx, "accept", st.as);
      return;
    }
    case "send": {
      const st = step as StepOf<"send">;
      return doSend(w, host, s, idx, st.bytes ?? (st.data ?? "").length, st.data ?? null, st.nonblocking);
    }
    case "recv": {
      const st = step as StepOf<"recv">;
      return doRecv(w, host, s, idx, st.max, st.nonblocking);
    }
    case "shutdown":
      return retErr(w, host, idx, s, doShutdown(w, s, (step as StepOf<"shutdown">).how));
    case "close":
      doClose(w, host, s, ps.sock);
      ret(w, host, idx, s, 0, null);
      return;
  }
}

/**
 * bind(2): inet_bind() / __inet6_bind() (net/ipv4/af_inet.c, net/ipv6/af_inet6.c). `ipText`
 * omitted = the host's own address of the socket's family (`::` for AF_INET6 on a host without
 * an IPv6 address). An AF_INET6 socket keeps a v4-mapped binding as the IPv4 address it stands
 * for; binding a specific IPv6 address makes it IPV6_V6ONLY (kernel fact 12).
 */
function doBind(w: World, host: Host, s: Sock, ipText: string | undefined, port: number): Errno | null {
  if (s.bound || s.state !== "CLOSED" || s.sockState !== 0) return "EINVAL";
  const given = ipText === undefined ? null : (canonicalIp(ipText) as string);
  if (s.family === 0) setFamily(host, s, given !== null && isV6(given) ? 6 : 4);
  let ip: string;
  let only = s.v6only;
  if (given === null) ip = s.family === 6 ? (host.ip6 ?? "::") : host.ip;
  else if (s.family === 4) {
    // inet_bind(): a sockaddr_in6 is not AF_INET.
    if (isV6(given)) return "EAFNOSUPPORT";
    ip = given;
  } else {
    // __inet6_bind(): a sockaddr_in is shorter than SIN6_LEN_RFC2133 ⇒ EINVAL; a v4-mapped
    // address on a V6ONLY socket "makes no sense" ⇒ EINVAL.
    if (!isV6(given)) return "EINVAL";
    const v4 = unmapV4(given);
    if (v4 !== null && s.v6only) return "EINVAL";
    ip = v4 ?? given;
    if (v4 === null && given !== "::") only = true;
  }
  if (!isLocalIp(host, ip)) return "EADDRNOTAVAIL";
  let p = port;
  if (p === 0) {
    const e = pickEphemeral(w, host, false);
    if (e === null) return "EADDRINUSE";
    p = e;
  } else if (bindConflict(host, s, ip, p)) return "EADDRINUSE";
  s.v6only = only;
  s.lip = ip;
  s.lport = p;
  s.bound = true;
  s.byBind = true;
  s.portLocked = port !== 0;
  return null;
}

function doListen(w: World, host: Host, s: Sock, backlog: number): Errno | null {
  const somaxconn = host.p.sys.somaxconn;
  // __sys_listen: "if ((unsigned int)backlog > somaxconn) backlog = somaxconn" — so -1 means
  // somaxconn (kernel fact 04b: listen(-1) ⇒ Send-Q 4096, listen(100000) ⇒ 4096, listen(0) ⇒ 0).
  const effective = backlog < 0 || backlog > somaxconn ? somaxconn : backlog;
  if (s.state === "LISTEN") {
    s.backlog = effective;
    return null;
  }
  if (s.state !== "CLOSED" || s.sockState !== 0) return "EINVAL";
  if (s.family === 0) setFamily(host, s, 4);
  if (!s.bound) {
    const e = pickEphemeral(w, host, false);
    if (e === null) return "EADDRINUSE";
    s.lip = s.family === 6 ? "::" : "0.0.0.0";
    s.lport = e;
    s.bound = true;
    s.byBind = true;
  } else if (bindConflict(host, s, s.lip, s.lport)) {
    // inet_csk_listen_start() re-runs the port check (e.g. two SO_REUSEADDR sockets bound to
    // the same port: the second listen() fails).
    return "EADDRINUSE";
  }
  s.backlog = effective;
  setState(w, s, "LISTEN", "listen");
  host.listeners.push(s);
  return null;
}

/**
 * connect()'s destination as the packets will carry it, or the errno. `[v6]:port` needs an
 * AF_INET6 socket (tcp_v4_connect: "if (usin->sin_family != AF_INET) return -EAFNOSUPPORT"), a
 * dotted quad an AF_INET one (tcp_v6_connect: a sockaddr_in is too short ⇒ EINVAL). A host name
 * gives its IPv4 address, or from an AF_INET6 socket its IPv6 one (else its IPv4 one
 * v4-mapped, like getaddrinfo's AI_V4MAPPED). A v4-mapped destination is reached over IPv4
 * (tcp_v6_connect hands it to tcp_v4_connect), refused with ENETUNREACH on a V6ONLY socket
 * (kernel fact 12).
 */
function parseDest(w: World, host: Host, s: Sock, to: string): { ip: string; port: number } | Errno {
  const i = to.lastIndexOf(":");
  const name = to.slice(0, i);
  const port = Number(to.slice(i + 1));
  if (name.startsWith("[")) {
    if (s.family === 0) setFamily(host, s, 6);
    if (s.family === 4) return "EAFNOSUPPORT";
    let ip = canonicalIp(name.slice(1, -1)) as string;
    // tcp_v6_connect(): connecting to in6addr_any means the loopback address.
    if (ip === "::") ip = "::1";
    const v4 = unmapV4(ip);
    if (v4 !== null && s.v6only) return "ENETUNREACH";
    return { ip: v4 ?? ip, port };
  }
  const h = hostNamed(w, name);
  if (s.family === 0) setFamily(host, s, 4);
  if (!h) return s.family === 6 ? "EINVAL" : { ip: name, port };
  if (s.family === 4 || h.ip6 === null) {
    if (s.family === 6 && s.v6only) return "ENETUNREACH";
    return { ip: h.ip, port };
  }
  return { ip: h.ip6, port };
}

function doConnect(w: World, host: Host, s: Sock, idx: number, to: string, nonblocking: boolean): void {
  // __inet_stream_connect: the struct socket state decides first.
  if (s.sockState === 2) return ret(w, host, idx, s, null, "EISCONN");
  if (s.sockState === 1) {
    if (s.state === "SYN-SENT" || s.state === "SYN-RECEIVED") return ret(w, host, idx, s, null, "EALREADY");
    if (s.state === "CLOSED") {
      s.sockState = 0;
      return ret(w, host, idx, s, null, takeErr(s) ?? "ECONNABORTED");
    }
    s.sockState = 2;
    return ret(w, host, idx, s, 0, null);
  }
  if (s.state !== "CLOSED") return ret(w, host, idx, s, null, "EISCONN");
  const p = host.p;
  const dst = parseDest(w, host, s, to);
  if (typeof dst === "string") return ret(w, host, idx, s, null, dst);
  // The source address: the bound one, else the route's (loopback for loopback, else the
  // host's own address of that family). No IPv6 address and no route ⇒ ENETUNREACH
  // (ip6_dst_lookup_flow); a binding of the other family cannot reach it either.
  const wire6 = isV6(dst.ip);
  let lip: string | null;
  if (s.bound && s.lip !== "0.0.0.0" && s.lip !== "::") lip = isV6(s.lip) === wire6 ? s.lip : null;
  else if (!wire6) lip = dst.ip.startsWith("127.") ? "127.0.0.1" : host.ip;
  else lip = dst.ip === "::1" ? "::1" : host.ip6;
  if (lip === null) return ret(w, host, idx, s, null, "ENETUNREACH");
  const linux = p.profile === "linux";
  // tcp_twsk_unique() (net/ipv4/tcp_ipv4.c): a TIME-WAIT 4-tuple can be taken over only if it
  // used timestamps (PAWS keeps the old segments out). On the ephemeral path (twp != NULL) also
  // tcp_tw_reuse 1, or 2 for loopback, once tcp_tw_reuse_delay has passed since its last
  // timestamp (twReusable in bind.ts); an explicitly bound socket (no twp) needs nothing more —
  // kernel fact 11: it connects with tcp_tw_reuse=0, and gets EADDRNOTAVAIL only without
  // timestamps.
  let tw: Sock | null = null;
  if (!s.bound) {
    const e = pickConnectPort(w, host, lip, dst.ip, dst.port);
    if (e === null) return ret(w, host, idx, s, null, "EADDRNOTAVAIL");
    s.lport = e.port;
    s.bound = true;
    s.portLocked = false;
    s.byBind = false;
    tw = e.tw;
  } else {
    const existing = lookupEstablished(host, lip, s.lport, dst.ip, dst.port);
    if (existing) {
      if (!(existing.state === "TIME-WAIT" && linux && existing.tsOk)) return ret(w, host, idx, s, null, "EADDRNOTAVAIL");
      tw = existing;
    }
  }
  // Taking over a TIME-WAIT: write_seq = tw_snd_nxt + 65535 + 2 (never 0) and the old
  // ts_recent, so the peer's PAWS sees the new connection as newer (tcp_twsk_unique()).
  let twIsn: number | null = null;
  let twTsRecent = 0;
  if (tw) {
    twIsn = seqAdd(tw.sndNxt, 65537) || 1;
    twTsRecent = tw.tsRecent;
    tcpDone(w, tw, "close");
  }
  s.lip = lip;
  s.rip = dst.ip;
  s.rport = dst.port;
  s.iss = twIsn ?? w.rng.next();
  s.sndUna = s.iss;
  s.sndSml = s.iss;
  s.sndNxt = (s.iss + 1) >>> 0;
  s.writeSeq = s.sndNxt;
  s.rcvShutdown = false;
  s.finReceived = false;
  s.sndShutdown = false;
  s.rto = p.rtoInitUs;
  // Options offered in the SYN (tcp_syn_options): timestamps when tcp_timestamps = 1.
  s.tsOk = p.profile === "linux" && p.sys.tcp_timestamps === 1;
  s.sackOk = p.profile === "linux" && p.sys.tcp_sack === 1;
  s.wscaleOk = p.profile === "linux" && p.sys.tcp_window_scaling === 1;
  if (tw) s.tsRecent = twTsRecent;
  s.retransmits = 0;
  s.totalRto = 0;
  s.backoff = 0;
  s.retransStamp = w.now;
  s.err = null;
  s.sockState = 1;
  hashConn(s);
  host.counters.TcpActiveOpens++;
  setState(w, s, "SYN-SENT", "connect");
  sendSyn(w, s, false);
  s.rtxArmedAt = w.now;
  s.pending = "rto";
  setTimer(w, s, "rtx", s.rto, 0);
  if (nonblocking) return ret(w, host, idx, s, null, "EINPROGRESS");
  block(w, s, idx, "connect");
}

function doSend(w: World, host: Host, s: Sock, idx: number, bytes: number, text: string | null, nonblocking: boolean): void {
  if (s.state !== "ESTABLISHED" && s.state !== "CLOSE-WAIT") {
    // sk_stream_wait_connect(): pending error, then EPIPE unless still connecting.
    const e = takeErr(s);
    if (e) return ret(w, host, idx, s, null, e);
    if (s.state !== "SYN-SENT" && s.state !== "SYN-RECEIVED") return ret(w, host, idx, s, null, "EPIPE");
    if (nonblocking) return ret(w, host, idx, s, null, "EAGAIN");
    block(w, s, idx, "send", undefined, undefined, bytes, text);
    return;
  }
  // "if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN)) goto do_error" ⇒ the error, or EPIPE
  // (kernel fact 06: send() after shutdown(SHUT_WR) ⇒ EPIPE).
  if (s.err !== null || s.sndShutdown) return ret(w, host, idx, s, null, takeErr(s) ?? "EPIPE");
  queueData(s, bytes, text);
  tcpPush(w, s);
  ret(w, host, idx, s, bytes, null);
}

function doRecv(w: World, host: Host, s: Sock, idx: number, max: number, nonblocking: boolean): void {
  if (s.state === "LISTEN") return ret(w, host, idx, s, null, "ENOTCONN");
  const r = recvOutcome(s, max);
  if (r) return ret(w, host, idx, s, r.value, r.errno, r.data !== undefined ? { data: r.data } : undefined);
  if (s.state === "CLOSED") return ret(w, host, idx, s, null, "ENOTCONN");
  if (nonblocking) return ret(w, host, idx, s, null, "EAGAIN");
  block(w, s, idx, "recv", undefined, max);
}

/** @see inet_shutdown(), tcp_shutdown() */
function doShutdown(w: World, s: Sock, how: "SHUT_RD" | "SHUT_WR" | "SHUT_RDWR"): Errno | null {
  const rd = how !== "SHUT_WR";
  const wr = how !== "SHUT_RD";
  if (s.state === "LISTEN") {
    if (rd) listenerStop(w, s);
    return null;
  }
  if (s.state === "CLOSED") return "ENOTCONN";
  if (s.state === "SYN-SENT") {
    tcpDone(w, s, "shutdown", false);
    return null;
  }
  if (rd) {
    s.rcvShutdown = true;
    feedReaders(w, s);
  }
  if (wr && !s.sndShutdown) {
    s.sndShutdown = true;
    if (s.state === "ESTABLISHED" || s.state === "SYN-RECEIVED") {
      setState(w, s, "FIN-WAIT-1", "shutdown");
      queueFin(s);
      tcpPush(w, s);
    } else if (s.state === "CLOSE-WAIT") {
      setState(w, s, "LAST-ACK", "shutdown");
      queueFin(s);
      tcpPush(w, s);
    }
  }
  return null;
}

/** Closing a listener: queued children are reset, requests forgotten (inet_csk_listen_stop). */
function listenerStop(w: World, l: Sock): void {
  const host = l.host;
  const i = host.listeners.indexOf(l);
  if (i >= 0) host.listeners.splice(i, 1);
  setState(w, l, "CLOSED", "close");
  for (const child of l.acceptQ) {
    child.inAcceptQueue = false;
    if (child.state === "CLOSED") {
      maybeFree(child);
      continue;
    }
    const needReset = child.state === "ESTABLISHED" || child.state === "CLOSE-WAIT";
    if (needReset) note(w, host, child, "rst-listener-closed", { socket: child.id });
    tcpDone(w, child, "abort");
    if (needReset) sendActiveReset(w, child);
  }
  l.acceptQ = NONE;
  for (const r of [...host.socks]) if (r.isReq && r.listener === l) tcpDone(w, r, "abort");
  for (const wt of [...l.waiters]) {
    if (wt.kind === "accept") {
      l.waiters.splice(l.waiters.indexOf(wt), 1);
      emitReturn(w, host, "accept", wt.step, wt.handle, l, null, "EINVAL", wt.since);
    }
  }
}

/** @see tcp_close() in net/ipv4/tcp.c */
function doClose(w: World, host: Host, s: Sock, handle: string): void {
  dropHandle(host, handle, s);
  s.handle = null;
  const c = host.counters;
  switch (s.state) {
    case "LISTEN":
      listenerStop(w, s);
      s.bound = false;
      maybeFree(s);
      return;
    case "CLOSED":
      s.bound = false;
      maybeFree(s);
      return;
    case "SYN-SENT":
      tcpDone(w, s, "close", false);
      s.bound = false;
      maybeFree(s);
      return;
    case "TIME-WAIT":
      return;
    default:
      break;
  }
  s.orphan = true;
  s.rcvShutdown = true;
  if (s.rcvQBytes > 0) {
    // RFC 2525 §2.17 / RFC 1122 §4.2.2.13: unread data ⇒ RST, no FIN (tcp_close: data_was_unread).
    c.TcpExtTCPAbortOnClose++;
    note(w, host, s, "rst-unread-data", { bytes: s.rcvQBytes });
    s.rcvQ = [];
    s.rcvQBytes = 0;
    tcpDone(w, s, "abort");
    sendActiveReset(w, s);
    return;
  }
  if (s.lingerOn && s.lingerSec === 0) {
    // SO_LINGER {1, 0}: tcp_disconnect() — RST in states that need one, no TIME-WAIT.
    c.TcpExtTCPAbortOnData++;
    const needReset = s.state === "ESTABLISHED" || s.state === "CLOSE-WAIT" || s.state === "FIN-WAIT-1" || s.state === "FIN-WAIT-2" || s.state === "SYN-RECEIVED";
    if (needReset) note(w, host, s, "rst-linger-zero", {});
    tcpDone(w, s, "abort");
    if (needReset) sendActiveReset(w, s);
    return;
  }
  s.sndShutdown = true;
  if (s.state === "ESTABLISHED" || s.state === "SYN-RECEIVED") {
    setState(w, s, "FIN-WAIT-1", "close");
    queueFin(s);
    tcpPush(w, s);
  } else if (s.state === "CLOSE-WAIT") {
    setState(w, s, "LAST-ACK", "close");
    queueFin(s);
    tcpPush(w, s);
  } else if (s.state === "FIN-WAIT-2" && host.p.profile === "linux" && s.waitAt < 0) {
    // Half-closed earlier with shutdown(SHUT_WR): the orphan now gets the tcp_fin_timeout timer.
    setTimeWaitTimer(w, s, "fin-wait-2", Math.max(host.p.sys.tcp_fin_timeout * 1_000_000, 4 * s.rto - (s.rto >> 1)));
  }
}
