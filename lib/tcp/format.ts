/**
 * Human-readable renderings of a trace: a tcpdump-like timeline with state changes, calls and
 * notes, and `ss`-like socket lines.
 */
import type { SegmentEvent, SocketSnapshot, Trace, TraceEvent } from "./types";
import { SS_STATE_NAMES } from "./types";

/** One segment like the kernel facts print it: `client->server [SYN,ACK] seq=y ack=x+1`. */
export function formatSegment(ev: SegmentEvent): string {
  return `${ev.from}->${ev.to ?? ev.dst} [${ev.flags.join(",")}] ${ev.label}${ev.len ? ` len=${ev.len}` : ""}`;
}

/** tcpdump's flag letters: S, F, R, P and "." for ACK (print-tcp.c tcp_flag_values). */
function tcpdumpFlags(flags: readonly string[]): string {
  let out = "";
  for (const [name, letter] of [["SYN", "S"], ["FIN", "F"], ["RST", "R"], ["PSH", "P"], ["ACK", "."]] as const) if (flags.includes(name)) out += letter;
  return out;
}

/**
 * "10.0.0.1:40000" → "10.0.0.1.40000", "[::1]:5002" → "::1.5002" (tcpdump joins address and
 * port with a dot and prints IPv6 without brackets: print-tcp.c tcp_print → tcpport_string).
 */
const dotted = (ep: string): string => {
  const i = ep.lastIndexOf(":");
  const ip = ep.charCodeAt(0) === 91 /* [ */ ? ep.slice(1, i - 1) : ep.slice(0, i);
  return `${ip}.${ep.slice(i + 1)}`;
};

/**
 * One segment as `tcpdump -n` prints it: `IP 127.0.0.1.40000 > 127.0.0.1.80: Flags [S], seq
 * 1234, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10], length 0`, and an
 * IPv6 one as `IP6 ::1.40000 > ::1.5002: Flags [S], … win 65476, options [mss 65476,…]`
 * (ip6_print; kernel fact 12). Like tcpdump, raw sequence numbers in SYNs, relative ones after
 * (`seq 1:6, ack 1`); a pure ACK has no `seq` (print-tcp.c prints it only for data, SYN, FIN or
 * RST: `Flags [.], ack 1, win 64`, kernel fact 12's captures).
 */
export function formatTcpdump(ev: SegmentEvent): string {
  const syn = ev.flags.includes("SYN");
  const parts = [`Flags [${tcpdumpFlags(ev.flags)}]`];
  if (syn) parts.push(`seq ${ev.seq}`);
  else if (ev.len > 0) parts.push(`seq ${ev.rel.seq}:${ev.rel.seq + ev.len}`);
  else if (ev.flags.includes("FIN") || ev.flags.includes("RST")) parts.push(`seq ${ev.rel.seq}`);
  if (ev.ack !== null) parts.push(`ack ${syn ? ev.ack : (ev.rel.ack ?? ev.ack)}`);
  parts.push(`win ${ev.win}`);
  const options = ev.options ?? (ev.tsval !== undefined ? `nop,nop,TS val ${ev.tsval} ecr ${ev.tsecr}` : undefined);
  if (options) parts.push(`options [${options}]`);
  parts.push(`length ${ev.len}`);
  return `${ev.src.charCodeAt(0) === 91 ? "IP6" : "IP"} ${dotted(ev.src)} > ${dotted(ev.dst)}: ${parts.join(", ")}`;
}

/** One `ss -tan`-like line: `ESTAB 0 0 10.0.0.1:40000 10.0.0.2:80 timer:(on,200ms,0)`. */
export function formatSsLine(s: SocketSnapshot): string {
  const timer = s.timer ? ` timer:(${s.timer.kind},${Math.round(s.timer.leftMs)}ms,${s.timer.retrans})` : "";
  return `${SS_STATE_NAMES[s.state]} ${s.recvQ} ${s.sendQ} ${s.local} ${s.remote}${timer}`;
}

/**
 * The `ss -ti` line of a connection, as iproute2 prints it (tcp_show_info): `rto:204
 * rtt:0.036/0.018`, then `backoff:N` and `retrans:a/b` only when non-zero. Empty without info.
 */
