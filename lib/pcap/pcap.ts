/**
 * A simulated trace as a classic libpcap capture file (what `tcpdump -w` writes), so a run opens
 * in Wireshark, tshark and tcpdump. No maintained npm package writes pcap files, so this is a
 * small writer verified against the real tshark in `pcap.test.ts` (issue #19 item 3).
 *
 * Pure: no framework imports, no clock. Same trace ⇒ byte-identical file.
 *
 * Formats written (all cited from their specifications):
 * - File: libpcap "classic" format, draft-ietf-opsawg-pcap §4 (file header) and §5 (packet
 *   record): magic 0xA1B2C3D4 (microsecond timestamps), version 2.4, LinkType 1 = LINKTYPE_ETHERNET.
 *   Simulated times are whole microseconds (lib/tcp/types.ts), so the timestamps are exact;
 *   simulated time 0 is written as the Unix epoch.
 * - Ethernet II (IEEE 802.3 §3.2.6 with an EtherType), locally administered MACs derived from the
 *   IP address (the simulator has no link layer).
 * - IPv4 (RFC 791 §3.1) with DF set, TTL 64 like Linux (`sysctl net.ipv4.ip_default_ttl`), or IPv6
 *   (RFC 8200 §3) with hop limit 64 when the endpoints are IPv6.
 * - TCP (RFC 9293 §3.1) with the checksum over the pseudo-header (RFC 9293 §3.1 for IPv4,
 *   RFC 8200 §8.1 for IPv6).
 *
 * What the simulator does not model is written as a constant and said here: the receive window
 * (65535), the IP identification (the frame's number), the payload bytes of `send {bytes: n}`
 * (zeros; `send {data}` writes the text that was sent). The MSS option (RFC 9293 §3.7.1) is
 * written on every SYN with the value the trace says it announced (`mss 65495` on IPv4
 * loopback, `mss 65476` on IPv6 — kernel fact 12), as Linux always sends it; a SYN-ACK sent
 * without a socket (a SYN cookie's) carries the link's MSS.
 */
import type { SegmentEvent, TcpFlag, Trace } from "@/lib/tcp/types";
import { parseIpv6Groups } from "@/lib/tcp/addr";

/** TCP header flag bits, RFC 9293 §3.1 ("Control bits"). */
const FLAG_BITS: Record<TcpFlag, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

/** Window written in every segment: the simulator does not model receive windows. */
export const PCAP_WINDOW = 65535;
const TTL = 64;

export type IpAddress = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };
export type ParsedEndpoint = { ip: IpAddress; port: number };

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from(parts.map(Number));
}

/** `"10.0.0.1:80"` or `"[fd00::1]:80"` (RFC 3986 §3.2.2 brackets, as `ss` prints IPv6). */
export function parseEndpoint(endpoint: string): ParsedEndpoint {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(endpoint) ?? /^([^:]+):(\d{1,5})$/.exec(endpoint);
  const host = m?.[1] ?? "";
  const port = Number(m?.[2] ?? NaN);
  if (!m || !(port <= 65535)) throw new Error(`pcap: not an ip:port endpoint: ${endpoint}`);
  const v4 = parseIpv4(host);
  if (v4) return { ip: { family: 4, bytes: v4 }, port };
  const groups = parseIpv6Groups(host);
  if (groups) return { ip: { family: 6, bytes: Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff])) }, port };
  throw new Error(`pcap: not an IP address: ${host}`);
}

