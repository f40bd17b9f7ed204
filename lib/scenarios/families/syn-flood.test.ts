import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { synFlood, type SynFloodConfig } from "./syn-flood";

const all = samples(synFlood, 150);

function setup(s: Sample<SynFloodConfig>) {
  return { B: steps(s.sc, "listen")[0]!.backlog, cookies: s.sc.sysctl.tcp_syncookies, maxSynBacklog: s.sc.sysctl.tcp_max_syn_backlog };
}

describe("syn-flood", () => {
  it("should never hold more than backlog + 1 SYN-RECV requests (inet_csk_reqsk_queue_is_full: qlen > backlog)", () => {
    for (const s of all) expect(s.g.answer.synRecv as number).toBeLessThanOrEqual(setup(s).B + 1);
  });

  it("should let the client in with its first SYN through a SYN cookie when the queue is full and tcp_syncookies=1", () => {
    const cases = all.filter((s) => setup(s).cookies === 1 && s.g.answer.synRecv === setup(s).B + 1);
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) expect(s.g.answer).toMatchObject({ cookie: "yes", outcome: "first", synRetrans: 0 });
  });

  it("should drop the client's SYN while the queue is full without cookies, so it must retransmit (or give up)", () => {
    const cases = all.filter((s) => setup(s).cookies === 0 && s.g.answer.synRecv === setup(s).B + 1);
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      expect(s.g.answer.cookie).toBe("no");
      expect(s.g.answer.outcome).not.toBe("first");
      if (s.g.answer.outcome === "retransmit") expect(s.g.answer.synRetrans as number).toBeGreaterThan(0);
    }
  });

  it("should answer every SYN with a cookie and keep no request at tcp_syncookies=2", () => {
    const cases = all.filter((s) => setup(s).cookies === 2);
    expect(cases.length).toBeGreaterThan(3);
    for (const s of cases) expect(s.g.answer).toMatchObject({ synRecv: 0, cookie: "yes", outcome: "first" });
  });

  it("should never send a cookie with tcp_syncookies=0", () => {
    for (const s of all.filter((x) => setup(x).cookies === 0)) expect(s.g.answer.cookie).toBe("no");
  });
});
