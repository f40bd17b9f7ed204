/**
 * The pcap writer checked by the real tshark (Wireshark's dissectors), not by re-reading our own
 * bytes: every preset's trace is exported, decoded with `tshark -T fields`, and every field is
 * compared with the trace itself. tshark is a Debian package installed by `.ci/run`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESET_IDS, PRESETS, simulate, simulateInput, type SegmentEvent, type Trace } from "@/lib/tcp";
import { encodeFrame, internetChecksum, parseEndpoint, pcapFileName, traceToPcap } from "./pcap";

const dir = mkdtempSync(join(tmpdir(), "tcplab-pcap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = [
  "frame.time_epoch",
  "eth.type",
  "ip.src",
  "ip.dst",
  "ipv6.src",
  "ipv6.dst",
  "ipv6.nxt",
  "ipv6.plen",
  "ipv6.hlim",
  "ip.flags.df",
  "ip.checksum.status",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.flags",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.len",
  "tcp.checksum.status",
  "tcp.options.mss_val",
  "tcp.payload",
  "_ws.malformed",
  "_ws.expert.severity",
] as const;

type Row = Record<(typeof FIELDS)[number], string>;

/** Decodes a capture file with tshark, checksum validation on, one row per frame. */
function decode(file: string): Row[] {
  const out = execFileSync(
    "tshark",
    [
      "-r", file, "-n",
      "-o", "ip.check_checksum:TRUE",
      "-o", "tcp.check_checksum:TRUE",
      "-o", "tcp.relative_sequence_numbers:FALSE",
      "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f",
      ...FIELDS.flatMap((f) => ["-e", f]),
    ],
    { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] },
  );
  return out
    .split("\n")
    .filter((l) => l.length > 0)
    .map((line) => {
      const cells = line.split("\t");
      return Object.fromEntries(FIELDS.map((f, i) => [f, cells[i] ?? ""])) as Row;
    });
}

function tshark(trace: Trace, name: string): Row[] {
  const file = join(dir, name);
  writeFileSync(file, traceToPcap(trace));
  return decode(file);
}

/**
 * Every preset's capture, decoded by one tshark run (tshark takes seconds to start on a busy
 * machine): the files are concatenated in preset order with mergecap (same package), and the rows
 * are cut back into presets by their segment counts.
 */
function decodeAllPresets(): Map<string, { trace: Trace; rows: Row[] }> {
  const traces = PRESET_IDS.map((id) => ({ id, trace: simulate(PRESETS[id].scenario) }));
  const files = traces.map(({ id, trace }) => {
    const file = join(dir, `${id}.pcap`);
    writeFileSync(file, traceToPcap(trace));
    return file;
  });
  const all = join(dir, "all-presets.pcap");
  execFileSync("mergecap", ["-a", "-F", "pcap", "-w", all, ...files], { stdio: ["ignore", "ignore", "pipe"] });
  const rows = decode(all);
  const out = new Map<string, { trace: Trace; rows: Row[] }>();
  let at = 0;
  for (const { id, trace } of traces) {
    const n = trace.events.filter((e) => e.kind === "segment").length;
    out.set(id, { trace, rows: rows.slice(at, at + n) });
    at += n;
  }
  expect(at).toBe(rows.length);
  return out;
}

/** TCP flag byte from the trace's flag names (RFC 9293 §3.1), written independently of the writer. */
function flagByte(flags: readonly string[]): number {
  const bit = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 } as const;
  return flags.reduce((n, f) => n | bit[f as keyof typeof bit], 0);
}

function hostPort(endpoint: string): [string, string] {
  const i = endpoint.lastIndexOf(":");
  return [endpoint.slice(0, i).replace(/^\[|\]$/g, ""), endpoint.slice(i + 1)];
}

/**
 * The MSS a SYN should carry: what the trace says it announced (`options: "mss 65495,…"`), or
 * the link's for a SYN sent without a socket (a SYN cookie's SYN-ACK has no options string).
 */
