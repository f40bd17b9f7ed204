import { describe, expect, it } from "vitest";
import { loadInterviewBank } from "@/lib/content/interview";
import { matchKeyPoint, suggestKeyPoints } from "./keypoints";

const bank = loadInterviewBank();
const q = (id: string) => bank.find((x) => x.id === id)!;

describe("matchKeyPoint", () => {
  const kw = { en: ["time-wait|time_wait", "60", "tcp_timewait_len"], zh: ["TIME-WAIT", "60"] };

  it("should match synonyms at word starts, any case, with - _ and space alike", () => {
    expect(matchKeyPoint("The socket sits in TIME_WAIT for 60 seconds.", kw)).toEqual({ covered: true, matched: ["time-wait", "60"] });
    // One concept of three in English is not enough; one of two in the Chinese list is.
    expect(matchKeyPoint("it is in time-wait", { en: kw.en, zh: ["等待", "60"] })).toEqual({ covered: false, matched: ["time-wait"] });
    expect(matchKeyPoint("time wait lasts a minute", kw)).toEqual({ covered: true, matched: ["TIME-WAIT"] });
    // "ack" must not be found inside "back".
    expect(matchKeyPoint("come back later", { en: ["ack"], zh: ["确认"] }).covered).toBe(false);
    expect(matchKeyPoint("it retransmits the FIN", { en: ["retransmi", "fin"], zh: ["重传"] }).covered).toBe(true);
  });

  it("should match Chinese anywhere and accept an answer in the other language", () => {
    expect(matchKeyPoint("主动关闭方进入TIME-WAIT，持续60秒", kw).covered).toBe(true);
    expect(matchKeyPoint("", kw)).toEqual({ covered: false, matched: [] });
  });
});

describe("the interview bank's keywords", () => {
  it("should let each key point's own text cover it, in both languages", () => {
    for (const question of bank) {
      question.keyPoints.forEach((point, i) => {
        expect(matchKeyPoint(point.en, point.keywords).covered, `${question.id}[${i}] en: ${point.en}`).toBe(true);
        expect(matchKeyPoint(point.zh, point.keywords).covered, `${question.id}[${i}] zh: ${point.zh}`).toBe(true);
      });
    }
  });

  it("should suggest the points a typical answer covers and not the others", () => {
    const answer = "The active closer goes to TIME-WAIT. If the last ACK is lost the peer retransmits its FIN and we can ACK it again.";
    expect(suggestKeyPoints(answer, q("iv-why-2msl").keyPoints).map((m) => m.covered)).toEqual([true, true, false, false]);
    const zh = "主动关闭的一方进入 TIME-WAIT；最后的 ACK 丢了的话，对方会重传 FIN。";
    expect(suggestKeyPoints(zh, q("iv-why-2msl").keyPoints).map((m) => m.covered)).toEqual([true, true, false, false]);
  });
});
