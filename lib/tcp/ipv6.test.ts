/**
 * IPv6 (issue #17 item 3) beyond what kernel fact 12 replays: the scenario schema, the socket
 * family rules of socket()/bind()/connect() (errno as net/ipv4/af_inet.c, net/ipv6/af_inet6.c and
 * tcp_v6_connect() return them), hosts with IPv6 addresses talking across a link, and how a
 * trace prints IPv6 endpoints.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "./scenario";
import type { StepInput } from "./scenario";
import type { ReturnEvent, SegmentEvent, Trace } from "./types";
import { simulate, simulateInput } from "./engine";
import { PRESETS } from "./presets";
import { formatSsLine, formatTcpdump, formatTraceText } from "./format";
import { canonicalIp, endpoint, unmapV4 } from "./addr";
import { find, loopback, snapAt, traceSegments, shape } from "./test-support";

const segs = (t: Trace): SegmentEvent[] => t.events.filter((e): e is SegmentEvent => e.kind === "segment");
const ret = (t: Trace, call: string, sock: string): ReturnEvent | undefined =>
  t.events.find((e): e is ReturnEvent => e.kind === "return" && e.call === call && e.sock === sock);

/** Two hosts with IPv6 addresses (RFC 4193 unique local), 1 ms apart on an Ethernet-sized link. */
function sixHosts(script: StepInput[], extra: Record<string, unknown> = {}): Trace {
  return simulateInput({
    seed: 3,
    hosts: [
      { name: "client", ip: "10.0.0.1", ip6: "fd00::1" },
      { name: "server", ip: "10.0.0.2", ip6: "fd00:0:0::2" },
    ],
    link: { latencyMs: 1, mss: 1460 },
    script,
    ...extra,
  });
}