function synMss(seg: SegmentEvent, linkMss: number): number {
  const m = /^mss (\d+)/.exec(seg.options ?? "");
  return m ? Number(m[1]) : linkMss;
}

function expectRowMatches(row: Row, seg: SegmentEvent, linkMss: number) {
  const mss = synMss(seg, linkMss);
  const [sip, sport] = hostPort(seg.src);
  const [dip, dport] = hostPort(seg.dst);
  const v6 = sip.includes(":");
  expect(row["eth.type"]).toBe(v6 ? "0x86dd" : "0x0800");
  expect(row[v6 ? "ipv6.src" : "ip.src"]).toBe(sip);
  expect(row[v6 ? "ipv6.dst" : "ip.dst"]).toBe(dip);
  if (!v6) {
    expect(row["ip.flags.df"]).toMatch(/^(1|True)$/);
    expect(row["ip.checksum.status"]).toBe("1"); // 1 = PROTO_CHECKSUM_E_GOOD (epan/proto.h)
  } else {
    // RFC 8200 §3: next header 6 (TCP), payload length = TCP header + options + data, hop limit 64.
    expect(row["ipv6.nxt"]).toBe("6");
    const optionBytes = seg.flags.includes("SYN") ? 4 : 0;
    expect(Number(row["ipv6.plen"])).toBe(20 + optionBytes + seg.len);
    expect(row["ipv6.hlim"]).toBe("64");
  }
  expect(row["tcp.srcport"]).toBe(sport);
  expect(row["tcp.dstport"]).toBe(dport);
  expect(Number(row["tcp.flags"])).toBe(flagByte(seg.flags));
  expect(Number(row["tcp.seq_raw"])).toBe(seg.seq);
  if (seg.ack !== null) expect(Number(row["tcp.ack_raw"])).toBe(seg.ack);
  expect(Number(row["tcp.len"])).toBe(seg.len);
  expect(row["tcp.checksum.status"]).toBe("1");
  expect(row["tcp.options.mss_val"]).toBe(seg.flags.includes("SYN") ? String(mss) : "");
  // Simulated ms → seconds since the epoch, to the microsecond.
  expect(Math.round(Number(row["frame.time_epoch"]) * 1e6)).toBe(Math.round(seg.t * 1000));
  expect(row["_ws.malformed"]).toBe("");
}

