import { describe, expect, it } from "vitest";
import { handshakeTrace, lostSynTrace, timeWaitTrace } from "./test-support";
import { GEOMETRY, gapFor, layoutSequence, textWidth, wrapText } from "./layout";
import { simulateInput } from "@/lib/tcp";

describe("layoutSequence: lanes and arrows", () => {
  it("should draw one lane per host, client left of server, in scenario order", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en" });
    expect(layout.lanes.map((l) => l.id)).toEqual(["client", "server"]);
    expect(layout.lanes[0]!.x).toBeLessThan(layout.lanes[1]!.x);
    expect(layout.lanes.map((l) => l.sublabel)).toEqual(["10.0.0.1", "10.0.0.2"]);
  });

  it("should show a host's IPv6 address beside its IPv4 one and fit the widest IPv6 text between lanes", () => {
    const trace = simulateInput({
      hosts: [
        { name: "client", ip: "10.0.0.1", ip6: "FD00:0::1" },
        { name: "server", ip: "255.255.255.254", ip6: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe" },
      ],
      script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "[fd00::9]:80" }],
      untilMs: 500,
    });
    const layout = layoutSequence(trace, { locale: "en" });
    // The IPv6 line is the canonical (RFC 5952) text; an address nobody owns gets a ghost lane without brackets.
    expect(layout.lanes.map((l) => [l.sublabel, l.sublabel6])).toEqual([
      ["10.0.0.1", "fd00::1"],
      ["fd00::9", ""],
      ["255.255.255.254", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"],
    ]);
    // Neighbouring lane headers, centred on their lanes, never meet (nor leave the drawing).
    const widest = (l: (typeof layout.lanes)[number]) => Math.max(textWidth(l.sublabel), textWidth(l.sublabel6));
    layout.lanes.slice(1).forEach((l, i) => {
      const prev = layout.lanes[i]!;
      expect(prev.x + widest(prev) / 2, l.id).toBeLessThan(l.x - widest(l) / 2);
    });
    expect(layout.lanes[0]!.x - widest(layout.lanes[0]!) / 2).toBeGreaterThan(0);
    expect(layout.lanes.at(-1)!.x + widest(layout.lanes.at(-1)!) / 2).toBeLessThan(layout.width);
  });

  it("should honour an explicit lane order", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en", hosts: ["server", "client"] });
    expect(layout.lanes.map((l) => l.id)).toEqual(["server", "client"]);
    expect(layout.arrows[0]!.x2).toBeLessThan(layout.arrows[0]!.x1);
  });

  it("should label the handshake segments in the kernel-fact notation", () => {
    // kernel-fact 01-handshake-ipv4: [SYN] seq=x → [SYN,ACK] seq=y ack=x+1 → [ACK] seq=x+1 ack=y+1
    const layout = layoutSequence(handshakeTrace(), { locale: "en" });
    expect(layout.arrows.map((a) => a.label)).toEqual(["[SYN] seq=x", "[SYN,ACK] seq=y ack=x+1", "[ACK] seq=x+1 ack=y+1"]);
    expect(layout.arrows.map((a) => a.fate)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("should point each arrow from sender to receiver, sloping down because time runs downwards", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en" });
    const [client, server] = layout.lanes.map((l) => l.x);
    const [syn, synack, ack] = layout.arrows;
    expect([syn!.x1, syn!.x2]).toEqual([client, server]);
    expect([synack!.x1, synack!.x2]).toEqual([server, client]);
    expect([ack!.x1, ack!.x2]).toEqual([client, server]);
    for (const a of layout.arrows) expect(a.y2).toBeGreaterThan(a.y1);
  });

  it("should start a reply no earlier than the arrival that caused it", () => {
    const [syn, synack, ack] = layoutSequence(handshakeTrace(), { locale: "en" }).arrows;
    expect(synack!.y1).toBeGreaterThanOrEqual(syn!.y2);
    expect(ack!.y1).toBeGreaterThanOrEqual(synack!.y2);
  });

  it("should keep every drawn element inside the picture", () => {
    const layout = layoutSequence(lostSynTrace(), { locale: "en" });
    for (const a of layout.arrows) {
      expect(Math.max(a.y1, a.y2)).toBeLessThanOrEqual(layout.height);
      expect(Math.max(a.x1, a.x2, a.labelX)).toBeLessThanOrEqual(layout.width);
    }
    for (const m of layout.marks) expect(m.y).toBeLessThan(layout.height);
  });
});