describe("IPv6 addresses in the scenario schema", () => {
  const base = (hosts: unknown[], script: unknown[] = []) => ({ hosts, script });

  it("should accept IPv6 host addresses and reject the wildcard, v4-mapped and malformed ones", () => {
    expect(parseScenario(base([{ name: "a", ip: "10.0.0.1", ip6: "fd00::1" }])).ok).toBe(true);
    expect(parseScenario(base([{ name: "a", ip: "127.0.0.1", ip6: "::1" }])).ok).toBe(true);
    for (const bad of ["::", "::ffff:10.0.0.1", "fd00:::1", "fd00::g", "10.0.0.1", "1:2:3:4:5:6:7:8:9"]) {
      const r = parseScenario(base([{ name: "a", ip: "10.0.0.1", ip6: bad }]));
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.issues[0]?.path).toBe("hosts.0.ip6");
    }
  });

  it("should see two spellings of one IPv6 address as a duplicate", () => {
    const r = parseScenario(
      base([
        { name: "a", ip: "10.0.0.1", ip6: "fd00::1" },
        { name: "b", ip: "10.0.0.2", ip6: "FD00:0:0:0::0001" },
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(["hosts.1.ip6"]);
  });

  it("should take bracketed IPv6 destinations, IPv6 bind addresses, a socket family and IPV6_V6ONLY", () => {
    const ok = parseScenario(
      base(
        [{ name: "a", ip: "10.0.0.1" }],
        [
          { at: 0, host: "a", sock: "s", call: "socket", family: "AF_INET6" },
          { at: 0, host: "a", sock: "s", call: "setsockopt", opt: "IPV6_V6ONLY", value: true },
          { at: 0, host: "a", sock: "s", call: "bind", ip: "::", port: 80 },
          { at: 1, host: "a", sock: "c", call: "connect", to: "[::ffff:127.0.0.1]:80" },
        ],
      ),
    );
    expect(ok.ok).toBe(true);
    const bad = parseScenario(
      base(
        [{ name: "a", ip: "10.0.0.1" }],
        [
          { at: 0, host: "a", sock: "s", call: "bind", ip: "fd00::zz", port: 80 },
          { at: 1, host: "a", sock: "d", call: "socket", family: "AF_UNIX" },
        ],
      ),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(["script.0.ip", "script.1.family"]);
    // Checked once the shape is right (the scenario's cross-field pass).
    const badTo = parseScenario(base([{ name: "a", ip: "10.0.0.1" }], [{ at: 1, host: "a", sock: "c", call: "connect", to: "[fd00:::2]:80" }]));
    expect(badTo.ok).toBe(false);
    if (!badTo.ok) expect(badTo.issues.map((i) => i.path)).toEqual(["script.0.to"]);
  });
});

describe("addresses (RFC 5952 text, RFC 4291 v4-mapped, RFC 3986 brackets)", () => {
  it("should print IPv6 addresses canonically", () => {
    expect(canonicalIp("FD00:0000:0:0::0001")).toBe("fd00::1");
    expect(canonicalIp("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1"); // RFC 5952 §4.2.3: the first of equal runs
    expect(canonicalIp("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1"); // §4.2.2: one zero group stays
    expect(canonicalIp("0:0:0:0:0:ffff:7f00:1")).toBe("::ffff:127.0.0.1"); // §5: v4-mapped keeps the dotted quad
    expect(canonicalIp("10.0.0.1")).toBe("10.0.0.1");
    expect(canonicalIp("10.0.0")).toBeNull();
    expect(unmapV4("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(unmapV4("::1")).toBeNull();
    expect(endpoint("::1", 5002)).toBe("[::1]:5002");
    expect(endpoint("10.0.0.1", 80)).toBe("10.0.0.1:80");
  });
});

describe("an IPv6 connection between two hosts", () => {
  const lifecycle = (): Trace =>
    sixHosts([
      { at: 0, host: "server", sock: "l", call: "bind", ip: "::", port: 80 },
      { at: 0, host: "server", sock: "l", call: "listen", backlog: 8 },
      { at: 0, host: "server", sock: "l", call: "accept", as: "s" },
      { at: 1, host: "client", sock: "c", call: "socket", family: "AF_INET6" },
      { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
      { at: 10, host: "client", sock: "c", call: "send", bytes: 3000 },
      { id: "r", at: 20, host: "server", sock: "s", call: "recv" },
      { at: 30, host: "client", sock: "c", call: "close" },
      { id: "eof", after: "r", delayMs: 15, host: "server", sock: "s", call: "recv" },
      { after: "eof", host: "server", sock: "s", call: "close" },
    ]);

  it("should run the whole lifecycle with IPv6 endpoints, relative labels and TIME-WAIT on the closer", () => {
    const t = lifecycle();
    const first = segs(t)[0];
    expect(first?.src).toMatch(/^\[fd00::1\]:\d+$/); // a host name from an AF_INET6 socket resolves to its IPv6 address
    expect(first?.dst).toBe("[fd00::2]:80");
    const shapes = traceSegments(t).map(shape);
    expect(shapes.slice(0, 3)).toEqual(["C->S [SYN] seq=x", "S->C [SYN,ACK] seq=y ack=x+1", "C->S [ACK] seq=x+1 ack=y+1"]);
    const c = find(snapAt(t, 100), "client", "c");
    expect(c?.state).toBe("TIME-WAIT");
    expect(c?.local).toMatch(/^\[fd00::1\]:\d+$/);
    expect(c?.remote).toBe("[fd00::2]:80");
    expect(ret(t, "accept", "l")?.peer).toBe(c?.local);
  });

  it("should cut data into segments 20 bytes smaller than IPv4's on the same link (MTU 1500 ⇒ MSS 1440)", () => {
    const t = lifecycle();
    const data = segs(t).filter((e) => e.len > 0);
    // link.mss 1460 is IPv4's (1500 − 20 − 20); IPv6's header is 40 bytes: 1500 − 40 − 20.
    expect(data.map((e) => e.len)).toEqual([1440, 1440, 120]);
    expect(segs(t)[0]?.options).toMatch(/^mss 1440,/);
    // tcp_select_initial_window(): 64 KiB rounded down to whole segments (the SYN-ACK's less 12 bytes of timestamps).
    expect(segs(t)[0]?.win).toBe(Math.floor(65536 / 1440) * 1440);
    expect(segs(t)[1]?.win).toBe(Math.floor(65536 / 1428) * 1428);
  });

  it("should print the trace's header, tcpdump lines and ss lines with IPv6 addresses", () => {
    const t = lifecycle();
    const text = formatTraceText(t, { tcpdump: true });
    expect(text.split("\n")[0]).toContain("client=10.0.0.1,fd00::1 server=10.0.0.2,fd00:0:0::2");
    expect(formatTcpdump(segs(t)[0] as SegmentEvent)).toMatch(/^IP6 fd00::1\.\d+ > fd00::2\.80: Flags \[S\], seq \d+, win 64800, options \[mss 1440,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/);
    const listenerLine = formatSsLine(find(snapAt(t, 5), "server", "l") as never);
    expect(listenerLine).toBe("LISTEN 0 8 *:80 *:*");
  });

  it("should answer a SYN to a closed IPv6 port with RST,ACK and name the port in brackets", () => {
    const t = sixHosts([{ at: 1, host: "client", sock: "c", call: "connect", to: "[fd00::2]:81" }]);
    expect(ret(t, "connect", "c")?.errno).toBe("ECONNREFUSED");
    const rst = segs(t)[1];
    expect(rst?.flags).toEqual(["RST", "ACK"]);
    expect(rst?.src).toBe("[fd00::2]:81");
    const note = t.events.find((e) => e.kind === "note" && e.code === "rst-refused");
    expect(note?.kind === "note" && note.message.en).toContain("[fd00::2]:81");
  });

  it("should reach a host without an IPv6 address through its v4-mapped address (IPv4 on the wire)", () => {
    const t = simulateInput({
      hosts: [
        { name: "client", ip: "10.0.0.1", ip6: "fd00::1" },
        { name: "server", ip: "10.0.0.2" },
      ],
      script: [
        { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
        { at: 0, host: "server", sock: "l", call: "listen", backlog: 8 },
        { at: 1, host: "client", sock: "c", call: "socket", family: "AF_INET6" },
        { at: 1, host: "client", sock: "c", call: "connect", to: "server:80" },
      ],
      untilMs: 10,
    });
    expect(ret(t, "connect", "c")?.errno).toBeNull();
    expect(segs(t)[0]?.dst).toBe("10.0.0.2:80");
    expect(find(snapAt(t, 5), "client", "c")?.remote).toBe("[::ffff:10.0.0.2]:80");
  });
});

describe("socket families and their errors", () => {
  const one = (script: StepInput[], hostExtra: Record<string, unknown> = {}): Trace =>
    simulateInput({ seed: 1, hosts: [{ name: "h", ip: "10.0.0.1", ...hostExtra }], script, untilMs: 5 });

  it("should refuse an address of the other family (inet_bind EAFNOSUPPORT, __inet6_bind/tcp_v6_connect EINVAL)", () => {
    const t = one([
      { at: 0, host: "h", sock: "a", call: "socket", family: "AF_INET" },
      { at: 0, host: "h", sock: "a", call: "bind", ip: "::1", port: 80 },
      { at: 0, host: "h", sock: "b", call: "socket", family: "AF_INET" },
      { at: 0, host: "h", sock: "b", call: "connect", to: "[::1]:80" },
      { at: 0, host: "h", sock: "c", call: "socket", family: "AF_INET6" },
      { at: 0, host: "h", sock: "c", call: "bind", ip: "127.0.0.1", port: 80 },
      { at: 0, host: "h", sock: "d", call: "socket", family: "AF_INET6" },
      { at: 0, host: "h", sock: "d", call: "connect", to: "127.0.0.1:80" },
    ]);
    expect(["a", "b", "c", "d"].map((h) => ret(t, h === "a" || h === "c" ? "bind" : "connect", h)?.errno)).toEqual([
      "EAFNOSUPPORT",
      "EAFNOSUPPORT",
      "EINVAL",
      "EINVAL",
    ]);
  });

  it("should refuse a v4-mapped bind on a V6ONLY socket and an IPv6 address the host does not own", () => {
    const t = one(
      [
        { at: 0, host: "h", sock: "a", call: "setsockopt", opt: "IPV6_V6ONLY", value: true },
        { at: 0, host: "h", sock: "a", call: "bind", ip: "::ffff:127.0.0.1", port: 80 },
        { at: 0, host: "h", sock: "b", call: "bind", ip: "fd00::9", port: 80 },
        { at: 0, host: "h", sock: "c", call: "bind", ip: "fd00::1", port: 80 },
      ],
      { ip6: "fd00::1" },
    );
    expect(ret(t, "bind", "a")?.errno).toBe("EINVAL");
    expect(ret(t, "bind", "b")?.errno).toBe("EADDRNOTAVAIL");
    expect(ret(t, "bind", "c")?.errno).toBeNull();
  });

  it("should have no route to a foreign IPv6 address without an IPv6 address of its own (ENETUNREACH), and black-hole it with one", () => {
    const none = one([{ at: 0, host: "h", sock: "c", call: "connect", to: "[fd00::9]:80" }]);
    expect(ret(none, "connect", "c")?.errno).toBe("ENETUNREACH");
    const withIp = one([{ at: 0, host: "h", sock: "c", call: "connect", to: "[fd00::9]:80", nonblocking: true }], { ip6: "fd00::1" });
    expect(ret(withIp, "connect", "c")?.errno).toBe("EINPROGRESS");
    expect(segs(withIp)[0]).toMatchObject({ src: expect.stringMatching(/^\[fd00::1\]:/), dst: "[fd00::9]:80", to: null, cause: "no-host" });
  });

  it("should serve IPv4 from the AF_INET listener and IPv6 from the V6ONLY one when both hold the port", () => {
    const t = loopback([
      { at: 0, host: "lo", sock: "l4", call: "bind", ip: "0.0.0.0", port: 80 },
      { at: 0, host: "lo", sock: "l4", call: "listen", backlog: 8 },
      { at: 0, host: "lo", sock: "l6", call: "setsockopt", opt: "IPV6_V6ONLY", value: true },
      { at: 0, host: "lo", sock: "l6", call: "bind", ip: "::", port: 80 },
      { at: 0, host: "lo", sock: "l6", call: "listen", backlog: 8 },
      { at: 1, host: "lo", sock: "a", call: "connect", to: "127.0.0.1:80" },
      { at: 2, host: "lo", sock: "b", call: "connect", to: "[::1]:80" },
    ]);
    const children = snapAt(t, 5).filter((s) => s.socket.includes("#"));
    expect(children.map((s) => `${s.socket} ${s.local}`).sort()).toEqual(["l4#1 127.0.0.1:80", "l6#1 [::1]:80"]);
  });

  it("should let an AF_INET6 socket bound to a v4-mapped address take IPv4 clients only", () => {
    const t = loopback([
      { at: 0, host: "lo", sock: "l", call: "bind", ip: "::ffff:127.0.0.1", port: 80 },
      { at: 0, host: "lo", sock: "l", call: "listen", backlog: 8 },
      { at: 1, host: "lo", sock: "a", call: "connect", to: "127.0.0.1:80" },
      { at: 2, host: "lo", sock: "b", call: "connect", to: "[::1]:80" },
    ]);
    expect(ret(t, "connect", "a")?.errno).toBeNull();
    expect(ret(t, "connect", "b")?.errno).toBe("ECONNREFUSED");
    // Recv-Q 1: the IPv4 client waits in the accept queue.
    expect(formatSsLine(find(snapAt(t, 5), "lo", "l") as never)).toBe("LISTEN 1 8 [::ffff:127.0.0.1]:80 *:*");
  });

  it("should make every AF_INET6 socket V6ONLY under net.ipv6.bindv6only = 1 (per host)", () => {
    const t = simulateInput({
      hosts: [{ name: "lo", ip: "127.0.0.1", sysctl: { bindv6only: 1 } }],
      script: [
        { at: 0, host: "lo", sock: "l", call: "bind", ip: "::", port: 80 },
        { at: 0, host: "lo", sock: "l", call: "listen", backlog: 8 },
        { at: 1, host: "lo", sock: "a", call: "connect", to: "127.0.0.1:80" },
      ],
      untilMs: 5,
    });
    expect(ret(t, "connect", "a")?.errno).toBe("ECONNREFUSED");
    expect(formatSsLine(find(snapAt(t, 5), "lo", "l") as never)).toBe("LISTEN 0 8 [::]:80 [::]:*");
  });
});

describe("MSS and timestamps on loopback", () => {
  const bulk = (sysctl: Record<string, number>, to: string): number[] =>
    segs(
      loopback(
        [
          { at: 0, host: "lo", sock: "l", call: "bind", ip: to.startsWith("[") ? "::1" : "127.0.0.1", port: 80 },
          { at: 0, host: "lo", sock: "l", call: "listen", backlog: 8 },
          { at: 1, host: "lo", sock: "c", call: "connect", to },
          { at: 2, host: "lo", sock: "c", call: "send", bytes: 200_000 },
        ],
        { sysctl, untilMs: 10 },
      ),
    )
      .filter((e) => e.len > 0)
      .map((e) => e.len);

  it("should carry the announced MSS less 12 bytes of timestamps, the whole MSS without them", () => {
    // mss_cache = advmss − TCPOLEN_TSTAMP_ALIGNED: 65495 − 12 on IPv4, 65476 − 12 on IPv6 (fact 12).
    expect(Math.max(...bulk({}, "127.0.0.1:80"))).toBe(65495 - 12);
    expect(Math.max(...bulk({}, "[::1]:80"))).toBe(65476 - 12);
    expect(Math.max(...bulk({ tcp_timestamps: 0 }, "127.0.0.1:80"))).toBe(65495);
    expect(Math.max(...bulk({ tcp_timestamps: 0 }, "[::1]:80"))).toBe(65476);
  });

  it("should announce the IPv6 MSS in the rfc9293 profile too (it is the link's, not Linux's)", () => {
    const t = loopback(
      [
        { at: 0, host: "lo", sock: "l", call: "bind", ip: "::1", port: 80 },
        { at: 0, host: "lo", sock: "l", call: "listen", backlog: 8 },
        { at: 1, host: "lo", sock: "c", call: "connect", to: "[::1]:80" },
      ],
      { profile: "rfc9293", untilMs: 5 },
    );
    expect(segs(t).slice(0, 2).map((e) => e.options)).toEqual(["mss 65476", "mss 65476"]);
  });
});

describe("the ipv6-dual-stack preset says what its trace shows", () => {
  it("should accept an IPv6 client and a v4-mapped IPv4 one on [::]:80, with 1440- and 1460-byte segments", () => {
    const t = simulate(PRESETS["ipv6-dual-stack"].scenario);
    expect(ret(t, "accept", "l")?.peer).toMatch(/^\[fd00::1\]:\d+$/);
    const second = t.events.filter((e): e is ReturnEvent => e.kind === "return" && e.call === "accept")[1];
    expect(second?.peer).toMatch(/^\[::ffff:10\.0\.0\.1\]:\d+$/);
    const dataFrom = (prefix: string) => segs(t).filter((e) => e.len > 0 && e.src.startsWith(prefix)).map((e) => e.len);
    expect(dataFrom("[fd00::1]")).toEqual([1440, 560]);
    expect(dataFrom("10.0.0.1")).toEqual([1460, 540]);
    expect(t.truncated).toBe(false);
  });
});
