import type { SegmentEvent, SocketSnapshot, Trace } from "./types";

/** One segment like the kernel facts print it: `C->S [SYN,ACK] seq=y ack=x+1`. */
export function formatSegment(ev: SegmentEvent): string {
  return `${ev.from}->${ev.to ?? ev.dst} [${ev.flags.join(",")}] ${ev.label}${ev.len ? ` len=${ev.len}` : ""}`;
}

/** One `ss -tan`-like line. */
export function formatSsLine(s: SocketSnapshot): string {
  return `${s.state} ${s.recvQ} ${s.sendQ} ${s.local} ${s.remote}`;
}

/** A readable timeline: segments like tcpdump, state changes, calls and returns, timers. */
export function formatTraceText(trace: Trace): string {
  void trace;
  throw new Error("formatTraceText: not implemented yet (issue #3)");
}