describe("layoutSequence: states, calls, timers", () => {
  it("should put state names on the timeline where they change, in time order", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en" });
    const client = layout.marks.filter((m) => m.kind === "state" && m.lane === "client");
    expect(client.map((m) => m.lines[0])).toEqual(["SYN-SENT", "ESTABLISHED"]);
    expect(client[0]!.y).toBeLessThan(client[1]!.y);
    expect(client.every((m) => m.x === layout.lanes[0]!.x)).toBe(true);
  });

  it("should name the socket when a host has several (listener and child)", () => {
    const server = layoutSequence(handshakeTrace(), { locale: "en" }).marks.filter((m) => m.kind === "state" && m.lane === "server");
    expect(server.map((m) => m.lines[0])).toEqual(["l: LISTEN", "l#1: SYN-RECEIVED", "l#1: ESTABLISHED"]);
  });

  it("should merge a call with its immediate return and keep a blocking call's return separate", () => {
    const marks = layoutSequence(handshakeTrace(), { locale: "en" }).marks;
    expect(marks.find((m) => m.kind === "call" && m.lane === "server")?.lines).toEqual(["listen(128) = 0"]);
    expect(marks.find((m) => m.kind === "call" && m.lane === "client")?.lines).toEqual(["connect(server:80)"]);
    expect(marks.find((m) => m.kind === "return")?.lines).toEqual(["connect() = 0"]);
  });

  it("should write the left host's annotations to its left and the right host's to its right", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en" });
    const client = layout.marks.find((m) => m.kind === "call" && m.lane === "client")!;
    const server = layout.marks.find((m) => m.kind === "call" && m.lane === "server")!;
    expect(client.anchor).toBe("end");
    expect(client.x).toBeLessThan(layout.lanes[0]!.x);
    expect(server.anchor).toBe("start");
    expect(server.x).toBeGreaterThan(layout.lanes[1]!.x);
  });

  it("should show a timer firing but not the delayed-ACK bookkeeping", () => {
    const marks = layoutSequence(lostSynTrace(), { locale: "en" }).marks.filter((m) => m.kind === "timer");
    expect(marks).toHaveLength(1);
    expect(marks[0]!.lines.join(" ")).toContain("SYN retransmission timer fired");
    expect(marks[0]!.lines.join(" ")).toContain("retry 1");
  });
});

describe("layoutSequence: loss, gaps, cut-off, highlight", () => {
  it("should stop a dropped segment halfway and mark it lost", () => {
    const layout = layoutSequence(lostSynTrace(), { locale: "en" });
    const [lost, retry] = layout.arrows;
    const [client, server] = layout.lanes.map((l) => l.x) as [number, number];
    expect(lost!.fate).toBe("dropped");
    expect(lost!.x2).toBe(client + (server - client) / 2);
    expect(lost!.sublabel).toContain("lost");
    expect(retry!.fate).toBe("delivered");
    expect(retry!.retransmission).toBe(true);
    expect(retry!.sublabel).toBe("retransmission");
  });

  it("should compress the 1 s RTO wait into a labelled break", () => {
    const layout = layoutSequence(lostSynTrace(), { locale: "en" });
    expect(layout.breaks.map((b) => b.label)).toEqual(["… 1 s …"]);
    // The t=0 group holds two lines on the client lane (SYN-SENT, the SYN); the 1 s of idle time
    // after it costs at most one capped gap plus the break marker.
    const [t0, t1000] = layout.ticks;
    expect(t1000!.t).toBe(1000);
    expect(t1000!.y - t0!.y - 2 * GEOMETRY.lineH).toBeLessThanOrEqual(GEOMETRY.maxGap + GEOMETRY.breakH);
  });

  it("should keep a 60 s TIME-WAIT short: one break, no taller than a busy second", () => {
    // kernel-fact 03a: the TIME-WAIT socket lives ~60 s (TCP_TIMEWAIT_LEN).
    const layout = layoutSequence(timeWaitTrace(), { locale: "en" });
    expect(layout.breaks.map((b) => b.label)).toEqual(["… 60 s …"]);
    expect(layout.height).toBeLessThan(400);
    const states = layout.marks.filter((m) => m.kind === "state").map((m) => m.lines[0]);
    expect(states).toEqual(["TIME-WAIT", "CLOSED"]);
  });

  it("should grow gaps with idle time but cap them", () => {
    expect(gapFor(0)).toBe(0);
    expect(gapFor(0.01)).toBeLessThan(gapFor(40));
    expect(gapFor(40)).toBeLessThan(gapFor(1000));
    expect(gapFor(60_000)).toBe(GEOMETRY.maxGap);
  });

  it("should show only what happened up to untilMs, with a segment still in flight", () => {
    // SYN-ACK leaves the server at 5.01 ms and arrives at 5.02 ms: at 5.015 ms it is on the wire.
    const layout = layoutSequence(handshakeTrace(), { locale: "en", untilMs: 5.015 });
    expect(layout.arrows.map((a) => a.fate)).toEqual(["delivered", "in-flight"]);
    expect(layout.marks.some((m) => m.lines[0] === "ESTABLISHED")).toBe(false);
    expect(layout.cut?.text).toBe("shown until 5.015 ms");
    expect(layout.arrows[1]!.y2).toBe(layout.cut!.y);
    expect(layout.endMs).toBe(5.015);
  });

  it("should highlight the requested event only", () => {
    const trace = handshakeTrace();
    const synack = trace.events.find((e) => e.kind === "segment" && e.id === 2)!;
    const layout = layoutSequence(trace, { locale: "en", highlightSeqNo: synack.seqNo });
    expect(layout.arrows.map((a) => a.highlighted)).toEqual([false, true, false]);
  });

  it("should stop drawing after maxSegments and count what it left out", () => {
    const layout = layoutSequence(handshakeTrace(), { locale: "en", maxSegments: 2 });
    expect(layout.arrows).toHaveLength(2);
    // left out: the ACK itself and what happens after its send time (the server's ESTABLISHED
    // at 5.03 ms); events at the same instant as the cut (connect() returning) are still drawn.
    expect(layout.omitted).toBe(2);
  });
});