/** RFC 1071 Internet checksum (one's-complement sum of 16-bit words) over several byte ranges. */
export function internetChecksum(...chunks: Uint8Array[]): number {
  let sum = 0;
  for (const c of chunks) {
    // Every chunk but the last has even length here (headers), so words never straddle chunks.
    for (let i = 0; i < c.length; i += 2) sum += (c[i]! << 8) | (c[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Locally administered unicast MAC (IEEE 802 bit 1 of the first octet) from the last 4 IP bytes. */
function macFor(ip: IpAddress): Uint8Array {
  return Uint8Array.from([0x02, 0x00, ...ip.bytes.subarray(ip.bytes.length - 4)]);
}

/** Options of one segment in wire order. Only MSS is modelled (see the file comment). */
export type TcpOptions = { mss?: number };

function encodeOptions(opts: TcpOptions): Uint8Array {
  const out: number[] = [];
  // RFC 9293 §3.2 (option kind 2, length 4): only in SYN segments.
  if (opts.mss !== undefined) out.push(2, 4, (opts.mss >> 8) & 0xff, opts.mss & 0xff);
  while (out.length % 4 !== 0) out.push(0); // End of Option List pads to a 32-bit boundary
  return Uint8Array.from(out);
}

export type PacketInput = {
  src: ParsedEndpoint;
  dst: ParsedEndpoint;
  flags: readonly TcpFlag[];
  seq: number;
  ack: number | null;
  payload: Uint8Array;
  options: TcpOptions;
  ipId: number;
};

/** One Ethernet frame carrying one TCP segment. */
export function encodeFrame(p: PacketInput): Uint8Array {
  if (p.src.ip.family !== p.dst.ip.family) throw new Error("pcap: source and destination families differ");
  const opts = encodeOptions(p.options);
  const tcpLen = 20 + opts.length + p.payload.length;
  const tcp = new Uint8Array(tcpLen);
  const tv = new DataView(tcp.buffer);
  tv.setUint16(0, p.src.port);
  tv.setUint16(2, p.dst.port);
  tv.setUint32(4, p.seq >>> 0);
  tv.setUint32(8, (p.ack ?? 0) >>> 0);
  tv.setUint8(12, ((20 + opts.length) / 4) << 4);
  tv.setUint8(13, p.flags.reduce((bits, f) => bits | FLAG_BITS[f], 0));
  tv.setUint16(14, PCAP_WINDOW);
  tcp.set(opts, 20);
  tcp.set(p.payload, 20 + opts.length);

  const v6 = p.src.ip.family === 6;
  const pseudo = new Uint8Array(v6 ? 40 : 12);
  const pv = new DataView(pseudo.buffer);
  pseudo.set(p.src.ip.bytes, 0);
  pseudo.set(p.dst.ip.bytes, p.src.ip.bytes.length);
  if (v6) {
    pv.setUint32(32, tcpLen);
    pv.setUint8(39, 6);
  } else {
    pv.setUint8(9, 6);
    pv.setUint16(10, tcpLen);
  }
  tv.setUint16(16, internetChecksum(pseudo, tcp));

  const ipLen = v6 ? 40 : 20;
  const frame = new Uint8Array(14 + ipLen + tcpLen);
  const fv = new DataView(frame.buffer);
  frame.set(macFor(p.dst.ip), 0);
  frame.set(macFor(p.src.ip), 6);
  fv.setUint16(12, v6 ? 0x86dd : 0x0800);
  if (v6) {
    fv.setUint32(14, 0x60000000); // version 6, traffic class 0, flow label 0
    fv.setUint16(18, tcpLen);
    fv.setUint8(20, 6); // next header: TCP
    fv.setUint8(21, TTL);
    frame.set(p.src.ip.bytes, 22);
    frame.set(p.dst.ip.bytes, 38);
  } else {
    fv.setUint8(14, 0x45); // version 4, IHL 5
    fv.setUint16(16, 20 + tcpLen);
    fv.setUint16(18, p.ipId & 0xffff);
    fv.setUint16(20, 0x4000); // DF, as Linux sets on TCP (path MTU discovery, RFC 1191)
    fv.setUint8(22, TTL);
    fv.setUint8(23, 6);
    frame.set(p.src.ip.bytes, 26);
    frame.set(p.dst.ip.bytes, 30);
    fv.setUint16(24, internetChecksum(frame.subarray(14, 34)));
  }
  frame.set(tcp, 14 + ipLen);
  return frame;
}

/**
 * The bytes each socket sent, from its `send {data}` calls, so data segments carry the real text.
 * Keyed by `host/socket`; `send {bytes}` contributes zeros. Only what the call returned as sent
 * counts (a short or failed send adds less or nothing).
 */
function sentStreams(trace: Trace): Map<string, Uint8Array> {
  const pending = new Map<string, string | number>(); // host/step → data or byte count
  const parts = new Map<string, Uint8Array[]>();
  const enc = new TextEncoder();
  for (const e of trace.events) {
    if (e.kind === "call" && e.call === "send") {
      const data = e.args.data;
      pending.set(`${e.host}/${e.step}`, typeof data === "string" ? data : Number(e.args.bytes ?? 0));
    } else if (e.kind === "return" && e.call === "send" && e.socket && e.value !== null && e.value > 0) {
      const what = pending.get(`${e.host}/${e.step}`);
      const bytes = typeof what === "string" ? enc.encode(what) : new Uint8Array(e.value);
      const key = `${e.host}/${e.socket}`;
      parts.set(key, [...(parts.get(key) ?? []), bytes.subarray(0, e.value)]);
    }
  }
  const out = new Map<string, Uint8Array>();
  for (const [key, list] of parts) {
    const all = new Uint8Array(list.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of list) {
      all.set(b, at);
      at += b.length;
    }
    out.set(key, all);
  }
  return out;
}

function payloadFor(seg: SegmentEvent, streams: Map<string, Uint8Array>): Uint8Array {
  const payload = new Uint8Array(seg.len);
  if (seg.len === 0 || seg.socket === null) return payload;
  const stream = streams.get(`${seg.from}/${seg.socket}`);
  // rel.seq counts from the ISN; the SYN takes sequence number 0, so byte k of the stream has
  // relative sequence number k + 1 (RFC 9293 §3.4).
  const offset = seg.rel.seq - 1;
  if (stream && offset >= 0) payload.set(stream.subarray(offset, offset + seg.len));
  return payload;
}

/** The MSS option a SYN announced, from its tcpdump-style options (`mss 65476,sackOK,…`). */
function announcedMss(seg: SegmentEvent): number | null {
  const m = /^mss (\d+)/.exec(seg.options ?? "");
  return m ? Number(m[1]) : null;
}

/** The segments of a trace in the order they were sent (the pcap's frames). */
export function traceSegments(trace: Trace): SegmentEvent[] {
  return trace.events.filter((e): e is SegmentEvent => e.kind === "segment");
}

/** Microseconds of simulated time for a trace time in ms (times are multiples of 0.001 ms). */
export function traceMicros(ms: number): number {
  return Math.round(ms * 1000);
}

/**
 * The whole capture: every segment the trace sent, at the time it was sent, as a capture taken on
 * the wire next to the sender would show it (dropped segments included: they were sent).
 */
export function traceToPcap(trace: Trace): Uint8Array {
  const streams = sentStreams(trace);
  const linkMss = trace.scenario.link.mss;
  const segs = traceSegments(trace);
  const frames = segs.map((seg, i) =>
    encodeFrame({
      src: parseEndpoint(seg.src),
      dst: parseEndpoint(seg.dst),
      flags: seg.flags,
      seq: seg.seq,
      ack: seg.ack,
      payload: payloadFor(seg, streams),
      options: seg.flags.includes("SYN") ? { mss: announcedMss(seg) ?? linkMss } : {},
      ipId: i + 1,
    }),
  );
  const total = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  // File header, little-endian like tcpdump on x86 (readers detect the order from the magic).
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(8, 0, true); // reserved (was thiszone)
  v.setUint32(12, 0, true); // reserved (was sigfigs)
  v.setUint32(16, 65535, true); // SnapLen: every frame is written whole
  v.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  let at = 24;
  frames.forEach((f, i) => {
    const us = traceMicros(segs[i]!.t);
    v.setUint32(at, Math.floor(us / 1_000_000), true);
    v.setUint32(at + 4, us % 1_000_000, true);
    v.setUint32(at + 8, f.length, true);
    v.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}

/** File name for a download: the preset id or "tcplab", ASCII only. */
export function pcapFileName(base: string | null | undefined): string {
  const safe = (base ?? "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${safe || "tcplab"}.pcap`;
}
