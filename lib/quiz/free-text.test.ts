import { describe, expect, it } from "vitest";
import { getBankQuestion } from "@/lib/content/questions";
import { gradeAuthored, parseAuthoredAnswer } from "./authored";
import { convertTime, matchesAny } from "./free-text";

/** Grades a typed answer against a bank question, as a student's submission would be. */
function score(bankId: string, typed: string): number {
  const q = getBankQuestion(bankId);
  if (!q) throw new Error(`no bank question ${bankId}`);
  const parsed = parseAuthoredAnswer(q, typed);
  if (!parsed.ok) return -1;
  return gradeAuthored(q, parsed.answer, "en").score;
}

describe("free-text answers against the shipped bank", () => {
  const cases: { id: string; right: string[]; wrong: string[] }[] = [
    {
      id: "seg-abort-flag",
      right: ["RST", "RST flag", "Reset (RST)", "the RST bit", "rst", "reset", "复位"],
      wrong: ["FIN", "SYN and RST", "not RST", "FIN or RST", "ACK"],
    },
    {
      id: "bl-abort-on-overflow",
      right: [
        "net.ipv4.tcp_abort_on_overflow=1",
        "tcp_abort_on_overflow",
        "net.ipv4.tcp_abort_on_overflow = 1",
        "sysctl net.ipv4.tcp_abort_on_overflow",
        "/proc/sys/net/ipv4/tcp_abort_on_overflow",
        "TCP_ABORT_ON_OVERFLOW",
      ],
      wrong: ["tcp_syncookies", "somaxconn", "tcp_max_syn_backlog=1", "abort"],
    },
    {
      id: "api-send-after-peer-close",
      right: ["EPIPE", "Broken pipe (EPIPE)", "errno 32", "EPIPE (32)", "broken pipe"],
      wrong: ["ECONNRESET", "EPIPE or ECONNRESET", "104", "pipe"],
    },
    {
      id: "api-listen-call",
      right: ["listen", "listen()", "listen(2)", "the listen() system call", "listen syscall"],
      wrong: ["accept", "bind", "accept(2)", "bind then listen then accept"],
    },
    {
      id: "hs-synrecv-state",
      right: ["SYN-RECEIVED", "SYN_RECV", "SYN-RECV state", "syn rcvd"],
      wrong: ["SYN-SENT", "ESTABLISHED", "LISTEN", "SYN_RECV or ESTABLISHED"],
    },
    {
      id: "td-close-wait-state",
      right: ["CLOSE_WAIT", "CLOSE_WAIT state", "close-wait", "CLOSE WAIT", "CLOSE-WAIT 状态"],
      wrong: ["TIME_WAIT", "FIN_WAIT_2", "CLOSED", "LAST_ACK", "CLOSE_WAIT or TIME_WAIT"],
    },
    {
      id: "tw-eaddrnotavail",
      right: ["EADDRNOTAVAIL", "errno 99", "Cannot assign requested address (EADDRNOTAVAIL)", "-99"],
      wrong: ["EADDRINUSE", "98", "ECONNREFUSED"],
    },
  ];

  for (const c of cases) {
    it(`should accept right answers and refuse wrong ones for ${c.id}`, () => {
      if (!getBankQuestion(c.id)) throw new Error(`the bank lost question ${c.id}`);
      for (const typed of c.right) expect(score(c.id, typed), typed).toBe(1);
      for (const typed of c.wrong) expect(score(c.id, typed), typed).toBe(0);
    });
  }
});

describe("matchesAny", () => {
  /** Every answer in `right` matches one of `keys`; none in `wrong` does. */
  function expectMatches(keys: string[], right: string[], wrong: string[] = []) {
    for (const typed of right) expect(matchesAny(typed, keys), typed).toBe(true);
    for (const typed of wrong) expect(matchesAny(typed, keys), typed).toBe(false);
  }

  it("should accept CLOSE_WAIT written as a state name and refuse another state next to it", () => {
    expectMatches(["CLOSE-WAIT"], ["CLOSE_WAIT state", "close wait"], ["CLOSE_WAIT then LAST_ACK", "CLOSED"]);
  });

  it("should require the key's value when the key gives one", () => {
    expectMatches(["tcp_abort_on_overflow=1"], ["tcp_abort_on_overflow = 1", "net.ipv4.tcp_abort_on_overflow 1"], ["tcp_abort_on_overflow=0"]);
  });

  it("should match Chinese keys inside a longer Chinese answer, but not a negated one", () => {
    expectMatches(["全连接队列"], ["全连接 队列", "应该是全连接队列"], ["不是全连接队列"]);
    expectMatches(["CLOSE-WAIT"], ["状态是 CLOSE_WAIT"]);
  });

  it("should bound the words around the key", () => {
    expectMatches(["RST"], [], ["I think it is probably maybe the RST flag"]);
  });
});

describe("convertTime", () => {
  it("should convert between ms and s and refuse other units", () => {
    expect(convertTime(200, "ms", "seconds")).toBeCloseTo(0.2);
    expect(convertTime(1.5, "s", "milliseconds")).toBeCloseTo(1500);
    expect(convertTime(3, "秒", "毫秒")).toBeCloseTo(3000);
    expect(convertTime(3, "segments", "seconds")).toBeUndefined();
  });
});