describe("layoutSequence: language", () => {
  it("should describe the diagram and label breaks in Chinese for zh", () => {
    const layout = layoutSequence(lostSynTrace(), { locale: "zh" });
    expect(layout.description).toContain("时序图");
    // dropped SYN + retransmitted SYN + SYN-ACK
    expect(layout.description).toContain("3 个报文段");
    expect(layout.arrows[0]!.sublabel).toContain("丢失");
    expect(layout.arrows[1]!.sublabel).toBe("重传");
    // segment notation stays the same in both languages
    expect(layout.arrows[0]!.label).toBe("[SYN] seq=x");
  });

  it("should count segments and losses in the English description", () => {
    expect(layoutSequence(lostSynTrace(), { locale: "en" }).description).toContain("3 segments, 1 of them lost or dropped");
  });
});

describe("wrapText", () => {
  it("should wrap English on spaces within the width", () => {
    const lines = wrapText("The accept queue is full so the listener drops the SYN silently", 120);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("The accept queue is full so the listener drops the SYN silently");
  });

  it("should wrap Chinese between characters", () => {
    const lines = wrapText("全连接队列已满，监听套接字丢弃了这个 SYN", 96);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe("全连接队列已满，监听套接字丢弃了这个 SYN");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(8);
  });
});

describe("layoutSequence: long annotations", () => {
  it("should wrap a long call so it stays inside the side column", () => {
    const trace = handshakeTrace();
    const call = trace.events.find((e) => e.kind === "call" && e.host === "client");
    if (call?.kind !== "call") throw new Error("fixture has a client call");
    call.args = { to: "server:80", nonblocking: true };
    const layout = layoutSequence(trace, { locale: "en" });
    const mark = layout.marks.find((m) => m.kind === "call" && m.lane === "client")!;
    expect(mark.lines.join(" ")).toBe("connect(server:80, O_NONBLOCK)");
    // Anchored at its end beside the client lane: every line must fit between the time gutter and the lane.
    for (const line of mark.lines) expect(mark.x - textWidth(line)).toBeGreaterThanOrEqual(GEOMETRY.gutter);
  });
});

describe("layoutSequence: addresses nobody owns", () => {
  it("should send a segment for an unowned address to a ghost lane beside its sender, ending in a ✕ there", () => {
    // A connect() to an address no host owns: the SYN disappears (connect-timeout preset).
    const trace = lostSynTrace();
    const syn = trace.events[1]!;
    if (syn.kind !== "segment") throw new Error("fixture event 1 is the SYN");
    Object.assign(syn, { to: null, dst: "10.0.0.99:80", fate: "dropped", cause: "no-host", arriveAt: null });
    const layout = layoutSequence(trace, { locale: "en" });
    expect(layout.lanes.map((l) => l.id)).toEqual(["client", "?10.0.0.99", "server"]);
    expect(layout.lanes[1]).toMatchObject({ label: "no host", sublabel: "10.0.0.99", ghost: true });
    const arrow = layout.arrows[0]!;
    expect(arrow.fate).toBe("dropped");
    expect(arrow.x2).toBe(layout.lanes[1]!.x);
    expect(arrow.sublabel).toBe("no host at this address");
  });
});

describe("layoutSequence: highlighting merged events", () => {
  it("should highlight a call drawn together with the return that was asked for", () => {
    const trace = handshakeTrace();
    const listenReturn = trace.events.find((e) => e.kind === "return" && e.call === "listen")!;
    const layout = layoutSequence(trace, { locale: "en", highlightSeqNo: listenReturn.seqNo });
    const highlighted = layout.marks.filter((m) => m.highlighted);
    expect(highlighted.map((m) => m.lines.join(" "))).toEqual(["listen(128) = 0"]);
  });
});
