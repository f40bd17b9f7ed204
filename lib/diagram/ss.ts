/**
 * An `ss -tan`-like table of socket snapshots, aligned in columns the way iproute2 prints them
 * (state names as `ss` spells them: ESTAB, SYN-RECV; kernel-facts README "Method").
 */
import { SS_STATE_NAMES, type SocketSnapshot } from "@/lib/tcp/types";

function timerText(s: SocketSnapshot): string {
  if (!s.timer) return "";
  // `ss -o` prints e.g. timer:(timewait,59sec,0) — whole seconds above 1 s, ms below.
  const left = s.timer.leftMs >= 1000 ? `${Math.floor(s.timer.leftMs / 1000)}sec` : `${Math.round(s.timer.leftMs)}ms`;
  return `timer:(${s.timer.kind},${left},${s.timer.retrans})`;
}

export function formatSsTable(sockets: SocketSnapshot[]): string {
  const header = ["Host", "State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port", "Process"];
  const rows = sockets.map((s) => [
    s.host,
    SS_STATE_NAMES[s.state],
    String(s.recvQ),
    String(s.sendQ),
    s.local,
    s.remote,
    [s.handle ?? s.socket, s.orphan ? "orphan" : "", timerText(s)].filter(Boolean).join(" "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Queue columns are right-aligned like ss; the rest left-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
