import { describe, expect, it } from "vitest";
import factsJson from "./kernel-facts/facts.json";
import type { SegmentEvent, Trace } from "./types";
import { formatTcpdump } from "./format";
import { listener, loopback, twoHosts } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");
type HandshakeSeg = { flags: string; win: number; opts?: string };
const fact01 = (factsJson as unknown as { id: string; observed: { handshake_segments: HandshakeSeg[] } }[]).find((f) => f.id === "01-handshake-ipv4");

/** Our options in the facts' short notation: "mss=65495,sackOK,TS,wscale=10". */
const short = (o: string | undefined): string | undefined =>
  o
    ?.split(",")
    .filter((x) => x !== "nop")
    .map((x) => (x.startsWith("TS ") ? "TS" : x.replace(" ", "=")))
    .join(",");

const handshake = (extra: Parameters<typeof loopback>[1] = {}): Trace =>
  loopback([...listener("lo", "127.0.0.1", 5001, 8), { at: 1, host: "lo", sock: "c", call: "connect", to: "127.0.0.1:5001" }], extra);

describe("TCP options and windows in the handshake (kernel fact 01)", () => {
  it("should offer mss, sackOK, timestamps and wscale 10 with the windows the kernel used", () => {
    const want = fact01?.observed.handshake_segments ?? [];
    expect(want).toHaveLength(3);
    const got = segs(handshake()).slice(0, 3);
    expect(got.map((s) => ({ flags: s.flags.join(","), win: s.win }))).toEqual(want.map((w) => ({ flags: w.flags, win: w.win })));
    expect(got.slice(0, 2).map((s) => short(s.options))).toEqual(want.slice(0, 2).map((w) => w.opts));
    // After the handshake only the timestamp rides along (tcp_established_options).
    expect(formatTcpdump(got[2] as SegmentEvent)).toMatch(/options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
  });

  it("should echo the peer's TSval in TSecr and print segments as tcpdump does", () => {
    const [syn, synack, ack] = segs(handshake());
    expect(syn?.tsecr).toBe(0);
    expect(synack?.tsecr).toBe(syn?.tsval);
    expect(ack?.tsecr).toBe(synack?.tsval);
    expect(syn?.options).toContain(`TS val ${syn?.tsval} ecr 0`);
    expect(formatTcpdump(syn as SegmentEvent)).toMatch(/^IP 127\.0\.0\.1\.\d+ > 127\.0\.0\.1\.5001: Flags \[S\], seq \d+, win 65495, options \[mss 65495,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/);
    // A pure ACK has no seq in tcpdump's output (kernel fact 12's captures: "Flags [.], ack 1, win 64").
    expect(formatTcpdump(ack as SegmentEvent)).toMatch(/Flags \[\.\], ack 1, win 64, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
  });

  it("should leave out what either side turned off (tcp_timestamps, tcp_sack, tcp_window_scaling)", () => {
    const noTs = segs(handshake({ hosts: [{ name: "lo", ip: "127.0.0.1", sysctl: { tcp_timestamps: 0 } }] }));
    expect(noTs[0]?.options).toBe("mss 65495,nop,nop,sackOK,nop,wscale 10");
    // Without timestamps the server's segments carry full 65495-byte segments: window 65495.
    expect(noTs[1]?.win).toBe(65495);
    expect(noTs[2]?.options).toBeUndefined();
    const noSack = segs(handshake({ sysctl: { tcp_sack: 0, tcp_window_scaling: 0 } }));
    expect(noSack[0]?.options).toMatch(/^mss 65495,nop,nop,TS val \d+ ecr 0$/);
    expect(noSack[2]?.win).toBe(65495); // unscaled
  });

  it("should use the Ethernet windows for an MSS of 1460 (64240 in the SYN, 65160 in the SYN-ACK)", () => {
    const t = twoHosts([...listener("server", "10.0.0.2", 80, 8), { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }], { link: { latencyMs: 1, mss: 1460 } });
    expect(segs(t).slice(0, 2).map((s) => s.win)).toEqual([64240, 65160]);
  });

  it("should send no loss probe without SACK (tcp_schedule_loss_probe needs tcp_is_sack)", () => {
    const t = twoHosts(
      [...listener("server", "10.0.0.2", 80, 8), { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" }, { at: 10, host: "client", sock: "c", call: "send", data: "x" }],
      { sysctl: { tcp_sack: 0 }, faults: [{ action: "drop", match: { from: "client", data: true }, count: 1 }] },
    );
    expect(t.counters.client?.TcpExtTCPLossProbes).toBe(0);
    expect(t.counters.client?.TcpExtTCPTimeouts).toBe(1);
  });
});