describe("traceToPcap decoded by tshark", () => {
  let decoded: Map<string, { trace: Trace; rows: Row[] }>;
  beforeAll(() => {
    decoded = decodeAllPresets();
  }, 120_000);

  it.each(PRESET_IDS)("%s: every segment's addresses, ports, flags, raw seq/ack, length, options and time", (id) => {
    const { trace, rows } = decoded.get(id)!;
    const segs = trace.events.filter((e): e is SegmentEvent => e.kind === "segment");
    expect(rows).toHaveLength(segs.length);
    expect(segs.length).toBeGreaterThan(0);
    segs.forEach((seg, i) => expectRowMatches(rows[i]!, seg, trace.scenario.link.mss));
  });

  it("writes the text an application sent as the segment's payload", () => {
    const { rows } = decoded.get("normal-lifecycle")!;
    const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");
    const payloads = rows.map((r) => r["tcp.payload"].replace(/:/g, "")).filter((p) => p);
    // The preset's client sends "GET / HTTP/1.1" and the server answers "HTTP/1.1 200 OK".
    expect(payloads).toEqual([hex("GET / HTTP/1.1"), hex("HTTP/1.1 200 OK")]);
  });

  it("writes IPv6 headers for an IPv6 run: next header, payload length, hop limit, pseudo-header checksum", () => {
    // Two hosts with IPv6 addresses on an Ethernet-sized link; the client connects to the server's
    // IPv6 address, sends text and closes (issue #17 item 3).
    const trace = simulateInput({
      hosts: [
        { name: "a", ip: "10.0.0.1", ip6: "fd00::1" },
        { name: "b", ip: "10.0.0.2", ip6: "fd00::2" },
      ],
      link: { latencyMs: 1, mss: 1460 },
      script: [
        { at: 0, host: "b", sock: "l", call: "bind", ip: "::", port: 80 },
        { at: 0, host: "b", sock: "l", call: "listen", backlog: 8 },
        { at: 0, host: "b", sock: "l", call: "accept", as: "s" },
        { at: 1, host: "a", sock: "c", call: "connect", to: "[fd00::2]:80" },
        { at: 5, host: "a", sock: "c", call: "send", data: "GET / HTTP/1.1" },
        { at: 10, host: "a", sock: "c", call: "close" },
      ],
    });
    const segs = trace.events.filter((e): e is SegmentEvent => e.kind === "segment");
    const rows = tshark(trace, "v6.pcap");
    expect(rows).toHaveLength(segs.length);
    expect(rows[0]?.["ipv6.src"]).toBe("fd00::1");
    expect(rows[0]?.["ipv6.dst"]).toBe("fd00::2");
    // The MSS option of an IPv6 SYN: the link's MTU (1500) less 40 + 20 bytes of headers.
    expect(rows[0]?.["tcp.options.mss_val"]).toBe("1440");
    segs.forEach((seg, i) => expectRowMatches(rows[i]!, seg, trace.scenario.link.mss));
    const hex = Buffer.from("GET / HTTP/1.1", "utf8").toString("hex");
    expect(rows.map((r) => r["tcp.payload"].replace(/:/g, "")).filter((p) => p)).toEqual([hex]);
  });

  it("writes IPv4 packets for an IPv4 client of a dual-stack listener (the wire is IPv4, the server socket AF_INET6)", () => {
    const trace = simulateInput({
      hosts: [{ name: "lo", ip: "127.0.0.1" }],
      script: [
        { at: 0, host: "lo", sock: "l", call: "bind", ip: "::", port: 5003 },
        { at: 0, host: "lo", sock: "l", call: "listen", backlog: 8 },
        { at: 1, host: "lo", sock: "c", call: "connect", to: "127.0.0.1:5003" },
      ],
    });
    const segs = trace.events.filter((e): e is SegmentEvent => e.kind === "segment");
    const rows = tshark(trace, "mapped.pcap");
    expect(rows.map((r) => r["eth.type"])).toEqual(segs.map(() => "0x0800"));
    // Linux announces 65495 on IPv4 loopback whatever the listener's family (kernel fact 12).
    expect(rows[1]?.["tcp.options.mss_val"]).toBe("65495");
    segs.forEach((seg, i) => expectRowMatches(rows[i]!, seg, trace.scenario.link.mss));
  });
});

describe("pcap helpers", () => {
  it("computes the RFC 1071 example checksum", () => {
    // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is ~ddf2 = 220d.
    expect(internetChecksum(Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toBe(0x220d);
  });

  it("parses IPv4 and bracketed IPv6 endpoints and rejects anything else", () => {
    expect(parseEndpoint("10.0.0.2:80")).toEqual({ ip: { family: 4, bytes: Uint8Array.from([10, 0, 0, 2]) }, port: 80 });
    const v6 = parseEndpoint("[fd00::1]:443");
    expect(v6.port).toBe(443);
    expect([...v6.ip.bytes]).toEqual([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    for (const bad of ["10.0.0.256:80", "10.0.0.1", "10.0.0.1:70000", "[fd00:::1]:80", "host:80", "*:*"]) {
      expect(() => parseEndpoint(bad), bad).toThrow();
    }
  });

  it("refuses a segment whose endpoints mix IPv4 and IPv6", () => {
    expect(() =>
      encodeFrame({ src: parseEndpoint("10.0.0.1:1"), dst: parseEndpoint("[::1]:2"), flags: ["SYN"], seq: 1, ack: null, payload: new Uint8Array(), options: {}, ipId: 1 }),
    ).toThrow();
  });

  it("names downloads safely", () => {
    expect(pcapFileName("normal-lifecycle")).toBe("normal-lifecycle.pcap");
    expect(pcapFileName("../../etc/passwd")).toBe("etc-passwd.pcap");
    expect(pcapFileName(null)).toBe("tcplab.pcap");
  });
});
