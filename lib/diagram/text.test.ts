import { describe, expect, it } from "vitest";
import { callText, formatDuration, formatTime, returnText, segmentText } from "./text";

describe("formatTime", () => {
  it("should keep microsecond precision (the engine's resolution)", () => {
    const cases = [[0, "0 ms"], [5.01, "5.01 ms"], [306.6, "306.6 ms"], [1000.01, "1.00001 s"], [60_000, "60 s"]] as const;
    for (const [ms, text] of cases) expect(formatTime(ms)).toBe(text);
  });
});

describe("formatDuration", () => {
  it("should round for a glance", () => {
    expect(formatDuration(40)).toBe("40 ms");
    expect(formatDuration(59_940)).toBe("59.9 s");
    expect(formatDuration(240_000)).toBe("4 min");
  });
});

describe("segment and call text", () => {
  it("should print flags, label and length like the kernel facts", () => {
    expect(segmentText({ flags: ["PSH", "ACK"], label: "seq=x+1 ack=y+1", len: 8 })).toBe("[PSH,ACK] seq=x+1 ack=y+1 len=8");
    expect(segmentText({ flags: ["RST", "ACK"], label: "seq=0 ack=x+1", len: 0 })).toBe("[RST,ACK] seq=0 ack=x+1");
  });

  it("should print calls the way a C programmer writes them", () => {
    expect(callText("listen", { backlog: 2 })).toBe("listen(2)");
    expect(callText("bind", { ip: "::1", port: 5002 })).toBe("bind([::1]:5002)");
    expect(callText("bind", { ip: "10.0.0.2", port: 80 })).toBe("bind(10.0.0.2:80)");
    expect(callText("bind", { port: 80 })).toBe("bind(80)");
    expect(callText("socket", { family: "AF_INET6" })).toBe("socket(AF_INET6, SOCK_STREAM, 0)");
    expect(callText("socket", {})).toBe("socket()");
    expect(callText("setsockopt", { opt: "SO_LINGER", value: true, linger: 0 })).toBe("setsockopt(SO_LINGER, {1, 0})");
    expect(callText("connect", { to: "server:80", nonblocking: true })).toBe("connect(server:80, O_NONBLOCK)");
    expect(callText("close", {})).toBe("close()");
  });

  it("should print -1 and errno for a failed call", () => {
    expect(returnText({ value: null, errno: "ECONNREFUSED" })).toBe("= -1 ECONNREFUSED");
    expect(returnText({ value: 5, errno: null })).toBe("= 5");
  });
});