export function formatSsInfo(s: SocketSnapshot): string {
  const i = s.info;
  if (!i) return "";
  const parts = [`rto:${i.rto}`];
  if (i.rtt > 0) parts.push(`rtt:${i.rtt}/${i.rttvar}`);
  if (i.backoff > 0) parts.push(`backoff:${i.backoff}`);
  if (i.totalRetrans > 0) parts.push(`retrans:${i.retrans}/${i.totalRetrans}`);
  return parts.join(" ");
}

export type FormatOptions = {
  /** Language of notes. */
  lang?: "en" | "zh";
  /** Print segments as tcpdump does (with windows and options) instead of the facts' notation. */
  tcpdump?: boolean;
  /** Show timer set/cancel events too (fires are always shown). */
  timers?: boolean;
};

function describe(ev: TraceEvent, o: Required<FormatOptions>): string | null {
  switch (ev.kind) {
    case "segment": {
      const fate = ev.fate === "delivered" ? "" : `  ✗ ${ev.fate}${ev.cause ? ` (${ev.cause})` : ""}`;
      const rtx = ev.retransmission ? "  [retransmission]" : "";
      const copy = ev.copyOf !== undefined ? `  [copy of #${ev.copyOf}]` : "";
      if (o.tcpdump) return `${ev.from.padEnd(8)} #${ev.id} ${formatTcpdump(ev)}${rtx}${copy}${fate}`;
      return `${ev.from.padEnd(8)} #${ev.id} ${formatSegment(ev)}  (${ev.src} > ${ev.dst})${rtx}${copy}${fate}`;
    }
    case "state":
      return `${ev.host.padEnd(8)} ${ev.socket}: ${ev.from} → ${ev.to} (${ev.cause})`;
    case "call": {
      const args = Object.entries(ev.args)
        .map(([k, v]) => `${k}=${typeof v === "string" ? JSON.stringify(v) : String(v)}`)
        .join(", ");
      return `${ev.host.padEnd(8)} ${ev.call}(${[ev.sock, args].filter(Boolean).join(", ")})`;
    }
    case "return": {
      const val = ev.errno ? `-1 ${ev.errno}` : String(ev.value);
      const extra = [
        ev.data !== undefined ? `data=${JSON.stringify(ev.data)}` : "",
        ev.as !== undefined ? `as=${ev.as} (${ev.accepted}${ev.peer !== undefined ? `, peer ${ev.peer}` : ""})` : "",
        ev.soError !== undefined ? `SO_ERROR=${ev.soError ?? 0}` : "",
        ev.blockedMs > 0 ? `blocked ${ev.blockedMs} ms` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `${ev.host.padEnd(8)} ${ev.call}(${ev.sock}) = ${val}${extra ? `  (${extra})` : ""}`;
    }
    case "timer":
      if (ev.action !== "fire" && !o.timers) return null;
      return `${ev.host.padEnd(8)} ${ev.socket}: timer ${ev.timer} ${ev.action}${ev.at !== undefined ? ` → ${ev.at} ms` : ""}${ev.retries !== undefined ? ` (retries ${ev.retries})` : ""}`;
    case "note":
      return `${(ev.host ?? "").padEnd(8)} note: ${ev.message[o.lang]}`;
  }
}

/** A readable timeline: segments like tcpdump, state changes, calls and returns, timers, notes. */
export function formatTraceText(trace: Trace, options: FormatOptions = {}): string {
  const o: Required<FormatOptions> = { lang: options.lang ?? "en", timers: options.timers ?? false, tcpdump: options.tcpdump ?? false };
  const sc = trace.scenario;
  const lines: string[] = [
    `# tcplab trace: profile ${sc.profile}, seed ${sc.seed}, hosts ${sc.hosts.map((h) => `${h.name}=${h.ip}${h.ip6 ? `,${h.ip6}` : ""}`).join(" ")}, latency ${sc.link.latencyMs} ms`,
  ];
  for (const ev of trace.events) {
    const d = describe(ev, o);
    if (d !== null) lines.push(`${ev.t.toFixed(3).padStart(12)}  ${d}`);
  }
  lines.push(`# ended at ${trace.endedAt} ms${trace.truncated ? " (truncated)" : ""}; sockets:`);
  for (const s of trace.final) {
    const info = formatSsInfo(s);
    lines.push(`#   ${s.host.padEnd(8)} ${(s.handle ?? s.socket).padEnd(6)} ${formatSsLine(s)}${info ? `  ${info}` : ""}`);
  }
  return lines.join("\n") + "\n";
}
