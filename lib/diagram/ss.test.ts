import { describe, expect, it } from "vitest";
import { formatSsTable } from "./ss";

describe("formatSsTable", () => {
  it("should print a listener and a TIME-WAIT socket like ss -tan", () => {
    // kernel-fact 04a-backlog-B2-syncookies1: listener `Recv-Q=3 Send-Q=2`; 03a: timewait,59sec,0
    const text = formatSsTable([
      { host: "server", socket: "l", handle: "l", state: "LISTEN", local: "10.0.0.2:80", remote: "0.0.0.0:*", recvQ: 3, sendQ: 2, orphan: false, inAcceptQueue: false },
      { host: "client", socket: "c", state: "TIME-WAIT", local: "10.0.0.1:40000", remote: "10.0.0.2:80", recvQ: 0, sendQ: 0, orphan: true, inAcceptQueue: false, timer: { kind: "timewait", leftMs: 59_400, retrans: 0 } },
      { host: "server", socket: "l#1", state: "ESTABLISHED", local: "10.0.0.2:80", remote: "10.0.0.1:40000", recvQ: 5, sendQ: 0, orphan: false, inAcceptQueue: true },
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^Host\s+State\s+Recv-Q\s+Send-Q\s+Local Address:Port\s+Peer Address:Port\s+Process$/);
    expect(lines[1]).toMatch(/^server\s+LISTEN\s+3\s+2\s+10\.0\.0\.2:80\s+0\.0\.0\.0:\*\s+l$/);
    expect(lines[2]).toContain("TIME-WAIT");
    expect(lines[2]).toContain("timer:(timewait,59sec,0)");
    expect(lines[3]).toMatch(/^server\s+ESTAB\s+5\s+0/);
    // columns line up: every row has "State" at the same offset
    const col = lines[0]!.indexOf("State");
    expect(lines.slice(1).every((l) => /\S/.test(l[col]!) && l[col - 1] === " ")).toBe(true);
  });
});
